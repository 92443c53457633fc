/**
 * The live figures' SQL that the registry's writers and the migration that opens the figures share
 * (docs/campaign.md, "Live figures"): which stocks a line counts in, summed per commune and
 * carrier, and the two rollup tables they are added to. One definition, so the incremental figures
 * and the recount cannot disagree about what a measure means.
 */
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import { NO_COMMUNE, STOCK_MEASURES, type FigureMeasure, type StockMeasure } from '../domain/figures.ts';
import { TARGET_GROUPS } from '../domain/vocabulary.ts';
import { chunksOf } from './chunks.ts';

/** The roadmap's lock reasons (registry/subscriber-state.repository.ts names the same two). */
const CAMPAIGN_LOCK_REASONS = ['campaign_mismatch', 'campaign_device_change'];

const openH2h = sql`s.line_class = 'h2h' and s.closed_at is null`;
const member = sql`exists (select 1 from target_memberships m where m.subscriber_id = s.id)`;
const inGroup = (group: string) => sql`exists (select 1 from target_memberships m where m.subscriber_id = s.id and m.target_group = ${group})`;
const verified = sql`s.verification_state = 'verified'`;
const campaignLock = (level: string) => sql`s.lock_level = ${level} and s.lock_reason in (${sql.join(CAMPAIGN_LOCK_REASONS)})`;

/** When a line of `subscribers s` counts in each stock. */
const STOCK_CONDITIONS: Record<StockMeasure, RawBuilder<unknown>> = {
  lines: openH2h,
  lines_verified: sql`${openH2h} and ${verified}`,
  target: sql`${openH2h} and ${member}`,
  target_verified: sql`${openH2h} and ${verified} and ${member}`,
  ...(Object.fromEntries(TARGET_GROUPS.map((g) => [`target_${g}`, sql`${openH2h} and ${inGroup(g)}`])) as Record<`target_${(typeof TARGET_GROUPS)[number]}`, RawBuilder<unknown>>),
  target_closed: sql`s.line_class = 'h2h' and s.closed_at is not null and ${member}`,
  locked_one_way: sql`s.closed_at is null and ${campaignLock('one_way')}`,
  locked_two_way: sql`s.closed_at is null and ${campaignLock('two_way')}`,
  terminated: campaignLock('terminated'),
};

/** One commune and carrier's stocks. */
export type StockRow = { commune_code: string; carrier: string } & Record<StockMeasure, number>;

/** The stocks of the lines of `subscribers s` that `where` selects, per commune and carrier. */
export async function sumStocks<D>(db: Kysely<D>, where: RawBuilder<unknown> = sql`1 = 1`): Promise<StockRow[]> {
  const sums = STOCK_MEASURES.map((m) => sql`sum(case when ${STOCK_CONDITIONS[m]} then 1 else 0 end) as ${sql.ref(m)}`);
  const result = await sql<StockRow>`select coalesce(s.commune_code, ${NO_COMMUNE}) as commune_code, s.carrier, ${sql.join(sums)}
      from subscribers s where ${where} group by 1, 2`.execute(db);
  return result.rows.map((row) => {
    const out = { commune_code: row.commune_code, carrier: row.carrier } as StockRow;
    for (const m of STOCK_MEASURES) out[m] = Number(row[m]);
    return out;
  });
}

/** A change of one figure on one day. */
export interface FigureDelta {
  day: string;
  commune_code: string;
  carrier: string;
  measure: FigureMeasure;
  n: number;
}

// Five values per row in two statements: far below either driver's bind-parameter limit.
const DELTAS_PER_STATEMENT = 2_000;

/**
 * Adds changes to the day's figures and to the totals, in the caller's transaction: the rollups
 * move with the state change that moves them.
 */
export async function addFigureDeltas<D>(db: Kysely<D>, deltas: readonly FigureDelta[]): Promise<void> {
  const moving = deltas.filter((d) => d.n !== 0);
  for (const chunk of chunksOf(moving, DELTAS_PER_STATEMENT)) {
    const n = (d: FigureDelta) => (db.getExecutor().adapter instanceof PostgresAdapter ? sql`cast(${d.n} as bigint)` : sql`${d.n}`);
    await sql`insert into figures_daily (day, commune_code, carrier, measure, n)
        values ${sql.join(chunk.map((d) => sql`(${d.day}, ${d.commune_code}, ${d.carrier}, ${d.measure}, ${n(d)})`))}
        on conflict (day, commune_code, carrier, measure) do update set n = figures_daily.n + excluded.n`.execute(db);
    const totals = sumByKey(chunk);
    await sql`insert into figures_total (commune_code, carrier, measure, n)
        values ${sql.join(totals.map((d) => sql`(${d.commune_code}, ${d.carrier}, ${d.measure}, ${n(d)})`))}
        on conflict (commune_code, carrier, measure) do update set n = figures_total.n + excluded.n`.execute(db);
  }
}

// PostgreSQL refuses an upsert that names the same key twice in one statement.
function sumByKey(deltas: readonly FigureDelta[]): FigureDelta[] {
  const byKey = new Map<string, FigureDelta>();
  for (const d of deltas) {
    const key = `${d.commune_code}\u0000${d.carrier}\u0000${d.measure}`;
    const seen = byKey.get(key);
    byKey.set(key, seen ? { ...seen, n: seen.n + d.n } : d);
  }
  return [...byKey.values()];
}

/** Stocks as the changes that take `before` to `after` on `day`. */
export function stockDeltas(day: string, before: readonly StockRow[], after: readonly StockRow[]): FigureDelta[] {
  const deltas = new Map<string, FigureDelta>();
  const add = (rows: readonly StockRow[], sign: number) => {
    for (const row of rows) {
      for (const measure of STOCK_MEASURES) {
        if (row[measure] === 0) continue;
        const key = `${row.commune_code}\u0000${row.carrier}\u0000${measure}`;
        const seen = deltas.get(key) ?? { day, commune_code: row.commune_code, carrier: row.carrier, measure, n: 0 };
        deltas.set(key, { ...seen, n: seen.n + sign * row[measure] });
      }
    }
  };
  add(before, -1);
  add(after, 1);
  return [...deltas.values()].filter((d) => d.n !== 0);
}

/**
 * Counts every line's stocks afresh as of `day` in place of what the rollups held for them (flows
 * stay: they are events, not states). For a database whose figures were never kept (the migration
 * that opens them) and a load that replaces the registry (the demo generator).
 */
export async function recountStocks<D>(db: Kysely<D>, day: string): Promise<void> {
  const stocks = sql.join(STOCK_MEASURES.map((m) => sql`${m}`));
  await sql`delete from figures_daily where measure in (${stocks})`.execute(db);
  await sql`delete from figures_total where measure in (${stocks})`.execute(db);
  await addFigureDeltas(db, stockDeltas(day, [], await sumStocks(db)));
}
