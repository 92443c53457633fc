/**
 * SQL of the SMS gateway: messages received on the short code (sms_inbound), their replies and the
 * outbox rows (notices) as the SMSC takes them. Every write is set-based per batch.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { groupBy } from './group-by.ts';
import { countFlow } from '../../registry/index.ts';
import type { FlowMeasure } from '../../domain/index.ts';

export interface NewInbound {
  carrier: string;
  sourceAddr: string;
  destinationAddr: string;
  text: string;
  receivedAt: string;
  /** Octets of a message that was not readable text (stored as `unreadable`), else null. */
  unreadableOctets: number | null;
}

/**
 * Sender, text and arrival of messages from these senders answered in [`since`, `before`) — the
 * redelivery check only looks at what arrived before the current connection opened, so a busy
 * sender on a live link costs nothing here.
 */
export function findAnsweredSince(db: Kysely<DB>, carrier: string, senders: readonly string[], since: string, before: string) {
  return db
    .selectFrom('sms_inbound')
    .select(['source_addr', 'text', 'raw_octets', 'received_at'])
    .where('carrier', '=', carrier)
    .where('source_addr', 'in', senders)
    .where('received_at', '>=', since)
    .where('received_at', '<', before)
    .where('reply_notice_id', 'is not', null)
    .execute();
}

/** Messages stored from each carrier, and how many of them were unreadable (not text). */
export async function countInboundByCarrier(db: Kysely<DB>): Promise<Record<string, { received: number; unreadable: number }>> {
  const rows = await db
    .selectFrom('sms_inbound')
    .select((eb) => ['carrier', 'state', eb.fn.countAll<number>().as('n')])
    .groupBy(['carrier', 'state'])
    .execute();
  const counts: Record<string, { received: number; unreadable: number }> = {};
  for (const row of rows) {
    const carrier = (counts[row.carrier] ??= { received: 0, unreadable: 0 });
    carrier.received += Number(row.n);
    if (row.state === 'unreadable') carrier.unreadable += Number(row.n);
  }
  return counts;
}

/** Stores received messages; returns their ids in the order given. */
export async function insertInbound(db: Kysely<DB>, rows: readonly NewInbound[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('sms_inbound')
    .values(
      rows.map((r) => ({
        carrier: r.carrier,
        source_addr: r.sourceAddr,
        destination_addr: r.destinationAddr,
        text: r.text,
        received_at: r.receivedAt,
        state: r.unreadableOctets === null ? ('received' as const) : ('unreadable' as const),
        raw_octets: r.unreadableOctets,
      })),
    )
    .returning('id')
    .execute();
  // RETURNING promises no order, but one multi-row insert takes its ids in VALUES order on both
  // SQLite (rowid under the write lock) and PostgreSQL (the sequence, row by row): sorted ids match.
  return inserted.map((r) => Number(r.id)).sort((a, b) => a - b);
}

export interface NewReply {
  subscriberId: number | null;
  msisdn: string;
  kind: string;
  idempotencyKey: string;
  text: string;
  carrier: string;
  sender: string;
  at: string;
}

/** Queues replies in the outbox; returns notice id by idempotency key (rows already there are left alone). */
export async function insertReplies(db: Kysely<DB>, replies: readonly NewReply[]): Promise<Map<string, number>> {
  if (replies.length === 0) return new Map();
  const rows = await db
    .insertInto('notices')
    .values(
      replies.map((r) => ({
        subscriber_id: r.subscriberId,
        msisdn: r.msisdn,
        kind: r.kind,
        idempotency_key: r.idempotencyKey,
        text: r.text,
        carrier: r.carrier,
        sender: r.sender,
        created_at: r.at,
        not_before: r.at,
      })),
    )
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning(['id', 'idempotency_key'])
    .execute();
  return new Map(rows.map((r) => [r.idempotency_key, Number(r.id)]));
}

/**
 * A VALUES list as a named table for `with … update … from … where t.id = v.id and t.id in
 * (select id from v)`: each row of a batch is joined to its target by primary key, where a CASE
 * over the batch would compare every row with every other. The redundant `in` makes SQLite look
 * the targets up by key instead of scanning the table (its planner has no statistics on `v`). Ids
 * are cast so PostgreSQL compares them as numbers (parameters arrive untyped).
 */
function valuesTable(name: string, columns: readonly string[], rows: readonly (readonly unknown[])[], bigintColumns: ReadonlySet<number> = new Set()) {
  const tuples = rows.map((row) => sql`(${sql.join(row.map((value, i) => (bigintColumns.has(i) ? sql`cast(${value} as bigint)` : sql`${value}`)))})`);
  return sql`${sql.ref(name)}(${sql.join(columns.map((c) => sql.ref(c)))}) as (values ${sql.join(tuples)})`;
}

/** Sets sms_inbound.reply_notice_id for each stored message answered. */
export async function linkReplies(db: Kysely<DB>, links: readonly { inboundId: number; noticeId: number }[]): Promise<void> {
  if (links.length === 0) return;
  const v = valuesTable('v', ['id', 'notice_id'], links.map((l) => [l.inboundId, l.noticeId]), new Set([0, 1]));
  await sql`with ${v} update sms_inbound set reply_notice_id = v.notice_id from v where sms_inbound.id = v.id and sms_inbound.id in (select id from v)`.execute(db);
}

/** Queued notices due by `now`, by id after `afterId` (the dispatcher walks the outbox in id order). */
export function listDueNotices(db: Kysely<DB>, options: { now: string; afterId: number; limit: number }) {
  return db
    .selectFrom('notices')
    .select(['id', 'msisdn', 'kind', 'text', 'carrier', 'sender'])
    .where('status', '=', 'queued')
    .where('not_before', '<=', options.now)
    .where('id', '>', options.afterId)
    .orderBy('id')
    .limit(options.limit)
    .execute();
}

export interface SentNotice {
  id: number;
  carrier: string;
  smscMessageId: string;
  /** The text to keep instead (a one-time code blanked), or null to keep it as it is. */
  keptText: string | null;
}

/**
 * Marks notices the SMSC took: status sent, sent_at, the SMSC's message id, one more attempt; each
 * counts as sent on the service clock's day `countedAt` (sent_at is the link's own wall time).
 */
export async function markSent(db: Kysely<DB>, sent: readonly SentNotice[], at: string, countedAt: string): Promise<void> {
  if (sent.length === 0) return;
  const first = await db.selectFrom('notices').select('id').where('id', 'in', sent.map((s) => s.id)).where('status', '<>', 'sent').execute();
  // The blanked text rides in the same statement: every 1414 reply is blanked, so a statement of its
  // own per notice would cost a write per round trip.
  const v = valuesTable('v', ['id', 'carrier', 'smsc_message_id', 'kept_text'], sent.map((s) => [s.id, s.carrier, s.smscMessageId, s.keptText]), new Set([0]));
  await sql`with ${v} update notices
    set status = 'sent', sent_at = ${at}, last_error = null, submit_attempts = submit_attempts + 1,
        carrier = v.carrier, smsc_message_id = v.smsc_message_id, text = coalesce(cast(v.kept_text as text), notices.text)
    from v where notices.id = v.id and notices.id in (select id from v)`.execute(db);
  await countNotices(db, 'notices_sent', first.map((n) => Number(n.id)), countedAt, 1);
}

/** Adds notices to a flow by the commune (of their line, now) and carrier that carried them. */
async function countNotices(db: Kysely<DB>, measure: FlowMeasure, ids: readonly number[], at: string, sign: 1 | -1): Promise<void> {
  if (ids.length === 0) return;
  const places = await db
    .selectFrom('notices as n')
    .leftJoin('subscribers as s', 's.id', 'n.subscriber_id')
    .select(['s.commune_code', 'n.carrier', (eb) => eb.fn.countAll<number>().as('n')])
    .where('n.id', 'in', ids)
    .groupBy(['s.commune_code', 'n.carrier'])
    .execute();
  for (const p of places) await countFlow(db, measure, { communeCode: p.commune_code, carrier: p.carrier ?? '' }, at, sign * Number(p.n));
}

/** Marks notices the SMSC refused for good (or that cannot be routed), with the reason. */
export async function markFailed(db: Kysely<DB>, failed: readonly { id: number; error: string; attempted: boolean }[]): Promise<void> {
  for (const f of failed) {
    await db
      .updateTable('notices')
      .set((eb) => ({ status: 'failed', last_error: f.error, submit_attempts: f.attempted ? eb('submit_attempts', '+', 1) : eb.ref('submit_attempts') }))
      .where('id', '=', f.id)
      .execute();
  }
}

/**
 * Records delivery receipts on the notices they belong to (by carrier and SMSC message id). A
 * notice that becomes DELIVRD counts as delivered on the service clock's day `countedAt`; one that
 * leaves DELIVRD (a later receipt saying otherwise) counts no more.
 */
export async function recordReceipts(
  db: Kysely<DB>,
  carrier: string,
  receipts: readonly { smscMessageId: string; stat: string; doneAt: string }[],
  countedAt: string,
): Promise<number> {
  // One statement per (status, done date): receipts carry the date to the minute and nearly all say
  // DELIVRD, so a batch costs a handful of indexed `in` updates, not one statement per message.
  const groups = groupBy(receipts, (r) => `${r.stat}\u0000${r.doneAt}`);
  let matched = 0;
  for (const group of groups.values()) {
    const first = group[0] as (typeof receipts)[number];
    const delivered = first.stat === DELIVERED;
    const moving = await db
      .selectFrom('notices')
      .select('id')
      .where('carrier', '=', carrier)
      .where('smsc_message_id', 'in', group.map((r) => r.smscMessageId))
      .where((eb) => (delivered ? eb.or([eb('delivery_status', 'is', null), eb('delivery_status', '<>', DELIVERED)]) : eb('delivery_status', '=', DELIVERED)))
      .execute();
    await countNotices(db, 'notices_delivered', moving.map((n) => Number(n.id)), countedAt, delivered ? 1 : -1);
    const result = await db
      .updateTable('notices')
      .set({ delivery_status: first.stat, delivered_at: first.doneAt })
      .where('carrier', '=', carrier)
      .where('smsc_message_id', 'in', group.map((r) => r.smscMessageId))
      .executeTakeFirst();
    matched += Number(result.numUpdatedRows);
  }
  return matched;
}

/** The receipt status of a message delivered to the handset. */
const DELIVERED = 'DELIVRD';
