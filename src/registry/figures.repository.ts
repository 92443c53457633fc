/**
 * Keeping the live figures with the registry (docs/campaign.md, "Live figures"): every writer of a
 * line's counted state (verification, requirement, lock, closure, holder, carrier, commune, target
 * membership) wraps its change in {@link trackFigures}, in its own transaction, and events add to
 * the day's flows with {@link countFlow}. The figures are then never a scan of the registry: the
 * change's lines are summed before and after it, and the difference is added to the rollups.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import { addFigureDeltas, stockDeltas, sumStocks } from '../db/line-figures.ts';
import { NO_COMMUNE, vietnamDay, type FlowMeasure } from '../domain/index.ts';
import { chunksOf } from '../db/chunks.ts';

/**
 * The lines a change touches: their ids, or conditions on `subscribers s` that select sets no line
 * is in twice (set-based writers); `created` selects the lines the change inserts, which exist
 * only after it.
 */
export type ChangedLines = { ids: readonly number[] } | { where: readonly RawBuilder<unknown>[]; created?: readonly RawBuilder<unknown>[] };

const tracking = new AsyncLocalStorage<true>();

// Ids per statement: one bind parameter each, far below either driver's limit.
const IDS_PER_STATEMENT = 10_000;

/**
 * Runs `change` (which writes the lines in `db`, a transaction) and adds what it did to the stocks
 * on the Vietnam day of `at`. On PostgreSQL the lines are locked first, so no other transaction
 * can move them between the two sums. A tracked change inside another would count twice: refused.
 */
export async function trackFigures<T>(db: Kysely<DB>, lines: ChangedLines, at: string, change: () => Promise<T>): Promise<T> {
  if (tracking.getStore()) throw new Error('trackFigures: a tracked change inside another would count its lines twice');
  return tracking.run(true, async () => {
    const existing = 'ids' in lines ? idConditions(lines.ids) : lines.where;
    const created = 'ids' in lines ? [] : (lines.created ?? []);
    if (existing.length + created.length === 0) return change();
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      for (const where of existing) await sql`select s.id from subscribers s where ${where} for update`.execute(db);
    }
    const sum = async (conditions: readonly RawBuilder<unknown>[]) => {
      const rows = [];
      for (const where of conditions) rows.push(...(await sumStocks(db, where)));
      return rows;
    };
    const before = await sum(existing);
    const result = await change();
    const after = await sum([...existing, ...created]);
    await addFigureDeltas(db, stockDeltas(vietnamDay(at), before, after));
    return result;
  });
}

function idConditions(ids: readonly number[]): RawBuilder<unknown>[] {
  return chunksOf([...new Set(ids)], IDS_PER_STATEMENT).map((chunk) => sql`s.id in (${sql.join(chunk)})`);
}

/** Where a flow happened: the line's commune and carrier at the time. */
export interface FlowPlace {
  communeCode: string | null;
  carrier: string;
}

/** Adds `n` events of `measure` on the Vietnam day of `at`, in the caller's transaction. */
export async function countFlow(db: Kysely<DB>, measure: FlowMeasure, place: FlowPlace, at: string, n = 1): Promise<void> {
  await addFigureDeltas(db, [{ day: vietnamDay(at), commune_code: place.communeCode ?? NO_COMMUNE, carrier: place.carrier, measure, n }]);
}

/** A line's place for its flows, or undefined for a number outside the registry. */
export async function placeOfLine(db: Kysely<DB>, subscriberId: number): Promise<FlowPlace | undefined> {
  const line = await db.selectFrom('subscribers').select(['commune_code', 'carrier']).where('id', '=', subscriberId).executeTakeFirst();
  return line && { communeCode: line.commune_code, carrier: line.carrier };
}
