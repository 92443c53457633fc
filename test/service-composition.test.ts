/**
 * `startService` takes its jobs from the one list of capabilities (src/capabilities.ts): every
 * capability's job runs unless its interval is 0, and the configured settings reach the routes.
 */
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createToken } from '../src/access/index.ts';
import { CAPABILITIES } from '../src/capabilities.ts';
import { loadConfig } from '../src/config.ts';
import { startService } from '../src/server.ts';
import { freePort } from './free-port.ts';

describe('the service composed from the capabilities', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-composition-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  /** A demo service on an empty database of its own, with `env` on top of the test settings. */
  async function start(name: string, env: Record<string, string>) {
    const config = loadConfig({
      TTTB_DATA_DIR: dataDir,
      TTTB_DATABASE_URL: `file:${path.join(dataDir, `${name}.db`)}`,
      TTTB_HOST: '127.0.0.1',
      TTTB_PORT: String(await freePort()),
      TTTB_SMSC_SIMULATOR_PORT: '0',
      TTTB_LOG_LEVEL: 'silent',
      ...env,
    });
    return startService(config, { demo: true, skipDemoData: true });
  }

  it('runs the job of every capability in the list, and the reconciliation job does its work', async () => {
    const service = await start('all-jobs', {});
    try {
      expect(service.jobs).toEqual(CAPABILITIES.flatMap((c) => c.jobs ?? []).map((job) => job.id));
      // A database that never finished a reconciliation gets one at once, in the background.
      const finished = () => service.db.kysely.selectFrom('reconciliation_runs').select('id').where('finished_at', 'is not', null).execute();
      await vi.waitFor(async () => expect(await finished()).toHaveLength(1), { timeout: 30_000, interval: 50 });
    } finally {
      await service.stop();
    }
  });

  it('turns a job off with an interval of 0', async () => {
    const service = await start('no-jobs', { TTTB_ROADMAP_INTERVAL_SECONDS: '0', TTTB_RECONCILE_INTERVAL_HOURS: '0' });
    try {
      // What is left are the demo's own: its clock and its simulated carriers' networks (their lock confirmations and their events).
      expect(service.jobs).toEqual(['demo.clock', 'demo.carriers', 'demo.carrier-events']);
    } finally {
      await service.stop();
    }
  });

  it('hands TTTB_VERIFICATION_ATTEMPTS_PER_CLIENT_PER_MINUTE to the verification route', async () => {
    const service = await start('limits', { TTTB_VERIFICATION_ATTEMPTS_PER_CLIENT_PER_MINUTE: '1', TTTB_ROADMAP_INTERVAL_SECONDS: '0', TTTB_RECONCILE_INTERVAL_HOURS: '0' });
    try {
      // VNeID's connection pushes the attempts, with its API token (the access hook resolves it).
      const { token } = await createToken(service.db, { name: 'vneid', role: 'vneid_integration', scopes: [] }, { actor: 'test', now: new Date() });
      // A number outside the registry counts for its client too, so the empty database will do.
      const attempt = () =>
        fetch(`${service.url}/api/v1/verifications`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ msisdn: '0912000042', channel: 'vneid', identity: { documentNumber: '089200000042', fullName: 'Nguyễn Văn B', birthDate: '01/01/1990' } }),
        });
      expect((await attempt()).status).toBe(404);
      const second = await attempt();
      expect(second.status).toBe(429);
      expect(await second.json()).toMatchObject({ code: 'VERIFICATION_CLIENT_LIMIT' });
    } finally {
      await service.stop();
    }
  });

  it('a start that fails after listening lets go of its port (the app and the jobs stop with the database)', async () => {
    // The demo's SMSC simulator cannot write its file under a data directory that is a file.
    const notADirectory = path.join(dataDir, 'not-a-directory');
    fs.writeFileSync(notADirectory, '');
    const port = await freePort();
    const config = loadConfig({
      TTTB_DATA_DIR: notADirectory,
      TTTB_DATABASE_URL: `file:${path.join(dataDir, 'failing.db')}`,
      TTTB_HOST: '127.0.0.1',
      TTTB_PORT: String(port),
      TTTB_SMSC_SIMULATOR_PORT: '0',
      TTTB_LOG_LEVEL: 'silent',
    });
    await expect(startService(config, { demo: true, skipDemoData: true })).rejects.toThrow();
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
