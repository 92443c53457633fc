/**
 * Reading the live figures (docs/campaign.md, "Live figures") from their rollups, never from the
 * registry, and recounting them from the registry for `tttb kpi verify`.
 */
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import { inScope, type Scope } from '../db/scope.ts';
import { sumStocks } from '../db/line-figures.ts';
import { FLOW_MEASURES, STOCK_MEASURES, NO_COMMUNE, verifiedVia, type FigureMeasure } from '../domain/index.ts';

/** One figure of one commune and carrier (a day's when `day` is set). */
export interface FigureRow {
  day?: string;
  commune_code: string;
  carrier: string;
  measure: FigureMeasure;
  n: number;
}

const figuresScope = (scope: Scope) => inScope(scope, { commune: 'commune_code', carrier: 'carrier' });

/** The stocks now and the flows to date, within `scope`. */
export async function readTotals(db: Kysely<DB>, scope: Scope): Promise<FigureRow[]> {
  const rows = await db
    .selectFrom('figures_total')
    .select(['commune_code', 'carrier', 'measure', 'n'])
    .where(figuresScope(scope))
    .where('n', '<>', 0)
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Every day's changes of stocks and counts of flows from `fromDay` on, within `scope`. */
export async function readDailyFrom(db: Kysely<DB>, fromDay: string, scope: Scope): Promise<Required<FigureRow>[]> {
  const rows = await db
    .selectFrom('figures_daily')
    .select(['day', 'commune_code', 'carrier', 'measure', 'n'])
    .where('day', '>=', fromDay)
    .where(figuresScope(scope))
    .where('n', '<>', 0)
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Names of the communes, by code. */
export async function communeNames(db: Kysely<DB>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('admin_units').select(['code', 'name']).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The stocks of every line now, counted from the registry (a full scan: for `kpi verify` only). */
export async function recountStockTotals(db: Kysely<DB>): Promise<FigureRow[]> {
  return (await sumStocks(db)).flatMap((row) =>
    STOCK_MEASURES.filter((m) => row[m] !== 0).map((measure) => ({ commune_code: row.commune_code, carrier: row.carrier, measure, n: row[measure] })),
  );
}

/** The stored stocks now. */
export async function storedStockTotals(db: Kysely<DB>): Promise<FigureRow[]> {
  return (await readTotals(db, 'province')).filter((r) => (STOCK_MEASURES as readonly string[]).includes(r.measure));
}

/** The stocks summed over every day's changes (must equal the totals). */
export async function storedStockDays(db: Kysely<DB>): Promise<FigureRow[]> {
  const rows = await db
    .selectFrom('figures_daily')
    .select(['commune_code', 'carrier', 'measure', sql<number>`sum(n)`.as('n')])
    .where('measure', 'in', STOCK_MEASURES)
    .groupBy(['commune_code', 'carrier', 'measure'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/**
 * The flows recounted from the records of the events, per day and measure (province-wide: a
 * verification or notice counts where its line was at the time, which the records do not keep;
 * self-checks keep their commune and carrier, and are compared by those too).
 */
export async function recountFlowDays(db: Kysely<DB>): Promise<FigureRow[]> {
  const vietnamDayOf = (column: string): RawBuilder<string> =>
    db.getExecutor().adapter instanceof PostgresAdapter
      ? sql<string>`to_char(${sql.ref(column)} at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')`
      : sql<string>`date(${sql.ref(column)}, '+7 hours')`;
  const events = await db
    .selectFrom('subscriber_events')
    .select([vietnamDayOf('at').as('day'), 'kind', 'channel', sql<number>`count(*)`.as('n')])
    .where('kind', 'in', ['verified', 'unlocked'])
    .groupBy([sql`1`, 'kind', 'channel'])
    .execute();
  const rows: FigureRow[] = [];
  for (const e of events) {
    const measure = e.kind === 'unlocked' ? 'unlocked' : verifiedVia(e.channel ?? '');
    if (measure) rows.push({ day: String(e.day), commune_code: NO_COMMUNE, carrier: '', measure, n: Number(e.n) });
  }
  const checks = await db
    .selectFrom('self_checks')
    .select(['day', sql<string>`coalesce(commune_code, ${NO_COMMUNE})`.as('commune_code'), sql<string>`coalesce(carrier, '')`.as('carrier'), sql<number>`count(*)`.as('n')])
    .groupBy(['day', sql`2`, sql`3`])
    .execute();
  for (const c of checks) rows.push({ day: c.day, commune_code: c.commune_code, carrier: c.carrier, measure: 'selfchecks', n: Number(c.n) });
  return mergeRows(rows);
}

function mergeRows(rows: readonly FigureRow[]): FigureRow[] {
  const byKey = new Map<string, FigureRow>();
  for (const r of rows) {
    const key = JSON.stringify([r.day, r.commune_code, r.carrier, r.measure]);
    const seen = byKey.get(key);
    byKey.set(key, seen ? { ...seen, n: seen.n + r.n } : r);
  }
  return [...byKey.values()];
}

/** The stored flows per day, at the grain the recount can check (see {@link recountFlowDays}). */
export async function storedFlowDays(db: Kysely<DB>): Promise<FigureRow[]> {
  const rows = await db
    .selectFrom('figures_daily')
    .select(['day', 'commune_code', 'carrier', 'measure', 'n'])
    .where('measure', 'in', FLOW_MEASURES.filter((m) => m !== 'notices_sent' && m !== 'notices_delivered'))
    .execute();
  return mergeRows(
    rows.map((r) =>
      r.measure === 'selfchecks'
        ? { ...r, n: Number(r.n) }
        : { day: r.day, commune_code: NO_COMMUNE, carrier: '', measure: r.measure, n: Number(r.n) },
    ),
  );
}

/** Notices sent and delivered to date, counted from the outbox and as stored. */
export async function noticeTotals(db: Kysely<DB>): Promise<{ recounted: Record<'notices_sent' | 'notices_delivered', number>; stored: Record<'notices_sent' | 'notices_delivered', number> }> {
  const recount = await db
    .selectFrom('notices')
    .select([
      sql<number>`sum(case when status = 'sent' then 1 else 0 end)`.as('sent'),
      sql<number>`sum(case when delivery_status = 'DELIVRD' then 1 else 0 end)`.as('delivered'),
    ])
    .executeTakeFirstOrThrow();
  const stored = await db
    .selectFrom('figures_total')
    .select(['measure', sql<number>`sum(n)`.as('n')])
    .where('measure', 'in', ['notices_sent', 'notices_delivered'])
    .groupBy('measure')
    .execute();
  const storedOf = (m: string) => Number(stored.find((r) => r.measure === m)?.n ?? 0);
  return {
    recounted: { notices_sent: Number(recount.sent ?? 0), notices_delivered: Number(recount.delivered ?? 0) },
    stored: { notices_sent: storedOf('notices_sent'), notices_delivered: storedOf('notices_delivered') },
  };
}

/** One measure summed over some days, per commune. */
export interface CommuneSum {
  commune_code: string;
  measure: FigureMeasure;
  n: number;
}

/** Each of `measures` summed over the days from `first` to `last` (both included), per commune, within `scope`. */
export async function sumDaysByCommune(db: Kysely<DB>, scope: Scope, first: string, last: string, measures: readonly FigureMeasure[]): Promise<CommuneSum[]> {
  if (last < first || measures.length === 0) return [];
  const rows = await daysOf(db, scope, first, last, measures)
    .select(['commune_code', 'measure', sql<number>`sum(n)`.as('n')])
    .groupBy(['commune_code', 'measure'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Per commune, the days from `first` to `last` on which `measure` was more than 0, and its sum over them, within `scope`. */
export async function activeDaysByCommune(db: Kysely<DB>, scope: Scope, first: string, last: string, measure: FigureMeasure): Promise<{ commune_code: string; days: number; n: number }[]> {
  if (last < first) return [];
  const perDay = daysOf(db, scope, first, last, [measure])
    .select(['commune_code', 'day', sql<number>`sum(n)`.as('n')])
    .groupBy(['commune_code', 'day'])
    .having(sql<number>`sum(n)`, '>', 0);
  const rows = await db
    .selectFrom(perDay.as('d'))
    .select(['d.commune_code', sql<number>`count(*)`.as('days'), sql<number>`sum(d.n)`.as('n')])
    .groupBy('d.commune_code')
    .execute();
  return rows.map((r) => ({ commune_code: r.commune_code, days: Number(r.days), n: Number(r.n) }));
}

/** The daily rollup's rows of `measures` from `first` to `last`, within `scope`. */
function daysOf(db: Kysely<DB>, scope: Scope, first: string, last: string, measures: readonly FigureMeasure[]) {
  return db.selectFrom('figures_daily').where('day', '>=', first).where('day', '<=', last).where('measure', 'in', measures).where(figuresScope(scope));
}

/** Whether `code` names a commune of the registry's units. */
export async function communeExists(db: Kysely<DB>, code: string): Promise<boolean> {
  return (await db.selectFrom('admin_units').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}
