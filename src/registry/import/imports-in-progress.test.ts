import { expect, it } from 'vitest';
import { ImportsInProgress } from './imports-in-progress.ts';

const progress = (importId: number | null, rowsCommitted: number) => ({ phase: 'reading' as const, importId, rowsCommitted, bytesRead: rowsCommitted * 100, totalBytes: 10_000 });

it("shows a run's latest progress while it runs and forgets it once it ends, however it ends", async () => {
  const runs = new ImportsInProgress();
  let seen: unknown;
  await runs.track(async (onProgress) => {
    onProgress(progress(null, 0));
    expect(runs.of(7)).toBeNull();
    onProgress(progress(7, 20));
    onProgress(progress(7, 40));
    seen = runs.of(7);
    return Promise.resolve();
  });
  expect(seen).toEqual({ phase: 'reading', rowsCommitted: 40, bytesRead: 4000, totalBytes: 10_000 });
  expect(runs.of(7)).toBeNull();

  await expect(
    runs.track((onProgress) => {
      onProgress(progress(8, 20));
      return Promise.reject(new Error('the file broke'));
    }),
  ).rejects.toThrow('the file broke');
  expect(runs.of(8)).toBeNull();
});
