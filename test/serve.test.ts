import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/open.ts';
import { generateDemo } from '../src/demo/index.ts';
import { startService, type RunningService } from '../src/server.ts';
import { createSimulatorNationalIdService, type NationalIdService } from '../src/verification/national-id/index.ts';
import { runReconciliation } from '../src/verification/reconciliation/index.ts';
import { spawnCli } from './run-cli.ts';
import { freePort } from './free-port.ts';

/** Polls `url` until it answers 200 or the deadline passes. */
async function waitForOk(url: string, deadline: number): Promise<Response> {
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return res;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 in time`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('tttb serve --demo (what npm start runs)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-serve-'));
  const port = String(20_000 + Math.floor(Math.random() * 20_000));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('starts on an empty data directory, loads the demo campaign and answers /healthz and /api/docs', async () => {
    const child = spawnCli(['serve', '--demo'], { TTTB_PORT: port, TTTB_DATA_DIR: dataDir, TTTB_DEMO_LINES: '3000', TTTB_HOST: '127.0.0.1' });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    try {
      // A first start loads the demo and makes its accounts (argon2): on a busy shared machine that took over a minute.
      const health = await waitForOk(`http://127.0.0.1:${port}/healthz`, Date.now() + 150_000);
      expect(await health.json()).toEqual({ status: 'ok', database: 'sqlite' });
      expect(fs.existsSync(path.join(dataDir, 'tttb.db'))).toBe(true);
      const docs = await fetch(`http://127.0.0.1:${port}/api/docs/json`);
      expect(docs.status).toBe(200);
      const units = (await (await fetch(`http://127.0.0.1:${port}/api/v1/admin-units/`)).json()) as { items: { population: number | null }[] };
      expect(units.items.every((u) => (u.population ?? 0) > 0)).toBe(true);
      expect(log).toContain(`http://127.0.0.1:${port}`);
      // A new demo: the service's clock starts on the campaign's first day (00:00 in Vietnam), whatever today is.
      expect(log).toMatch(/demo, bây giờ 2026-04-27T17:0/);

      // A second start on the same port (an operator's slip): a stable code naming the setting, exit 2.
      const secondDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-serve-2-'));
      const second = spawnCli(['serve', '--demo'], { TTTB_PORT: port, TTTB_DATA_DIR: secondDir, TTTB_DEMO_LINES: '200', TTTB_HOST: '127.0.0.1', TTTB_SMSC_SIMULATOR_PORT: '0' });
      let stderr = '';
      second.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((r) => second.once('exit', r));
      expect(code).toBe(2);
      expect(stderr).toContain('PORT_IN_USE');
      expect(stderr).toContain('TTTB_PORT');
      fs.rmSync(secondDir, { recursive: true, force: true });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    expect(log).not.toMatch(/"level":(50|60)/);
  }, 180_000);
});

/** A promise the test opens when it chooses. */
function gate(): { open(): void; passed: Promise<void> } {
  let open = () => {};
  const passed = new Promise<void>((resolve) => (open = resolve));
  return { open: () => open(), passed };
}

describe('a start of the service with a reconciliation run unfinished', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-serve-resume-'));
  const url = `file:${path.join(dataDir, 'tttb.db')}`;
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('answers /healthz while the run resumes in the background, and the run then finishes', async () => {
    const db = openDatabase(url);
    try {
      await migrateToLatest(db);
      await generateDemo(db, { lines: 300, seed: 2026 });
      const outage: NationalIdService = { ...createSimulatorNationalIdService(db), verifyBatch: () => Promise.resolve({ status: 'unavailable', reason: 'timeout' }) };
      expect((await runReconciliation(db, outage)).finished).toBe(false);
    } finally {
      await db.close();
    }

    // A national service that holds its first answer until the test lets it go.
    const released = gate();
    const asked = gate();
    const config = loadConfig({
      TTTB_DATA_DIR: dataDir,
      TTTB_DATABASE_URL: url,
      TTTB_HOST: '127.0.0.1',
      TTTB_PORT: String(await freePort()),
      TTTB_SMSC_SIMULATOR_PORT: '0',
      TTTB_ROADMAP_INTERVAL_SECONDS: '0',
      TTTB_LOG_LEVEL: 'silent',
    });
    let service: RunningService | undefined;
    const holding = (simulator: NationalIdService): NationalIdService => ({
      ...simulator,
      verifyBatch: async (records) => {
        asked.open();
        await released.passed;
        return simulator.verifyBatch(records);
      },
    });
    const probe = openDatabase(url);
    try {
      service = await startService(config, { demo: true, nationalId: holding(createSimulatorNationalIdService(probe)) });
      await asked.passed;
      const health = await fetch(`${service.url}/healthz`);
      expect(health.status).toBe(200);
      const open = () => probe.kysely.selectFrom('reconciliation_runs').select(['id', 'finished_at']).where('finished_at', 'is', null).execute();
      expect(await open()).toHaveLength(1);
      released.open();
      await vi.waitFor(async () => expect(await open()).toHaveLength(0), { timeout: 30_000, interval: 50 });
      expect(await probe.kysely.selectFrom('reconciliation_runs').select('id').execute()).toHaveLength(1);
    } finally {
      released.open();
      await service?.stop();
      await probe.close();
    }
  });
});
