/**
 * Moves SQLite's WAL checkpoints off the event loop. By default the connection that commits when
 * the WAL passes its threshold copies the whole WAL back into the database file inside that
 * commit: with a busy outbox that is a 100–200 ms stall every few seconds, during which no SMS is
 * acknowledged and no HTTP request answered. A worker thread with a connection of its own runs
 * PASSIVE checkpoints instead (they never block the writer; the writer restarts the WAL from the
 * beginning once a checkpoint has caught up). The main connection keeps a far higher threshold of
 * its own, so the WAL stays bounded even if the worker stops.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The worker's whole program (plain CommonJS: a worker does not inherit the TypeScript loader). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stops the worker; resolves once its connection is closed. */
  stop(): Promise<void>;
}

/** Starts checkpointing `file` every `intervalMs` from a worker thread. */
export function startCheckpointer(file: string, options: { intervalMs: number; onError(message: string): void }): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs: options.intervalMs } });
  // A process with nothing else to do may exit: the main connection's own close checkpoints.
  worker.unref();
  worker.on('message', (message: { error: string }) => options.onError(message.error));
  worker.on('error', (error) => options.onError(String(error)));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    stop() {
      // Held until it has exited: a start that fails early has nothing else keeping the process up.
      worker.ref();
      worker.postMessage('stop');
      return exited;
    },
  };
}
