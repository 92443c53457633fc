/**
 * Loads a carrier's subscriber file into the registry (docs/imports.md).
 *
 * 1. The file's SHA-256: the same file twice changes nothing, and an interrupted run of it resumes.
 * 2. Reading, streamed: each row checked with the domain rules; valid rows and row reports are
 *    committed in chunks with the run's cursor, so a run killed while reading resumes after the
 *    last committed chunk and memory stays flat whatever the file's size.
 * 3. Applying, in one transaction: the registry takes the whole file or nothing of it. A run
 *    killed while applying left the registry as it was; run again, it applies the staged rows.
 */
import type { Database } from '../../db/open.ts';
import type { ImportMode, ImportPolicy } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Carrier } from '../../domain/index.ts';
import { layoutColumns, SUBSCRIBER_FILE_COLUMNS } from './subscriber-columns.ts';
import { checkedFileChunks } from './checked-chunks.ts';
import { checkedChunksInWorker } from './row-check.thread.ts';
import {
  applyStaged,
  countSubscribers,
  createRun,
  findRunOfFile,
  finishRun,
  getRun,
  settleDuplicates,
  stageChunk,
  type ApplyCounts,
  type ImportRun,
} from './subscriber-import.repository.ts';
import { hashFile } from './file-hash.ts';
import { headerProblem } from './table-columns.ts';
import { openTable, type OpenedTable } from './table-file.ts';

/**
 * Rows committed together while reading: a resumed run repeats at most this many. Small enough
 * that a chunk dies young in V8's heap (20,000 rows were promoted and collected late).
 */
const CHUNK_ROWS = 5_000;
/** A snapshot may close at most this share of the carrier's lines without a confirmation. */
export const DEFAULT_CLOSE_SHARE_LIMIT = 0.05;

export const IMPORT_PHASES = ['hashing', 'reading', 'applying'] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];

/** Progress as the CLI's bar and the page show it. */
export interface ImportProgress {
  phase: ImportPhase;
  importId: number | null;
  /** Data rows read and committed so far (reading); the file's bytes read (hashing, reading). */
  rowsCommitted: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ImportRequest {
  path: string;
  /** The name the file had where it came from (the upload's or the path's base name). */
  fileName: string;
  carrier: Carrier;
  mode: ImportMode;
  policy: ImportPolicy;
  dryRun: boolean;
  /** A snapshot may close more than the limit's share of lines: someone has looked and agreed. */
  confirmClosures: boolean;
  closeShareLimit?: number;
  actor: string;
  now: () => Date;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportDependencies {
  db: Database;
  /**
   * Files of at least this many bytes are read and checked in a worker thread, beside the writing
   * (default {@link CHECK_IN_WORKER_FROM_BYTES}); smaller ones in this thread, sparing a worker's
   * start. Either way rows are checked against standardRowReferences().
   */
  checkInWorkerFromBytes?: number;
}

/** About 6,000 lines of a subscriber file: below it a worker's start (module loading) costs more than it saves. */
export const CHECK_IN_WORKER_FROM_BYTES = 1 << 20;

/** What a run did, for the CLI's answer, the API and the history page. */
export interface ImportReport {
  importId: number;
  state: ImportRun['state'];
  /** The same file was applied before: this call changed nothing. */
  alreadyApplied: boolean;
  /** The data row after which this call went on reading (0 for a fresh run). */
  resumedAfterRow: number;
  rowsRead: number;
  rowsStaged: number;
  rowsRejected: number;
  rowsWarned: number;
  counts: ApplyCounts | null;
  outcomeCode: string | null;
}

/**
 * Imports one subscriber file for `carrier`. A refusal by the rules (rejected rows under
 * all-or-nothing, too many closures) is an answer, not an exception: the report says which.
 * @throws TableFileError when the file cannot be read at all; AppError SUBSCRIBER_FILE_COLUMNS.
 */
export async function importSubscriberFile(deps: ImportDependencies, request: ImportRequest): Promise<ImportReport> {
  const { db } = deps;
  const file = await hashFile(request.path, (bytesRead, totalBytes) =>
    request.onProgress?.({ phase: 'hashing', importId: null, rowsCommitted: 0, bytesRead, totalBytes }),
  );
  const previous = await findRunOfFile(db, request.carrier, file.sha256);
  if (previous?.state === 'applied') return report(previous, { alreadyApplied: true, resumedAfterRow: previous.rows_read });

  const table = await openTable(request.path);
  const layout = layoutColumns(table.header);
  if (layout.missing.length > 0 || layout.duplicated.length > 0) {
    throw new AppError('SUBSCRIBER_FILE_COLUMNS', headerProblem(layout, SUBSCRIBER_FILE_COLUMNS), { missing: layout.missing, duplicated: layout.duplicated });
  }

  const resumable = previous && isResumable(previous, request) ? previous : undefined;
  const run =
    resumable ??
    (await createRun(db, {
      carrier: request.carrier,
      mode: request.mode,
      policy: request.policy,
      fileName: request.fileName,
      sha256: file.sha256,
      bytes: file.bytes,
      format: table.format,
      encoding: table.encoding,
      actor: request.actor,
      at: request.now().toISOString(),
    }));
  const resumedAfterRow = resumable ? resumable.rows_read : 0;

  if (run.state === 'staging') {
    await stageFile(deps, table, run, request);
    await settleDuplicates(db, run.id);
  }
  request.onProgress?.({ phase: 'applying', importId: run.id, rowsCommitted: run.rows_read, bytesRead: file.bytes, totalBytes: file.bytes });
  // As staging left it: the run read before staging counts no staged rows yet.
  await applyRun(db, (await getRun(db, run.id)) as ImportRun, request);
  const finished = (await getRun(db, run.id)) as ImportRun;
  return report(finished, { alreadyApplied: false, resumedAfterRow });
}

/**
 * A run of the same file that did not finish goes on where it stopped, when it was asked in the same
 * way; a run that stopped for confirmation goes on when confirmed.
 */
function isResumable(run: ImportRun, request: ImportRequest): boolean {
  if (run.mode !== request.mode || run.policy !== request.policy) return false;
  if (run.state === 'staging' || run.state === 'staged') return true;
  return run.state === 'needs_confirmation' && request.confirmClosures;
}

async function stageFile(deps: ImportDependencies, table: OpenedTable, run: ImportRun, request: ImportRequest): Promise<void> {
  const job = { path: request.path, asOf: request.now().toISOString(), afterRow: run.rows_read, rowsPerChunk: CHUNK_ROWS };
  const chunks =
    table.progress().totalBytes >= (deps.checkInWorkerFromBytes ?? CHECK_IN_WORKER_FROM_BYTES)
      ? checkedChunksInWorker(job)
      : checkedFileChunks(table, job);
  for await (const chunk of chunks) {
    await stageChunk(deps.db, run.id, chunk);
    request.onProgress?.({ phase: 'reading', importId: run.id, rowsCommitted: chunk.lastRow, bytesRead: chunk.bytesRead, totalBytes: table.progress().totalBytes });
  }
}

async function applyRun(db: Database, run: ImportRun, request: ImportRequest): Promise<void> {
  const at = request.now().toISOString();
  const rollback = new DryRunRollback();
  // A file that brings more lines than the registry holds (a carrier's first load): building the
  // registry's indexes once after it is far cheaper than growing them line by line.
  const rebuildIndexesOf = run.rows_staged > (await countSubscribers(db)) ? (['subscribers'] as const) : [];
  try {
    await db.bulkLoad(async (writer) => {
      const outcome = await applyStaged(db, writer, {
        importId: run.id,
        carrier: run.carrier,
        mode: run.mode,
        actor: run.actor,
        at,
        closeShareLimit: request.confirmClosures ? null : (request.closeShareLimit ?? DEFAULT_CLOSE_SHARE_LIMIT),
        refuseOnRejected: run.policy === 'all_or_nothing',
      });
      if (request.dryRun && outcome.state === 'applied') {
        rollback.counts = outcome.counts;
        throw rollback;
      }
      await finishRun(db, writer, run.id, { state: outcome.state, at, code: outcome.state === 'applied' ? null : outcome.code, counts: outcome.counts });
    }, { rebuildIndexesOf });
  } catch (error) {
    if (error !== rollback) throw error;
    // A dry run: what the file would do, recorded; the registry rolled back untouched.
    await db.bulkLoad((writer) => finishRun(db, writer, run.id, { state: 'dry_run', at, code: null, counts: rollback.counts }));
  }
}

/** Thrown inside the apply transaction to roll a dry run back after it counted what it would do. */
class DryRunRollback extends Error {
  counts: ApplyCounts | null = null;
}

function report(run: ImportRun, extra: { alreadyApplied: boolean; resumedAfterRow: number }): ImportReport {
  const applied = run.state === 'applied' || run.state === 'dry_run';
  return {
    importId: run.id,
    state: run.state,
    alreadyApplied: extra.alreadyApplied,
    resumedAfterRow: extra.resumedAfterRow,
    rowsRead: run.rows_read,
    rowsStaged: run.rows_staged,
    rowsRejected: run.rows_rejected,
    rowsWarned: run.rows_warned,
    counts:
      applied || run.state === 'refused' || run.state === 'needs_confirmation'
        ? {
            added: run.lines_added,
            changed: run.lines_changed,
            unchanged: run.lines_unchanged,
            closed: run.lines_closed,
            portedIn: run.lines_ported_in,
            conflicts: run.conflicts,
          }
        : null,
    outcomeCode: run.outcome_code,
  };
}
