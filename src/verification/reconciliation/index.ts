/** Reconciliation of the lines with the National Population Database, as a job and a command. */
import type { Capability } from '../../capability.ts';
import { reconciliationJob, type ReconciliationJobContext } from './reconciliation.job.ts';

export {
  ConcurrentReconciliationError,
  reconcileWhenDue,
  reconciliationJob,
  type ReconciliationJobContext,
  runReconciliation,
  type MismatchCounts,
  type ReconciliationOptions,
  type ReconciliationReport,
} from './reconciliation.job.ts';
export { classifyAnswer, MISMATCH_KINDS, toBatchRecord } from './reconciliation.classify.ts';
export {
  DEFAULT_RECONCILIATION_SETTINGS,
  resolveReconciliationSettings,
  type ReconciliationSettings,
} from './reconciliation.settings.ts';

export const reconciliationCapability: Capability<object, ReconciliationJobContext> = {
  name: 'reconciliation',
  jobs: [reconciliationJob],
};
