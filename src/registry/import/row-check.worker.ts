/**
 * Reads and checks a subscriber file in a worker thread (row-check.thread.ts starts it): the
 * import's thread writes one chunk while this one checks the next, and the garbage of reading a
 * file stays in this thread's bounded heap. Chunks are posted as they are made, no more than
 * {@link CHUNKS_IN_FLIGHT} ahead of the writer's acknowledgements.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkedChunks } from './checked-chunks.ts';
import { layoutColumns } from './subscriber-columns.ts';
import { standardRowReferences } from './subscriber-import.dependencies.ts';
import { SubscriberRowChecker } from './subscriber-row.ts';
import { openTable } from './table-file.ts';
import { CHUNKS_IN_FLIGHT, type RowCheckJob, type RowCheckMessage } from './row-check.thread.ts';

const port = parentPort;
if (!port) throw new Error('row-check.worker.ts runs as a worker thread');
const job = workerData as RowCheckJob & { entry: string };
const post = (message: RowCheckMessage) => port.postMessage(message);

let inFlight = 0;
let wake: (() => void) | null = null;
port.on('message', () => {
  inFlight--;
  wake?.();
  wake = null;
});

try {
  const table = await openTable(job.path);
  try {
    const layout = layoutColumns(table.header);
    const checker = new SubscriberRowChecker(layout, { ...standardRowReferences(), asOf: new Date(job.asOf) });
    for await (const chunk of checkedChunks(table, layout, checker, job.afterRow, job.rowsPerChunk)) {
      post({ kind: 'chunk', chunk });
      if (++inFlight >= CHUNKS_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    await table.close();
  }
  post({ kind: 'done' });
} catch (error) {
  const { code, tableCode } = error as { code?: string; tableCode?: string };
  post({ kind: 'failed', tableCode: tableCode ?? null, code: code ?? null, message: (error as Error).message ?? String(error) });
}
