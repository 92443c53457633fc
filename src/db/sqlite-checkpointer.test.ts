import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from './open.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

it('copies committed pages into the database file from a worker thread, not inside the commits', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-checkpoint-'));
  dirs.push(dir);
  const file = path.join(dir, 'test.db');
  const errors: string[] = [];
  const db = openDatabase(`file:${file}`, { backgroundCheckpoints: { onError: (error) => errors.push(error) } });
  try {
    await sql`create table filler (id integer primary key, body text not null)`.execute(db.kysely);
    // About 4 MB in small commits, as a busy outbox writes: far below the commit-time threshold.
    for (let batch = 0; batch < 40; batch += 1) {
      await db.kysely.transaction().execute(async (trx) => {
        for (let i = 0; i < 25; i += 1) await sql`insert into filler (body) values (${'x'.repeat(4_000)})`.execute(trx);
      });
    }
    await expect.poll(() => fs.statSync(file).size, { timeout: 5_000, interval: 100 }).toBeGreaterThan(4_000_000);
    expect(errors).toEqual([]);
  } finally {
    await db.close();
  }
  // Closed: the worker's connection too (the file can be opened exclusively and read whole).
  const again = openDatabase(`file:${file}`);
  try {
    const { rows } = await sql<{ n: number }>`select count(*) as n from filler`.execute(again.kysely);
    expect(rows[0]?.n).toBe(1_000);
  } finally {
    await again.close();
  }
});
