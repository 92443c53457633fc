/**
 * Every choice reconciliation makes that no source fixes, as named settings with their defaults
 * (docs/domain.md, "Confidence": assumed rules are settings, never constants buried in logic).
 */
import type { MismatchKind } from '../../db/schema.ts';
import type { HolderKind } from '../../domain/index.ts';
import { MAX_BATCH_SIZE } from '../national-id/index.ts';
import { MISMATCH_KINDS } from './reconciliation.classify.ts';

export interface ReconciliationSettings {
  /** Lines per national-service call and per transaction; at most the contract's MAX_BATCH_SIZE. */
  batchSize: number;
  /**
   * Whose lines are reconciled by personal ID number. Organisations' and foreigners' lines are
   * checked otherwise (the representative in person; passports), so citizens only by default.
   */
  holderKinds: readonly HolderKind[];
  /**
   * Kinds that put a line into the `mismatch` target group, which starts the roadmap (one-way lock
   * two hours later, docs/domain.md, "Roadmap"). Assumed: every kind but `ok` — a 9-digit CMND no longer
   * matches the population database's document number, and a deceased holder's line is in
   * someone else's hands.
   */
  mismatchKinds: readonly MismatchKind[];
  /** Recorded as the actor of the requirement events reconciliation causes. */
  actor: string;
}

export const DEFAULT_RECONCILIATION_SETTINGS: Readonly<ReconciliationSettings> = {
  // Assumed: large enough to amortise a call and a transaction, small enough that a batch's rows
  // and an interrupted batch stay cheap (half the contract's MAX_BATCH_SIZE).
  batchSize: 5_000,
  holderKinds: ['citizen'],
  mismatchKinds: MISMATCH_KINDS.filter((kind) => kind !== 'ok'),
  actor: 'system:reconciliation',
};

/** The defaults with `overrides` applied; refuses a batch size the contract does not allow. */
export function resolveReconciliationSettings(overrides: Partial<ReconciliationSettings> = {}): ReconciliationSettings {
  const settings = { ...DEFAULT_RECONCILIATION_SETTINGS, ...overrides };
  if (!Number.isInteger(settings.batchSize) || settings.batchSize < 1 || settings.batchSize > MAX_BATCH_SIZE) {
    throw new RangeError(`batchSize must be an integer in 1…${MAX_BATCH_SIZE}, got ${settings.batchSize}`);
  }
  return settings;
}
