// A worker thread's entry for a TypeScript module, as run-ts.mjs is the process's: a worker does
// not inherit its parent's tsx loader, so this registers it and imports the module that
// workerData.entry (a file URL) names.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
