import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../errors.ts';
import { roadmapCommand } from './roadmap.command.ts';

describe('tttb roadmap', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('refuses an unreadable --at with VALIDATION_FAILED (exit 2) before touching the database', async () => {
    const run = roadmapCommand().exitOverride().parseAsync(['run', '--at', '31/02/2026'], { from: 'user' });
    await expect(run).rejects.toBeInstanceOf(AppError);
    await expect(roadmapCommand().exitOverride().parseAsync(['preview', '--at', 'x'], { from: 'user' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
    });
  });

  it('runs and previews against the configured database, one JSON object each', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-roadmap-cli-'));
    vi.stubEnv('TTTB_DATABASE_URL', `file:${path.join(dir, 'cli.db')}`);
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    try {
      await roadmapCommand().parseAsync(['run', '--at', '2026-06-15 08:00'], { from: 'user' });
      await roadmapCommand().parseAsync(['preview', '--at', '2026-06-30', '--commune', '30292'], { from: 'user' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(out.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({ at: '2026-06-15T01:00:00.000Z', counts: { reminder: 0, one_way: 0, two_way: 0, terminated: 0 } }),
      { at: '2026-06-30T16:59:59.999Z', rows: [], totals: { oneWay: 0, twoWay: 0, terminated: 0 }, lines: [], nextAfterId: null },
    ]);
  });
});
