/**
 * A demo's service re-reads its stored clock now and then, since `tttb demo clock` (another
 * process) may move it meanwhile. Production's wall clock needs no refresh: the job is off there.
 */
import type { JobDefinition } from '../jobs/job.ts';
import type { Deployment } from './deployment.ts';

/** How often a demo's service re-reads its clock. */
const DEMO_CLOCK_REFRESH_MS = 1_000;

export const demoClockJob: JobDefinition<{ deployment: Deployment }, void> = {
  id: 'demo.clock',
  intervalMs: (ctx) => (ctx.deployment.mode === 'demo' ? DEMO_CLOCK_REFRESH_MS : 0),
  run: (ctx) => ctx.deployment.refresh(),
  describe: () => undefined,
};
