/** The lock orders' SQL: the feed a carrier reads, a confirmation, and what the timeliness figures read. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { inScope, type Scope } from '../db/scope.ts';

const ORDER_SCOPE = { carrier: 'lock_orders.carrier' };

/** A carrier's orders after `after`, in id order (the feed's cursor is the last id). */
export function feedAfter(db: Kysely<DB>, scope: Scope, after: number, limit: number) {
  return db
    .selectFrom('lock_orders')
    .innerJoin('subscribers', 'subscribers.id', 'lock_orders.subscriber_id')
    .select(['lock_orders.id', 'subscribers.msisdn', 'lock_orders.action', 'lock_orders.reason', 'lock_orders.due_at', 'lock_orders.ordered_at', 'lock_orders.confirmed_at'])
    .where(inScope(scope, ORDER_SCOPE))
    .where('lock_orders.id', '>', after)
    .orderBy('lock_orders.id')
    .limit(limit)
    .execute();
}

export function findOrder(db: Kysely<DB>, scope: Scope, id: number) {
  return db
    .selectFrom('lock_orders')
    .select(['id', 'subscriber_id', 'action', 'ordered_at', 'due_at', 'confirmed_at'])
    .where(inScope(scope, ORDER_SCOPE))
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Records the confirmation unless one is recorded already; returns whether this one was. */
export async function confirmOrder(db: Kysely<DB>, id: number, at: string, by: string): Promise<boolean> {
  const result = await db.updateTable('lock_orders').set({ confirmed_at: at, confirmed_by: by }).where('id', '=', id).where('confirmed_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The line's lock level is confirmed once its newest order is: an older order's confirmation changes nothing of it. */
export async function confirmLineIfLatest(db: Kysely<DB>, subscriberId: number, orderId: number): Promise<boolean> {
  const newest = await db.selectFrom('lock_orders').select((eb) => eb.fn.max('id').as('id')).where('subscriber_id', '=', subscriberId).executeTakeFirst();
  if (Number(newest?.id) !== orderId) return false;
  await db.updateTable('subscribers').set({ lock_state: 'confirmed' }).where('id', '=', subscriberId).execute();
  return true;
}

/** Every order in scope with its instants: the timeliness figures are counted from these. */
export function orderTimes(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom('lock_orders')
    .innerJoin('subscribers', 'subscribers.id', 'lock_orders.subscriber_id')
    .select(['lock_orders.id', 'lock_orders.carrier', 'lock_orders.action', 'subscribers.msisdn', 'lock_orders.due_at', 'lock_orders.confirmed_at'])
    .where(inScope(scope, ORDER_SCOPE))
    .orderBy('lock_orders.id')
    .execute();
}
