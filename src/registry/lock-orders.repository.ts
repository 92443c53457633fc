/**
 * Orders to the carriers' networks, written with the decision they carry (in its transaction):
 * the roadmap's lock steps and the unlock a verification brings. Each order leaves the line
 * `ordered` until its carrier confirms it (src/carriers, the feed and its confirmations).
 */
import { sql, type Kysely } from 'kysely';
import { instantValue } from '../db/instant-value.ts';
import type { DB, LockOrderAction } from '../db/schema.ts';
import type { LockLevel } from '../domain/index.ts';
import { chunksOf } from '../db/chunks.ts';

const ACTION_OF_LEVEL: Readonly<Record<Exclude<LockLevel, 'none'>, LockOrderAction>> = { one_way: 'one_way', two_way: 'two_way', terminated: 'terminate' };

// Ids per statement, well under SQLite's bind-parameter limit.
const IDS_PER_STATEMENT = 5_000;

/**
 * Orders the lock the lines were just moved to: one order per line, due at its `locked_at` (the
 * step's due instant), with its lock reason; the lines become `ordered`. Set-based.
 */
export async function orderLocks(db: Kysely<DB>, input: { subscriberIds: readonly number[]; level: Exclude<LockLevel, 'none'>; orderedAt: string }): Promise<void> {
  const action = ACTION_OF_LEVEL[input.level];
  for (const ids of chunksOf(input.subscriberIds, IDS_PER_STATEMENT)) {
    await db
      .insertInto('lock_orders')
      .columns(['subscriber_id', 'carrier', 'action', 'reason', 'due_at', 'ordered_at'])
      .expression(
        db
          .selectFrom('subscribers')
          .select(['id', 'carrier', sql<LockOrderAction>`${action}`.as('action'), 'lock_reason', 'locked_at', instantValue(db, input.orderedAt).as('ordered_at')])
          .where('id', 'in', ids),
      )
      .execute();
    await db.updateTable('subscribers').set({ lock_state: 'ordered' }).where('id', 'in', ids).execute();
  }
}

/** Orders a line unlocked (a verification lifted its campaign lock at `at`); the line becomes `ordered`. */
export async function orderUnlock(db: Kysely<DB>, input: { subscriberId: number; carrier: string; reason: string | null; at: string }): Promise<void> {
  await db
    .insertInto('lock_orders')
    .values({ subscriber_id: input.subscriberId, carrier: input.carrier, action: 'unlock', reason: input.reason, due_at: input.at, ordered_at: input.at })
    .execute();
  await db.updateTable('subscribers').set({ lock_state: 'ordered' }).where('id', '=', input.subscriberId).execute();
}
