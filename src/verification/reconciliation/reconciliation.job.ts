/**
 * Reconciliation: every line of a citizen sent, in batches, through the national service's batch
 * verification; each line's field-level result recorded and classified into one mismatch kind;
 * lines entered into the `cmnd9` and `mismatch` target groups. Resumable (the run's cursor
 * advances with every committed batch) and idempotent (a second run changes no result, membership,
 * requirement or event). Safe to call from a scheduler: it returns what it did.
 */
import type { Database } from '../../db/open.ts';
import type { Clock } from '../../clock/index.ts';
import type { JobDefinition } from '../../jobs/job.ts';
import { AppError } from '../../errors.ts';
import type { MismatchKind } from '../../db/schema.ts';
import type { BatchRecord, NationalIdService, UnavailableReason } from '../national-id/index.ts';
import { enterTargetGroups, type TargetGroupEntry } from '../target-groups/index.ts';
import { classifyAnswer, MISMATCH_KINDS, toBatchRecord } from './reconciliation.classify.ts';
import {
  abandonOpenRuns,
  advanceRun,
  countLines,
  createRun,
  findOpenRun,
  finishRun,
  lastFinishedAt,
  noteRunError,
  readLinesAfter,
  upsertResults,
  type LineToCheck,
  type ReconciliationRun,
  type ResultRow,
} from './reconciliation.repository.ts';
import { resolveReconciliationSettings, type ReconciliationSettings } from './reconciliation.settings.ts';
import { walkInKeyOrder } from '../../db/key-order.ts';

const SOURCE = 'reconciliation';

export type MismatchCounts = Record<MismatchKind, number>;

export interface ReconciliationOptions {
  /** Called after every committed batch with the lines done in this run and the lines to check. */
  onProgress?: (done: number, total: number) => void;
  /** Overrides `settings.batchSize`. */
  batchSize?: number;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
  /** Abandon an unfinished run and start over instead of resuming it. */
  restart?: boolean;
  settings?: Partial<ReconciliationSettings>;
}

export interface ReconciliationReport {
  runId: number;
  /** False when the run stopped early (service unavailable): call again to resume it. */
  finished: boolean;
  /** Whether this call continued an unfinished run. */
  resumed: boolean;
  /** Lines checked by the run so far, earlier calls included. */
  checked: number;
  /** Lines checked by this call. */
  checkedNow: number;
  /** Lines per mismatch kind over the whole run. */
  counts: MismatchCounts;
  /** New target-group memberships and started requirements, by this call. */
  entered: { cmnd9: number; mismatch: number };
  requirementsStarted: number;
  /** Why the run stopped early. */
  unavailable?: UnavailableReason;
}

/** Thrown when another worker advanced the same run meanwhile: this one stops, its batch rolled back. */
export class ConcurrentReconciliationError extends AppError {
  constructor(readonly runId: number) {
    super('RECONCILIATION_BUSY', `lần đối soát ${runId} đang được một tiến trình khác thực hiện`);
    this.name = 'ConcurrentReconciliationError';
  }
}

/** Reconciles the lines of `db` against `nationalId`, resuming an unfinished run unless told to restart. */
export async function runReconciliation(
  db: Database,
  nationalId: NationalIdService,
  options: ReconciliationOptions = {},
): Promise<ReconciliationReport> {
  const settings = resolveReconciliationSettings({
    ...options.settings,
    ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
  });
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const kysely = db.kysely;

  if (options.restart) await abandonOpenRuns(kysely, now(), 'restarted');
  const open = await findOpenRun(kysely);
  const run: ReconciliationRun = open ?? (await createRun(kysely, now()));
  const total = await countLines(kysely, settings.holderKinds);
  const report: ReconciliationReport = {
    runId: run.id,
    finished: false,
    resumed: open !== undefined,
    checked: Number(run.checked),
    checkedNow: 0,
    counts: { ...zeroCounts(), ...(JSON.parse(run.counts) as Partial<MismatchCounts>) },
    entered: { cmnd9: 0, mismatch: 0 },
    requirementsStarted: 0,
  };
  options.onProgress?.(report.checked, total);

  const walk = { after: Number(run.cursor), size: settings.batchSize, keyOf: (line: LineToCheck) => line.subscriberId };
  const reachedEnd = await walkInKeyOrder(walk, async (cursor) => {
    const lines = await readLinesAfter(kysely, cursor, settings.batchSize, settings.holderKinds);
    if (lines.length === 0) return lines;
    const checked = await checkBatch(nationalId, lines);
    if (checked.status === 'unavailable') {
      // Nothing of this batch is written: no line counts as checked, mismatched or verified.
      await noteRunError(kysely, run.id, now(), `unavailable:${checked.reason}`);
      report.unavailable = checked.reason;
      return 'stop';
    }
    const at = now();
    const last = lines[lines.length - 1] as LineToCheck;
    const counts = { ...report.counts };
    for (const result of checked.results) counts[result.kind]++;
    const batchChecked = report.checked + lines.length;
    // One transaction per batch, on the bulk path: results, target groups and the cursor together.
    await db.bulkLoad(async (writer) => {
      const trx = writer.kysely;
      await upsertResults(writer, checked.results.map((r) => resultRow(r, run.id, at)));
      const summary = await enterTargetGroups(trx, groupEntries(checked.results, settings, at));
      for (const m of summary.entered) if (m.group === 'cmnd9' || m.group === 'mismatch') report.entered[m.group]++;
      report.requirementsStarted += summary.requirementsStarted;
      const advanced = await advanceRun(trx, {
        id: run.id,
        from: cursor,
        to: last.subscriberId,
        checked: batchChecked,
        counts: JSON.stringify(counts),
        at,
      });
      if (!advanced) throw new ConcurrentReconciliationError(run.id);
    });
    report.counts = counts;
    report.checked = batchChecked;
    report.checkedNow += lines.length;
    options.onProgress?.(report.checked, total);
    return lines;
  });
  if (!reachedEnd) return report;
  await finishRun(kysely, run.id, now());
  report.finished = true;
  return report;
}

/**
 * The scheduled form: resumes an unfinished run, or starts one when `intervalMs` has passed on
 * the clock since the last run finished (or none ever has); otherwise does nothing (undefined).
 * So a restart of the service reconciles nothing that is not due.
 */
export async function reconcileWhenDue(
  db: Database,
  nationalId: NationalIdService,
  options: ReconciliationOptions & { intervalMs: number; now: () => Date },
): Promise<ReconciliationReport | undefined> {
  if (!(await findOpenRun(db.kysely))) {
    const finished = await lastFinishedAt(db.kysely);
    if (finished !== undefined && Date.parse(finished) + options.intervalMs > options.now().getTime()) return undefined;
  }
  return runReconciliation(db, nationalId, options);
}

/** The longest a due reconciliation waits: the job looks at its schedule this often. */
const RECONCILE_CHECK_MS = 60_000;

export interface ReconciliationJobContext {
  db: Database;
  clock: Clock;
  nationalId: NationalIdService;
  /** Time from the last finished run to the next (`TTTB_RECONCILE_INTERVAL_HOURS`); 0 = off. */
  reconcileIntervalMs: number;
}

/**
 * In the background after the service listens: resumes an unfinished run, else runs when one is
 * due by the clock (an interval after the last finished run); a start reconciles nothing more.
 */
export const reconciliationJob: JobDefinition<ReconciliationJobContext, ReconciliationReport | undefined> = {
  id: 'reconciliation.run',
  intervalMs: (ctx) => (ctx.reconcileIntervalMs > 0 ? Math.min(ctx.reconcileIntervalMs, RECONCILE_CHECK_MS) : 0),
  run: (ctx) => reconcileWhenDue(ctx.db, ctx.nationalId, { intervalMs: ctx.reconcileIntervalMs, now: () => ctx.clock.now() }),
  describe: (r) => r && `đối soát: ${r.checkedNow} thuê bao, ${r.requirementsStarted} thuê bao mới phải xác thực`,
};

interface CheckedLine {
  line: LineToCheck;
  kind: MismatchKind;
  documentResult: string;
  nameResult: string;
  birthDateResult: string;
  nameDetail: string | null;
  birthDateDetail: string | null;
  deceased: boolean;
  legacyDocument: boolean;
}

type BatchCheck = { status: 'answered'; results: CheckedLine[] } | { status: 'unavailable'; reason: UnavailableReason };

/** Asks the national service about the lines that can be asked about; the rest are `record_invalid`. */
async function checkBatch(nationalId: NationalIdService, lines: readonly LineToCheck[]): Promise<BatchCheck> {
  const records: BatchRecord[] = [];
  const invalid = new Set<number>();
  for (const line of lines) {
    const record = toBatchRecord(line);
    if (record) records.push(record);
    else invalid.add(line.subscriberId);
  }
  const outcome = records.length > 0 ? await nationalId.verifyBatch(records) : { status: 'answered' as const, results: [] };
  if (outcome.status === 'unavailable') return outcome;
  // Answers come in the order of the records, which skip the invalid lines.
  let next = 0;
  const results = lines.map((line): CheckedLine => {
    if (invalid.has(line.subscriberId)) return invalidLine(line);
    const answer = outcome.results[next++];
    if (answer?.ref !== String(line.subscriberId)) throw new Error('national service answered out of order');
    return {
      line,
      kind: classifyAnswer(answer),
      documentResult: answer.fields.documentNumber,
      nameResult: answer.fields.fullName,
      birthDateResult: answer.fields.birthDate,
      nameDetail: answer.details.name,
      birthDateDetail: answer.details.birthDate,
      deceased: answer.details.deceased,
      legacyDocument: answer.details.documentKind === 'cmnd9',
    };
  });
  return { status: 'answered', results };
}

function invalidLine(line: LineToCheck): CheckedLine {
  return {
    line,
    kind: 'record_invalid',
    documentResult: 'not_checked',
    nameResult: 'not_checked',
    birthDateResult: 'not_checked',
    nameDetail: null,
    birthDateDetail: null,
    deceased: false,
    legacyDocument: line.documentType === 'cmnd9',
  };
}

function resultRow(r: CheckedLine, runId: number, at: string): ResultRow {
  return {
    subscriber_id: r.line.subscriberId,
    run_id: runId,
    found_at: at,
    mismatch_kind: r.kind,
    document_result: r.documentResult,
    name_result: r.nameResult,
    birth_date_result: r.birthDateResult,
    name_detail: r.nameDetail,
    birth_date_detail: r.birthDateDetail,
    deceased: r.deceased ? 1 : 0,
  };
}

/** Lines registered with a 9-digit CMND join `cmnd9`; lines of a mismatch kind join `mismatch`. */
function groupEntries(results: readonly CheckedLine[], settings: ReconciliationSettings, at: string): TargetGroupEntry[] {
  const entries: TargetGroupEntry[] = [];
  for (const r of results) {
    const subscriberId = r.line.subscriberId;
    if (r.legacyDocument) entries.push({ subscriberId, group: 'cmnd9', source: SOURCE, at, actor: settings.actor });
    if (settings.mismatchKinds.includes(r.kind)) {
      entries.push({ subscriberId, group: 'mismatch', source: SOURCE, detail: r.kind, at, actor: settings.actor });
    }
  }
  return entries;
}

function zeroCounts(): MismatchCounts {
  return Object.fromEntries(MISMATCH_KINDS.map((k) => [k, 0])) as MismatchCounts;
}

