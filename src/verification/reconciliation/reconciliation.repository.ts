/**
 * SQL of reconciliation: runs with their cursor, keyset-paged reads of the lines to check, and
 * results written set-based (one row per line, the latest result).
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { BulkWriter } from '../../db/open.ts';
import type { DB, ReconciliationResultTable, ReconciliationRunTable } from '../../db/schema.ts';
import type { HolderKind } from '../../domain/index.ts';
import type { LineIdentity } from './reconciliation.classify.ts';

export type ReconciliationRun = Selectable<ReconciliationRunTable>;

/** The most recent run that has not finished, if any. */
export function findOpenRun(db: Kysely<DB>): Promise<ReconciliationRun | undefined> {
  return db.selectFrom('reconciliation_runs').selectAll().where('finished_at', 'is', null).orderBy('id', 'desc').executeTakeFirst();
}

/** When the last run finished (abandoned runs included: a restart opens a new run at once). */
export async function lastFinishedAt(db: Kysely<DB>): Promise<string | undefined> {
  const row = await db.selectFrom('reconciliation_runs').select((eb) => eb.fn.max('finished_at').as('at')).executeTakeFirst();
  return row?.at ?? undefined;
}

export async function createRun(db: Kysely<DB>, at: string): Promise<ReconciliationRun> {
  return db
    .insertInto('reconciliation_runs')
    .values({ started_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Closes every unfinished run (a restart), noting why. */
export async function abandonOpenRuns(db: Kysely<DB>, at: string, why: string): Promise<void> {
  await db
    .updateTable('reconciliation_runs')
    .set({ finished_at: at, updated_at: at, last_error: why })
    .where('finished_at', 'is', null)
    .execute();
}

/**
 * Moves a run's cursor after a batch, in the batch's transaction. Refuses (returns false) when
 * the cursor is no longer where this worker left it: another worker is running the same run.
 */
export async function advanceRun(
  db: Kysely<DB>,
  run: { id: number; from: number; to: number; checked: number; counts: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('reconciliation_runs')
    .set({ cursor: run.to, checked: run.checked, counts: run.counts, updated_at: run.at, last_error: null })
    .where('id', '=', run.id)
    .where('cursor', '=', run.from)
    .where('finished_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function finishRun(db: Kysely<DB>, id: number, at: string): Promise<void> {
  await db.updateTable('reconciliation_runs').set({ finished_at: at, updated_at: at }).where('id', '=', id).execute();
}

/** Notes why a run stopped (it stays unfinished and resumes from its cursor). */
export async function noteRunError(db: Kysely<DB>, id: number, at: string, error: string): Promise<void> {
  await db.updateTable('reconciliation_runs').set({ last_error: error, updated_at: at }).where('id', '=', id).execute();
}

/** Lines of the given holder kinds: how many there are (for progress). */
export async function countLines(db: Kysely<DB>, holderKinds: readonly HolderKind[]): Promise<number> {
  const row = await db
    .selectFrom('subscribers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('holder_kind', 'in', holderKinds)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface LineToCheck extends LineIdentity {
  documentType: string;
}

/** The next `limit` lines after `afterId`, in id order: one query, keyset pagination on the key. */
export async function readLinesAfter(
  db: Kysely<DB>,
  afterId: number,
  limit: number,
  holderKinds: readonly HolderKind[],
): Promise<LineToCheck[]> {
  const rows = await db
    .selectFrom('subscribers')
    .select(['id', 'document_type', 'document_number', 'full_name', 'birth_date'])
    .where('id', '>', afterId)
    .where('holder_kind', 'in', holderKinds)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    subscriberId: Number(r.id),
    documentType: r.document_type,
    documentNumber: r.document_number,
    fullName: r.full_name,
    birthDate: r.birth_date,
  }));
}

/** One line's reconciliation result, as stored. */
export type ResultRow = ReconciliationResultTable;

/** What a result says; `run_id` and `found_at` only record which check said it first. */
const RESULT_FIELDS = [
  'mismatch_kind',
  'document_result',
  'name_result',
  'birth_date_result',
  'name_detail',
  'birth_date_detail',
  'deceased',
] as const satisfies readonly (keyof ResultRow)[];
const RESULT_COLUMNS = ['subscriber_id', 'run_id', 'found_at', ...RESULT_FIELDS] as const;

/**
 * Writes the latest result of each line of a batch through the bulk path: the rows staged (COPY on
 * PostgreSQL), then one set-based upsert from there, which spares building and preparing a
 * statement with tens of thousands of parameters per batch. A line whose result is unchanged is
 * left as it is, so a repeated run writes nothing.
 */
export async function upsertResults(writer: BulkWriter, rows: readonly ResultRow[]): Promise<void> {
  if (rows.length === 0) return;
  const staged = await writer.stage('reconciliation_results', RESULT_COLUMNS, rows.map((r) => RESULT_COLUMNS.map((c) => r[c])));
  const columns = sql.join(RESULT_COLUMNS.map((c) => sql.ref(c)));
  const updates = sql.join(RESULT_COLUMNS.slice(1).map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`));
  const changed = sql.join(
    RESULT_FIELDS.map((c) => sql`reconciliation_results.${sql.ref(c)} is distinct from excluded.${sql.ref(c)}`),
    sql` or `,
  );
  // `where true` is SQLite's documented way to parse INSERT … SELECT … ON CONFLICT unambiguously.
  await sql`insert into reconciliation_results (${columns}) select ${columns} from ${sql.table(staged)} where true
    on conflict (subscriber_id) do update set ${updates} where ${changed}`.execute(writer.kysely);
}
