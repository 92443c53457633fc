/** Test helpers for the roadmap: a handful of lines inserted directly, and what happened to them. */
import type { Database } from '../db/open.ts';
import type { NewSubscriber } from '../db/schema.ts';
import { requireVerification } from '../registry/index.ts';
import { testLine } from '../registry/subscriber.testing.ts';

export { testLine };

export async function insertLine(db: Database, extra: Partial<NewSubscriber> = {}): Promise<number> {
  const row = await db.kysely.insertInto('subscribers').values(testLine(extra)).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts a line and makes verification required at `at` through the registry, as detection does. */
export async function lineRequiredAt(
  db: Database,
  at: string,
  reason: 'mismatch' | 'device_change' = 'mismatch',
  extra: Partial<NewSubscriber> = {},
): Promise<number> {
  const id = await insertLine(db, extra);
  await db.kysely
    .transaction()
    .execute((trx) => requireVerification(trx, { subscriberId: id, reason, at, actor: 'test', source: 'reconciliation' }));
  return id;
}

export function lineState(db: Database, id: number) {
  return db.kysely
    .selectFrom('subscribers')
    .select(['lock_level', 'lock_reason', 'locked_at', 'verification_state'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export function eventsOf(db: Database, id: number) {
  return db.kysely
    .selectFrom('subscriber_events')
    .select(['kind', 'at', 'from_state', 'to_state', 'reason'])
    .where('subscriber_id', '=', id)
    .orderBy('id')
    .execute();
}

export function noticesOf(db: Database, id: number) {
  return db.kysely
    .selectFrom('notices')
    .select(['kind', 'idempotency_key', 'text', 'created_at', 'not_before'])
    .where('subscriber_id', '=', id)
    .orderBy('id')
    .execute();
}

/** An instant `ms` after the ISO instant `iso`, as an ISO string. */
export function plus(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const MINUTE = 60_000;
