import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { generateDemo } from '../demo/index.ts';
import { reconcileCommand } from './reconcile.command.ts';

describe('tttb reconcile', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('reconciles the configured database and prints one JSON object; a second call starts a new run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-reconcile-cli-'));
    const url = `file:${path.join(dir, 'cli.db')}`;
    const out: string[] = [];
    try {
      const db = openDatabase(url);
      await migrateToLatest(db);
      await generateDemo(db, { lines: 300, seed: 3 });
      await db.close();
      vi.stubEnv('TTTB_DATABASE_URL', url);
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        out.push(String(chunk));
        return true;
      });
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      await reconcileCommand().parseAsync(['--batch-size', '100'], { from: 'user' });
      await reconcileCommand().parseAsync([], { from: 'user' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const [first, second] = out.map((line) => JSON.parse(line) as { runId: number; finished: boolean; checked: number; counts: Record<string, number>; entered: { mismatch: number }; seconds: number });
    expect(first).toMatchObject({ runId: 1, finished: true, resumed: false });
    expect(first?.checked).toBeGreaterThan(250);
    expect(Object.values(first?.counts ?? {}).reduce((a, b) => a + b, 0)).toBe(first?.checked);
    expect(second).toMatchObject({ runId: 2, finished: true, counts: first?.counts, entered: { mismatch: 0 } });
    expect(typeof second?.seconds).toBe('number');
  });

  it('refuses a batch size above the contract’s limit', async () => {
    await expect(reconcileCommand().exitOverride().configureOutput({ writeErr: () => undefined }).parseAsync(['--batch-size', '20000'], { from: 'user' })).rejects.toThrow();
  });
});
