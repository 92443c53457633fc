/**
 * The subscriber import's SQL: runs (`imports`), staged rows (`import_rows`), row reports
 * (`import_problems`), and the set-based statements that apply a staged file to the registry.
 * Every statement that touches `subscribers` runs inside one bulk transaction opened by the
 * service, so an applied file is all there or not there at all.
 */
import { sql, type Compilable, type RawBuilder } from 'kysely';
import type { BulkWriter, Database } from '../../db/open.ts';
import { instantValue } from '../../db/instant-value.ts';
import { trackFigures } from '../figures.repository.ts';
import type { ImportMode, ImportPolicy, ImportState, ImportTable } from '../../db/schema.ts';
import type { Selectable } from 'kysely';
import type { RowProblem, StagedLine } from './subscriber-row.ts';

export type ImportRun = Selectable<ImportTable>;

export const STAGED_COLUMNS = [
  'msisdn', 'line_class', 'holder_kind', 'document_type', 'document_number', 'full_name', 'name_key',
  'birth_date', 'birth_precision', 'sex', 'commune_code', 'imei', 'registered_at', 'verified_at', 'closed', 'ported_in',
] as const satisfies readonly (keyof StagedLine)[];

/** The registration fields a file may change on an existing line; each change is one event. */
export const CHANGEABLE_FIELDS = [
  'line_class', 'holder_kind', 'document_type', 'document_number', 'full_name', 'birth_date', 'birth_precision',
  'sex', 'commune_code', 'imei', 'registered_at',
] as const;

/** The temporary tables of an apply: the rows that are new or change their line, and a snapshot's missing lines. */
const CHANGES = 'import_changes';
const MISSING = 'import_missing';

/**
 * The staged rows by number, built once a file is read (migration 0021): kept while reading, each
 * chunk's commit rewrote pages all over it.
 */
const STAGED_NUMBERS = 'import_rows_by_msisdn';

const PROBLEM_COLUMNS = ['import_id', 'row', 'column_name', 'msisdn', 'severity', 'code', 'message'] as const;

/** A raw statement in the form the bulk writer runs. */
function statement<R>(db: Database, query: RawBuilder<R>): Compilable<R> {
  return { compile: () => query.compile(db.kysely) };
}

/** The newest run of this file for this carrier, whatever its state. */
export async function findRunOfFile(db: Database, carrier: string, sha256: string): Promise<ImportRun | undefined> {
  return db.kysely
    .selectFrom('imports')
    .selectAll()
    .where('kind', '=', 'subscribers')
    .where('carrier', '=', carrier)
    .where('file_sha256', '=', sha256)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export interface NewRun {
  carrier: string;
  mode: ImportMode;
  policy: ImportPolicy;
  fileName: string;
  sha256: string;
  bytes: number;
  format: string;
  encoding: string | null;
  actor: string;
  at: string;
}

export async function createRun(db: Database, run: NewRun): Promise<ImportRun> {
  return db.kysely
    .insertInto('imports')
    .values({
      kind: 'subscribers',
      carrier: run.carrier,
      mode: run.mode,
      policy: run.policy,
      file_name: run.fileName,
      file_sha256: run.sha256,
      file_bytes: run.bytes,
      format: run.format,
      encoding: run.encoding,
      actor: run.actor,
      state: 'staging',
      started_at: run.at,
      finished_at: null,
      outcome_code: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getRun(db: Database, id: number): Promise<ImportRun | undefined> {
  return db.kysely.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every line of the registry, of every carrier, closed or not. */
export async function countSubscribers(db: Database): Promise<number> {
  const row = await db.kysely.selectFrom('subscribers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A chunk of the file read: its valid rows and its problems, committed with the resume cursor. */
export interface StagedChunk {
  lines: { row: number; line: StagedLine }[];
  problems: { row: number; msisdn: string | null; problem: RowProblem }[];
  /** The last data row this chunk covers: a resumed run reads on after it. */
  lastRow: number;
}

/** Commits one chunk and moves the run's cursor, in one transaction. */
export async function stageChunk(db: Database, importId: number, chunk: StagedChunk): Promise<void> {
  const rejectedRows = new Set(chunk.problems.filter((p) => p.problem.severity === 'error').map((p) => p.row)).size;
  const warnedRows = new Set(chunk.problems.filter((p) => p.problem.severity === 'warning').map((p) => p.row)).size;
  await db.bulkLoad(async (writer) => {
    if (chunk.lines.length > 0) {
      await writer.insert(
        'import_rows',
        ['import_id', 'row', ...STAGED_COLUMNS],
        chunk.lines.map(({ row, line }) => [importId, row, ...STAGED_COLUMNS.map((c) => line[c])]),
      );
    }
    if (chunk.problems.length > 0) {
      await writer.insert(
        'import_problems',
        PROBLEM_COLUMNS,
        chunk.problems.map(({ row, msisdn, problem }) => [importId, row, problem.column, msisdn, problem.severity, problem.code, problem.message]),
      );
    }
    await writer.run(
      db.kysely
        .updateTable('imports')
        .set((eb) => ({
          rows_read: chunk.lastRow,
          rows_staged: eb('rows_staged', '+', chunk.lines.length),
          rows_rejected: eb('rows_rejected', '+', rejectedRows),
          rows_warned: eb('rows_warned', '+', warnedRows),
        }))
        .where('id', '=', importId),
    );
  });
}

/**
 * Numbers that appear on more than one row of the file, among the staged rows and the rejected
 * rows whose number could be read: every such row is reported and none is loaded. Runs once, when
 * reading is done, and moves the run to `staged` in the same transaction.
 */
export async function settleDuplicates(db: Database, importId: number): Promise<number> {
  return db.bulkLoad(async (writer) => {
    await writer.run(statement(db, sql`create index if not exists ${sql.raw(STAGED_NUMBERS)} on import_rows (import_id, msisdn)`));
    const numbers = sql`(select msisdn from import_rows where import_id = ${importId}
                          union all select msisdn from import_problems where import_id = ${importId} and severity = 'error' and msisdn is not null)`;
    const duplicated = sql`(select msisdn from ${numbers} as n group by msisdn having count(*) > 1)`;
    await writer.run(
      statement(
        db,
        sql`insert into import_problems (import_id, row, column_name, msisdn, severity, code, message)
            select import_id, row, 'msisdn', msisdn, 'error', 'ROW_DUPLICATE_MSISDN', ${DUPLICATE_MESSAGE}
              from import_rows where import_id = ${importId} and msisdn in ${duplicated}`,
      ),
    );
    const removed = await writer.run(
      statement(db, sql<{ row: number }>`delete from import_rows where import_id = ${importId} and msisdn in ${duplicated} returning row`),
    );
    await writer.run(
      db.kysely
        .updateTable('imports')
        .set((eb) => ({ state: 'staged', rows_staged: eb('rows_staged', '-', removed.length), rows_rejected: eb('rows_rejected', '+', removed.length) }))
        .where('id', '=', importId),
    );
    return removed.length;
  });
}

const DUPLICATE_MESSAGE = 'Số thuê bao xuất hiện ở nhiều dòng trong tệp; không dòng nào được nạp. Hãy giữ một dòng đúng rồi gửi lại.';
const OTHER_CARRIER_MESSAGE = 'Số này đang thuộc nhà mạng khác trong tttb và dòng không ghi chuyển mạng đến (ported_in/ported_at): không thay đổi gì.';

/** What applying a staged file did (or would do, in a dry run). */
export interface ApplyCounts {
  added: number;
  changed: number;
  unchanged: number;
  closed: number;
  portedIn: number;
  conflicts: number;
}

export interface ApplyOptions {
  importId: number;
  carrier: string;
  mode: ImportMode;
  actor: string;
  at: string;
  /** Stop before writing when a snapshot would close more than this share of the carrier's lines. */
  closeShareLimit: number | null;
  /** All-or-nothing: stop before writing when any row was rejected. */
  refuseOnRejected: boolean;
}

export type ApplyOutcome =
  | { state: 'applied'; counts: ApplyCounts }
  | { state: 'refused'; code: 'SUBSCRIBER_ROWS_INVALID'; counts: ApplyCounts }
  | { state: 'needs_confirmation'; code: 'IMPORT_CLOSURES_NEED_CONFIRMATION'; counts: ApplyCounts };

/**
 * Applies the staged rows to the registry inside `writer`'s transaction, set-based. The file is
 * compared with the registry once, into a temporary table of the rows that are new or change their
 * line; then conflicts with other carriers (a port when the row says so, else a reported conflict),
 * changed lines with one event per changed field, closures, a snapshot's missing lines, and new
 * lines. The guards (rejected rows under all-or-nothing, too many closures) are checked before any
 * registry write, and then the outcome says so and the registry is untouched.
 */
export async function applyStaged(db: Database, writer: BulkWriter, o: ApplyOptions): Promise<ApplyOutcome> {
  const run = <R>(query: RawBuilder<R>) => writer.run(statement(db, query));
  try {
    return await applyComparing(db, writer, run, o);
  } finally {
    // PostgreSQL drops them at commit; SQLite has no `on commit drop`.
    if (db.dialect === 'sqlite') for (const table of [CHANGES, MISSING]) await run(sql`drop table if exists temp.${sql.raw(table)}`);
  }
}

async function applyComparing(
  db: Database,
  writer: BulkWriter,
  run: <R>(query: RawBuilder<R>) => Promise<R[]>,
  o: ApplyOptions,
): Promise<ApplyOutcome> {
  const count = async (query: RawBuilder<{ n: number }>) => Number((await run(query))[0]?.n ?? 0);
  const staged = sql`import_rows r`;
  const mine = sql`r.import_id = ${o.importId}`;
  const temporary = (name: string) => sql`create temp table ${sql.raw(name)} ${sql.raw(db.dialect === 'postgres' ? 'on commit drop' : '')} as`;
  const changes = sql`${sql.raw(CHANGES)} c`;

  // The file against the registry, once: every statement below reads this set (all of a first
  // load, a few percent of a weekly refresh) instead of joining the whole file to the registry
  // again. A new line has no subscriber_id, and its flags are false.
  const known = (condition: RawBuilder<unknown>) => sql`(s.id is not null and ${condition})`;
  const differs = sql.join(CHANGEABLE_FIELDS.map((f) => sql`s.${sql.ref(f)} is distinct from r.${sql.ref(f)}`), sql` or `);
  await run(sql`${temporary(CHANGES)}
    select r.row, s.id as subscriber_id, s.carrier as old_carrier,
           ${sql.join(CHANGEABLE_FIELDS.map((f) => sql`${known(sql`s.${sql.ref(f)} is distinct from r.${sql.ref(f)}`)} as ${sql.ref(`${f}_changed`)}`), sql`, `)},
           ${known(sql`(${differs})`)} as fields_changed,
           ${known(sql`s.carrier <> ${o.carrier} and r.ported_in = 1`)} as ported,
           ${known(sql`s.carrier <> ${o.carrier} and r.ported_in = 0`)} as conflict,
           ${known(sql`r.closed = 1 and s.closed_at is null`)} as closes,
           ${known(sql`r.closed = 0 and s.closed_at is not null`)} as reopens
      from ${staged} left join subscribers s on s.msisdn = r.msisdn
     where ${mine} and (s.id is null or ${differs} or s.carrier <> ${o.carrier} or (r.closed = 1 and s.closed_at is null) or (r.closed = 0 and s.closed_at is not null))`);

  // Another carrier's number: the row is a port only when it says so, else a conflict, reported,
  // and the row leaves the file.
  await run(sql`insert into import_problems (import_id, row, column_name, msisdn, severity, code, message)
    select r.import_id, r.row, 'msisdn', r.msisdn, 'error', 'ROW_OTHER_CARRIER', ${OTHER_CARRIER_MESSAGE}
      from ${changes} join ${staged} on ${mine} and r.row = c.row where c.conflict`);
  const conflicts = await count(sql`select count(*) as n from ${changes} where c.conflict`);
  if (conflicts > 0) {
    await run(sql`delete from import_rows where import_id = ${o.importId} and row in (select row from ${sql.raw(CHANGES)} where conflict)`);
    await run(sql`delete from ${sql.raw(CHANGES)} where conflict`);
  }

  // A snapshot lists every line the carrier has: its open lines missing from it (and from its
  // rejected rows) close.
  if (o.mode === 'snapshot') {
    await run(sql`${temporary(MISSING)} select s.id as subscriber_id from subscribers s
      where s.carrier = ${o.carrier} and s.closed_at is null
        and not exists (select 1 from import_rows r where r.import_id = ${o.importId} and r.msisdn = s.msisdn)
        and not exists (select 1 from import_problems p where p.import_id = ${o.importId} and p.msisdn = s.msisdn)`);
  }
  const toClose = o.mode === 'snapshot' ? await count(sql`select count(*) as n from ${sql.raw(MISSING)}`) : 0;
  const rejected = await count(sql`select count(*) as n from import_problems where import_id = ${o.importId} and severity = 'error'`);
  const activeBefore = await count(sql`select count(*) as n from subscribers where carrier = ${o.carrier} and closed_at is null`);
  const partial: ApplyCounts = { added: 0, changed: 0, unchanged: 0, closed: toClose, portedIn: 0, conflicts };

  if (o.refuseOnRejected && rejected > 0) return { state: 'refused', code: 'SUBSCRIBER_ROWS_INVALID', counts: partial };
  if (o.closeShareLimit !== null && activeBefore > 0 && toClose / activeBefore > o.closeShareLimit) {
    return { state: 'needs_confirmation', code: 'IMPORT_CLOSURES_NEED_CONFIRMATION', counts: partial };
  }

  // Counted before anything moves: a line changed by several fields, a port or a closure is one line.
  const stagedCount = await count(sql`select count(*) as n from ${staged} where ${mine}`);
  const added = await count(sql`select count(*) as n from ${changes} where c.subscriber_id is null`);
  const changed = await count(sql`select count(*) as n from ${changes} where c.subscriber_id is not null`);
  const portedIn = await count(sql`select count(*) as n from ${changes} where c.ported`);
  const closedByRow = await count(sql`select count(*) as n from ${changes} where c.closes`);

  // The figures move by what the file changes: its changed lines, the lines it closes by leaving
  // them out, and its new lines (found by number once inserted).
  const changedLines = {
    where: [
      sql`s.id in (select subscriber_id from ${sql.raw(CHANGES)} where subscriber_id is not null)`,
      ...(toClose > 0 ? [sql`s.id in (select subscriber_id from ${sql.raw(MISSING)})`] : []),
    ],
    created: added > 0 ? [sql`s.msisdn in (select r.msisdn from ${staged} where ${mine} and r.row in (select row from ${sql.raw(CHANGES)} where subscriber_id is null))`] : [],
  };
  await trackFigures(writer.kysely, changedLines, o.at, () => writeChanges(db, run, o, toClose));
  return {
    state: 'applied',
    counts: { added, changed, unchanged: stagedCount - added - changed, closed: closedByRow + toClose, portedIn, conflicts },
  };
}

/** The registry writes of an apply, from the comparison's tables. */
async function writeChanges(db: Database, run: <R>(query: RawBuilder<R>) => Promise<R[]>, o: ApplyOptions, toClose: number): Promise<void> {
  const staged = sql`import_rows r`;
  const mine = sql`r.import_id = ${o.importId}`;
  const changes = sql`${sql.raw(CHANGES)} c`;
  const ofChanges = (flag: string) => sql`(select subscriber_id from ${sql.raw(CHANGES)} where ${sql.ref(flag)})`;
  const at = instantValue(db.kysely, o.at);
  const event = (kind: string, details: unknown, from: RawBuilder<unknown> = sql`null`, to: RawBuilder<unknown> = sql`null`) =>
    sql`insert into subscriber_events (subscriber_id, at, kind, from_state, to_state, actor, channel, reason, details)
        select c.subscriber_id, ${at}, ${kind}, ${from}, ${to}, ${o.actor}, null, 'import', ${JSON.stringify({ importId: o.importId, ...(details as object) })}`;

  // Ports: the line moves to this carrier with its event; the rest of the row applies below.
  await run(sql`${event('ported_in', { field: 'carrier' }, sql`c.old_carrier`, sql`${o.carrier}`)} from ${changes} where c.ported`);
  await run(sql`update subscribers set carrier = ${o.carrier}, updated_at = ${at} where id in ${ofChanges('ported')}`);

  // Changed lines: one event per changed field, then the new values.
  for (const field of CHANGEABLE_FIELDS) {
    await run(sql`${event('registration_changed', { field })} from ${changes} where c.${sql.ref(`${field}_changed`)}`);
  }
  const assignments = sql.join([...CHANGEABLE_FIELDS, 'name_key'].map((f) => sql`${sql.ref(f)} = r.${sql.ref(f)}`), sql`, `);
  await run(sql`update subscribers as s set ${assignments}, updated_at = ${at}
      from ${changes} join ${staged} on ${mine} and r.row = c.row where c.subscriber_id = s.id and c.fields_changed`);

  // Rows marked closed close their line; a line the carrier lists as active again reopens.
  await run(sql`${event('line_closed', { field: 'status' })} from ${changes} where c.closes`);
  await run(sql`update subscribers set closed_at = ${at}, closed_reason = 'carrier_file', updated_at = ${at} where id in ${ofChanges('closes')}`);
  await run(sql`${event('line_reopened', { field: 'status' })} from ${changes} where c.reopens`);
  await run(sql`update subscribers set closed_at = null, closed_reason = null, updated_at = ${at} where id in ${ofChanges('reopens')}`);

  if (toClose > 0) {
    await run(sql`${event('line_closed', { missingFromSnapshot: true })} from ${sql.raw(MISSING)} c`);
    await run(sql`update subscribers set closed_at = ${at}, closed_reason = 'missing_from_snapshot', updated_at = ${at}
      where id in (select subscriber_id from ${sql.raw(MISSING)})`);
  }

  // New lines last, so none of the statements above sees them; in file order, so ids follow it.
  await run(sql`insert into subscribers (msisdn, carrier, line_class, holder_kind, document_type, document_number, full_name, name_key,
        birth_date, birth_precision, sex, commune_code, imei, registered_at, verification_state, verified_at, lock_level,
        created_at, updated_at, closed_at, closed_reason)
      select r.msisdn, ${o.carrier}, r.line_class, r.holder_kind, r.document_type, r.document_number, r.full_name, r.name_key,
        r.birth_date, r.birth_precision, r.sex, r.commune_code, r.imei, r.registered_at,
        case when r.verified_at is null then 'unverified' else 'verified' end, r.verified_at, 'none',
        ${at}, ${at}, case when r.closed = 1 then ${at} else null end, case when r.closed = 1 then 'carrier_file' else null end
        from ${staged} where ${mine} and r.row in (select row from ${sql.raw(CHANGES)} where subscriber_id is null)
       order by r.row`);
}

/** Records how a run ended, inside the same transaction as what it did. */
export async function finishRun(
  db: Database,
  writer: BulkWriter,
  importId: number,
  end: { state: ImportState; at: string; code: string | null; counts: ApplyCounts | null },
): Promise<void> {
  const c = end.counts;
  await writer.run(
    db.kysely
      .updateTable('imports')
      .set({
        state: end.state,
        finished_at: end.at,
        outcome_code: end.code,
        ...(c
          ? {
              lines_added: c.added,
              lines_changed: c.changed,
              lines_unchanged: c.unchanged,
              lines_closed: c.closed,
              lines_ported_in: c.portedIn,
              conflicts: c.conflicts,
            }
          : {}),
      })
      .where('id', '=', importId),
  );
  if (end.state !== 'needs_confirmation') await dropStagedRows(db, writer, importId);
}

/**
 * A finished run's staged rows go. On SQLite, when no other run has rows staged (the usual case),
 * a delete of the whole table empties it page by page instead of row by row and index entry by
 * index entry (1 M rows: 4–5 s); the bulk transaction holds SQLite's one write lock, so no run can
 * stage rows between the look and the delete, and the index by number goes with them until the
 * next file is read. PostgreSQL deletes the run's rows and keeps the index: a TRUNCATE would wait
 * for, then erase, rows another run is staging.
 */
async function dropStagedRows(db: Database, writer: BulkWriter, importId: number): Promise<void> {
  if (db.dialect === 'sqlite') {
    // Two range seeks on the key, not a scan past this run's own rows.
    const [others] = await writer.run(
      statement(db, sql<{ n: number }>`select exists (select 1 from import_rows where import_id < ${importId})
        + exists (select 1 from import_rows where import_id > ${importId}) as n`),
    );
    if (Number(others?.n) === 0) {
      await writer.run(statement(db, sql`delete from import_rows`));
      await writer.run(statement(db, sql`drop index if exists ${sql.raw(STAGED_NUMBERS)}`));
      return;
    }
  }
  await writer.run(statement(db, sql`delete from import_rows where import_id = ${importId}`));
}

/** The run's problems in row order, for reports. */
export async function listProblems(db: Database, importId: number, limit?: number) {
  let query = db.kysely
    .selectFrom('import_problems')
    .select(['row', 'column_name', 'severity', 'code', 'message'])
    .where('import_id', '=', importId)
    .orderBy('row')
    .orderBy('column_name');
  if (limit !== undefined) query = query.limit(limit);
  return query.execute();
}

/** Runs newest first, of one carrier or all. */
export async function listRuns(db: Database, filter: { carrier: string | null; limit: number }): Promise<ImportRun[]> {
  let query = db.kysely.selectFrom('imports').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.carrier !== null) query = query.where('carrier', '=', filter.carrier);
  return query.execute();
}

const REPORT_PAGE_ROWS = 20_000;

/** A run's problems in pages of file rows, keyset by row number, so any size streams. */
export async function* problemsInRows(db: Database, importId: number) {
  let after = 0;
  for (;;) {
    const page = await db.kysely
      .selectFrom('import_problems')
      .select(['row', 'column_name', 'severity', 'code', 'message'])
      .where('import_id', '=', importId)
      .where('row', '>', after)
      .where('row', '<=', after + REPORT_PAGE_ROWS)
      .orderBy('row')
      .orderBy('column_name')
      .execute();
    if (page.length > 0) yield page;
    const next = await db.kysely
      .selectFrom('import_problems')
      .select((eb) => eb.fn.min('row').as('row'))
      .where('import_id', '=', importId)
      .where('row', '>', after + REPORT_PAGE_ROWS)
      .executeTakeFirst();
    if (next?.row === null || next?.row === undefined) return;
    after = Number(next.row) - 1;
  }
}
