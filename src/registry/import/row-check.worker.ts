/**
 * Reads and checks a subscriber file in a worker thread (row-check.thread.ts starts it): the
 * import's thread writes one chunk while this one checks the next, and the garbage of reading a
 * file stays in this thread's bounded heap. Chunks are posted as they are made, no more than
 * {@link CHUNKS_IN_FLIGHT} ahead of the writer's acknowledgements.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkedFileChunks, type RowCheckJob } from './checked-chunks.ts';
import { openTable } from './table-file.ts';
import { CHUNKS_IN_FLIGHT, type RowCheckMessage } from './row-check.thread.ts';

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
    for await (const chunk of checkedFileChunks(table, job)) {
      post({ kind: 'chunk', chunk });
      if (++inFlight >= CHUNKS_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    await table.close();
  }
  post({ kind: 'done' });
} catch (error) {
  const { tableCode } = error as { tableCode?: string };
  post({ kind: 'failed', tableCode: tableCode ?? null, message: (error as Error).message ?? String(error) });
}
