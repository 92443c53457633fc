import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCli } from './run-cli.ts';

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
      const health = await waitForOk(`http://127.0.0.1:${port}/healthz`, Date.now() + 60_000);
      expect(await health.json()).toEqual({ status: 'ok', database: 'sqlite' });
      expect(fs.existsSync(path.join(dataDir, 'tttb.db'))).toBe(true);
      const docs = await fetch(`http://127.0.0.1:${port}/api/docs/json`);
      expect(docs.status).toBe(200);
      const units = (await (await fetch(`http://127.0.0.1:${port}/api/v1/admin-units/`)).json()) as { items: { population: number | null }[] };
      expect(units.items.every((u) => (u.population ?? 0) > 0)).toBe(true);
      expect(log).toContain(`http://127.0.0.1:${port}`);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    expect(log).not.toMatch(/"level":(50|60)/);
  });
});
