/**
 * SQL of the self-check: the sending lines (indexed reads by msisdn), the lines under a document
 * at one carrier, the self-check records and their counts (the web's codes: the one-time-code store).
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, SelfCheckTable } from '../db/schema.ts';
import { inScope, type Scope } from '../db/scope.ts';
import type { SelfCheckLine } from './selfcheck.replies.ts';
import { chunksOf } from '../db/chunks.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { countFlow } from '../registry/index.ts';

/** The columns an answer needs. */
const LINE_COLUMNS = [
  'id',
  'msisdn',
  'carrier',
  'document_type',
  'document_number',
  'full_name',
  'birth_date',
  'birth_precision',
  'commune_code',
  'verification_state',
  'verified_at',
  'lock_level',
  'lock_reason',
  'locked_at',
  'verification_required_since',
  'verification_required_reason',
  'lock_state',
] as const;

/** The line with this national-form number. */
export async function findLine(db: Kysely<DB>, msisdn: string): Promise<SelfCheckLine | undefined> {
  const row = await db.selectFrom('subscribers').select(LINE_COLUMNS).where('msisdn', '=', msisdn).executeTakeFirst();
  return row && { ...row, id: Number(row.id) };
}

// Numbers per read: one bind parameter each, far below both dialects' limits.
const NUMBERS_PER_QUERY = 5_000;

/** The lines with these numbers, by number (absent: not registered); one read per 5,000. */
export async function findLines(db: Kysely<DB>, msisdns: readonly string[]): Promise<Map<string, SelfCheckLine>> {
  const unique = [...new Set(msisdns)];
  const found = new Map<string, SelfCheckLine>();
  for (const chunk of chunksOf(unique, NUMBERS_PER_QUERY)) {
    const rows = await db.selectFrom('subscribers').select(LINE_COLUMNS).where('msisdn', 'in', chunk).execute();
    for (const row of rows) found.set(row.msisdn, { ...row, id: Number(row.id) });
  }
  return found;
}

// A person's lines fit in a reply by the dozen; an organisation's may run to thousands, and the
// reply only says how many more there are.
const LINES_READ_LIMIT = 1000;

/** Numbers of the live (not terminated) lines registered under a document at one carrier. */
export async function listLinesOfDocument(db: Kysely<DB>, documentNumber: string, carrier: string): Promise<string[]> {
  const rows = await db
    .selectFrom('subscribers')
    .select('msisdn')
    .where('document_number', '=', documentNumber)
    .where('carrier', '=', carrier)
    .where('lock_level', '<>', 'terminated')
    .orderBy('msisdn')
    .limit(LINES_READ_LIMIT)
    .execute();
  return rows.map((r) => r.msisdn);
}

/** Key of a (document, carrier) pair in {@link listLinesOfDocuments}' answer. */
export const documentAtCarrier = (documentNumber: string, carrier: string) => `${documentNumber}\u0000${carrier}`;

/**
 * {@link listLinesOfDocument} for many (document, carrier) pairs in one read (a batch of SMS): the
 * first 1,000 live numbers of each pair, keyed by {@link documentAtCarrier}.
 */
export async function listLinesOfDocuments(
  db: Kysely<DB>,
  pairs: readonly { documentNumber: string; carrier: string }[],
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const wanted = new Set(pairs.map((p) => documentAtCarrier(p.documentNumber, p.carrier)));
  const documents = [...new Set(pairs.map((p) => p.documentNumber))];
  for (const chunk of chunksOf(documents, NUMBERS_PER_QUERY)) {
    const ranked = db
      .selectFrom('subscribers')
      .select(['document_number', 'carrier', 'msisdn', sql<number>`row_number() over (partition by document_number, carrier order by msisdn)`.as('place')])
      .where('document_number', 'in', chunk)
      .where('lock_level', '<>', 'terminated');
    const rows = await db
      .selectFrom(ranked.as('r'))
      .select(['document_number', 'carrier', 'msisdn'])
      .where('place', '<=', LINES_READ_LIMIT)
      .orderBy('document_number')
      .orderBy('carrier')
      .orderBy('msisdn')
      .execute();
    for (const row of rows) {
      const key = documentAtCarrier(row.document_number, row.carrier);
      if (!wanted.has(key)) continue;
      const lines = found.get(key);
      if (lines) lines.push(row.msisdn);
      else found.set(key, [row.msisdn]);
    }
  }
  return found;
}

// Eleven values per record: far below both dialects' bind-parameter limits.
const RECORDS_PER_STATEMENT = 2_000;

/**
 * Inserts self-check records, one multi-row insert per 2,000, and counts them in the day's
 * figures by the commune and carrier each record names, in one transaction (the caller's if any).
 */
export function insertSelfChecks(db: Kysely<DB>, rows: readonly Insertable<SelfCheckTable>[]): Promise<void> {
  return inTransaction(db, (trx) => insertCounted(trx, rows));
}

async function insertCounted(db: Kysely<DB>, rows: readonly Insertable<SelfCheckTable>[]): Promise<void> {
  for (const chunk of chunksOf(rows, RECORDS_PER_STATEMENT)) {
    await db.insertInto('self_checks').values(chunk).execute();
  }
  const byPlace = new Map<string, { at: string; communeCode: string | null; carrier: string; n: number }>();
  for (const row of rows) {
    const key = JSON.stringify([row.day, row.commune_code ?? null, row.carrier ?? '']);
    const seen = byPlace.get(key) ?? { at: row.at, communeCode: row.commune_code ?? null, carrier: row.carrier ?? '', n: 0 };
    byPlace.set(key, { ...seen, n: seen.n + 1 });
  }
  for (const p of byPlace.values()) await countFlow(db, 'selfchecks', { communeCode: p.communeCode, carrier: p.carrier }, p.at, p.n);
}

/** The dimensions self-checks can be counted by. */
export const SELFCHECK_COUNT_DIMENSIONS = ['commune', 'carrier', 'day'] as const;
export type SelfCheckCountDimension = (typeof SELFCHECK_COUNT_DIMENSIONS)[number];

export interface SelfCheckCountRow {
  commune_code?: string | null;
  commune_name?: string | null;
  carrier?: string | null;
  day?: string;
  checks: number;
  /** Of those, reports of wrong information. */
  reports: number;
  /** Distinct numbers that checked. */
  lines: number;
}

/** Counts self-checks with one GROUP BY over the chosen dimensions (none: a single total row). */
export async function countSelfChecks(
  db: Kysely<DB>,
  by: readonly SelfCheckCountDimension[],
  range: { fromDay?: string | undefined; toDay?: string | undefined } = {},
  scope: Scope = 'province',
): Promise<SelfCheckCountRow[]> {
  const wants = (d: SelfCheckCountDimension) => by.includes(d);
  const rows = await db
    .selectFrom('self_checks as c')
    .leftJoin('admin_units as u', 'u.code', 'c.commune_code')
    .where(inScope(scope, { commune: 'c.commune_code', carrier: 'c.carrier' }))
    .select([
      sql<number>`count(*)`.as('checks'),
      sql<number>`count(case when c.outcome = 'reported' then 1 end)`.as('reports'),
      sql<number>`count(distinct c.msisdn)`.as('lines'),
    ])
    .$if(range.fromDay !== undefined, (q) => q.where('c.day', '>=', range.fromDay ?? ''))
    .$if(range.toDay !== undefined, (q) => q.where('c.day', '<=', range.toDay ?? ''))
    .$if(wants('day'), (q) => q.select('c.day').groupBy('c.day').orderBy('c.day'))
    .$if(wants('commune'), (q) =>
      q.select(['c.commune_code', 'u.name as commune_name']).groupBy(['c.commune_code', 'u.name']).orderBy('c.commune_code'),
    )
    .$if(wants('carrier'), (q) => q.select('c.carrier').groupBy('c.carrier').orderBy('c.carrier'))
    .execute();
  return rows.map((r) => ({ ...r, checks: Number(r.checks), reports: Number(r.reports), lines: Number(r.lines) }));
}
