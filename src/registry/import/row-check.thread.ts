/**
 * The import's side of row-check.worker.ts: the same chunks as checkedFileChunks, checked in a
 * worker thread. The worker builds its row context from the repository's reference tables
 * (standardRowReferences), as subscriberImportDependencies does.
 */
import { Worker } from 'node:worker_threads';
import type { CheckedChunk, RowCheckJob } from './checked-chunks.ts';
import { TableFileError, type TableFileErrorCode } from './table-file-errors.ts';

/** Chunks the worker may have posted and the writer not yet committed. */
export const CHUNKS_IN_FLIGHT = 2;

/**
 * The worker's heap. Its live data is the reference tables and the chunks in flight (tens of MB);
 * the bound is for the garbage, which an unbounded heap let grow to hundreds of MB before collecting.
 */
const WORKER_OLD_GENERATION_MB = 160;

export type RowCheckMessage =
  | { kind: 'chunk'; chunk: CheckedChunk }
  | { kind: 'done' }
  | { kind: 'failed'; tableCode: string | null; message: string };

/** The file's checked chunks from a worker thread; stopping early (an error while writing) ends the worker. */
export async function* checkedChunksInWorker(job: RowCheckJob): AsyncGenerator<CheckedChunk> {
  const worker = new Worker(new URL('../../../bin/run-ts-worker.mjs', import.meta.url), {
    workerData: { ...job, entry: new URL('./row-check.worker.ts', import.meta.url).href },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB },
  });
  const queue: (RowCheckMessage | { kind: 'crashed'; error: Error })[] = [];
  let notify: (() => void) | null = null;
  const push = (item: (typeof queue)[number]) => {
    queue.push(item);
    notify?.();
    notify = null;
  };
  worker.on('message', (message: RowCheckMessage) => push(message));
  worker.on('error', (error) => push({ kind: 'crashed', error }));
  worker.on('exit', (code) => push({ kind: 'crashed', error: new Error(`the row-check worker stopped (exit code ${code})`) }));
  try {
    for (;;) {
      if (queue.length === 0) await new Promise<void>((resolve) => (notify = resolve));
      const item = queue.shift() as (typeof queue)[number];
      if (item.kind === 'done') return;
      if (item.kind === 'crashed') throw item.error;
      if (item.kind === 'failed') {
        if (item.tableCode !== null) throw new TableFileError(item.tableCode as TableFileErrorCode, item.message);
        throw new Error(item.message);
      }
      yield item.chunk;
      worker.postMessage('committed');
    }
  } finally {
    await worker.terminate();
  }
}
