/**
 * The state changes every capability shares. Each writes the subscriber row and its event row
 * together; callers pass a transaction (`db.kysely.transaction()`) so both commit or neither does.
 */
import { PostgresAdapter, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DocumentType, RequirementReason } from '../domain/index.ts';
import { canonicalName } from '../domain/index.ts';
import { chunksOf } from '../db/chunks.ts';
import { orderUnlock } from './lock-orders.repository.ts';
import { countFlow, trackFigures } from './figures.repository.ts';
import { verifiedVia } from '../domain/index.ts';

export interface NewEvent {
  subscriberId: number;
  at: string;
  kind: string;
  fromState?: string | null;
  toState?: string | null;
  actor: string;
  channel?: string | null;
  reason?: string | null;
  details?: Record<string, unknown> | null;
}

// Rows per insert: nine values per event stay under SQLite's 32,766 bind parameters
// (PostgreSQL allows 65,535).
const EVENTS_PER_STATEMENT = 3_000;

/** Appends one row to the subscriber's history. */
export async function appendEvent(db: Kysely<DB>, event: NewEvent): Promise<void> {
  await appendEvents(db, [event]);
}

/**
 * Appends rows to subscribers' histories, set-based: one multi-row insert per 3,000 events
 * (bulk transitions such as a roadmap batch). Pass a transaction so they commit with the state
 * change they record.
 */
export async function appendEvents(db: Kysely<DB>, events: readonly NewEvent[]): Promise<void> {
  for (const chunk of chunksOf(events, EVENTS_PER_STATEMENT)) {
    await db
      .insertInto('subscriber_events')
      .values(
        chunk.map((event) => ({
          subscriber_id: event.subscriberId,
          at: event.at,
          kind: event.kind,
          from_state: event.fromState ?? null,
          to_state: event.toState ?? null,
          actor: event.actor,
          channel: event.channel ?? null,
          reason: event.reason ?? null,
          details: event.details ? JSON.stringify(event.details) : null,
        })),
      )
      .execute();
  }
}

/**
 * Starts the roadmap's clock for an unverified line: from now on it must be verified. A line that
 * is already required keeps its first instant (the same finding twice changes nothing), and a
 * verified line is left alone unless the reason is a new handset, which asks for verification again.
 * Returns whether anything changed.
 */
export async function requireVerification(
  db: Kysely<DB>,
  input: { subscriberId: number; reason: RequirementReason; at: string; actor: string; source: string },
): Promise<boolean> {
  const { subscriberId, ...rest } = input;
  return (await requireVerificationOfMany(db, { ...rest, subscriberIds: [subscriberId] })).length > 0;
}

// Lines per statement: as many as one event insert holds.
const IDS_PER_STATEMENT = EVENTS_PER_STATEMENT;

/**
 * {@link requireVerification} for many lines with the same reason, set-based: per 3,000 lines one
 * select, one update and one multi-row event insert instead of three statements per line (bulk
 * findings such as a reconciliation batch). The same rules decide which lines change. Returns the
 * ids of the lines whose requirement started.
 */
export async function requireVerificationOfMany(
  db: Kysely<DB>,
  input: { subscriberIds: readonly number[]; reason: RequirementReason; at: string; actor: string; source: string },
): Promise<number[]> {
  const ids = [...new Set(input.subscriberIds)];
  return trackFigures(db, { ids }, input.at, () => startRequirements(db, ids, input));
}

async function startRequirements(
  db: Kysely<DB>,
  ids: readonly number[],
  input: { reason: RequirementReason; at: string; actor: string; source: string },
): Promise<number[]> {
  const started: number[] = [];
  for (const chunk of chunksOf(ids, IDS_PER_STATEMENT)) {
    const lines = await lockedRead(
      db,
      db
        .selectFrom('subscribers')
        .select(['id', 'verification_state'])
        .where('id', 'in', chunk)
        .where('verification_required_since', 'is', null)
        .where('lock_level', '<>', 'terminated')
        .$if(input.reason !== 'device_change', (q) => q.where('verification_state', '<>', 'verified')),
    ).execute();
    if (lines.length === 0) continue;
    await db
      .updateTable('subscribers')
      .set({
        verification_required_since: input.at,
        verification_required_reason: input.reason,
        verification_state: 'unverified',
        ...(input.reason === 'device_change' ? { device_changed_at: input.at } : {}),
        updated_at: input.at,
      })
      .where('id', 'in', lines.map((l) => l.id))
      .execute();
    await appendEvents(
      db,
      lines.map((l) => ({
        subscriberId: l.id,
        at: input.at,
        kind: 'verification_required',
        fromState: l.verification_state,
        toState: 'unverified',
        actor: input.actor,
        reason: input.reason,
        details: { source: input.source },
      })),
    );
    for (const l of lines) started.push(Number(l.id));
  }
  return started;
}

/**
 * Marks a line verified: ends the requirement and lifts a campaign lock (never a lock of another
 * reason, such as fraud). Writes a `verified` event and, when a lock was lifted, an `unlocked` one.
 */
export async function markVerified(
  db: Kysely<DB>,
  input: { subscriberId: number; at: string; actor: string; channel: string; attemptId?: number },
): Promise<{ unlocked: boolean }> {
  return trackFigures(db, { ids: [input.subscriberId] }, input.at, () => verify(db, input));
}

async function verify(
  db: Kysely<DB>,
  input: { subscriberId: number; at: string; actor: string; channel: string; attemptId?: number },
): Promise<{ unlocked: boolean }> {
  const line = await lockedRead(
    db,
    db
      .selectFrom('subscribers')
      .select(['verification_state', 'lock_level', 'lock_reason', 'carrier', 'commune_code'])
      .where('id', '=', input.subscriberId),
  ).executeTakeFirstOrThrow();
  const place = { communeCode: line.commune_code, carrier: line.carrier };
  const via = verifiedVia(input.channel);
  if (via) await countFlow(db, via, place, input.at);
  const campaignLock = isCampaignLock(line.lock_reason) && (line.lock_level === 'one_way' || line.lock_level === 'two_way');
  await db
    .updateTable('subscribers')
    .set({
      verification_state: 'verified',
      verified_at: input.at,
      verification_required_since: null,
      verification_required_reason: null,
      ...(campaignLock ? { lock_level: 'none' as const, lock_reason: null, locked_at: null } : {}),
      updated_at: input.at,
    })
    .where('id', '=', input.subscriberId)
    .execute();
  const details = input.attemptId === undefined ? null : { attemptId: input.attemptId };
  await appendEvent(db, {
    subscriberId: input.subscriberId,
    at: input.at,
    kind: 'verified',
    fromState: line.verification_state,
    toState: 'verified',
    actor: input.actor,
    channel: input.channel,
    details,
  });
  if (campaignLock) {
    await countFlow(db, 'unlocked', place, input.at);
    // The network still holds the lock until the carrier confirms the unlock.
    await orderUnlock(db, { subscriberId: input.subscriberId, carrier: line.carrier, reason: line.lock_reason, at: input.at });
    await appendEvent(db, {
      subscriberId: input.subscriberId,
      at: input.at,
      kind: 'unlocked',
      fromState: line.lock_level,
      toState: 'none',
      actor: input.actor,
      channel: input.channel,
      reason: line.lock_reason,
      details,
    });
  }
  return { unlocked: campaignLock };
}

/**
 * Brings the carrier's registration of a line in line with an identity the national database has
 * just confirmed (a correction made in person at verification). Only changed fields are written;
 * the event names them without their values, so the history holds no personal data in clear.
 * Returns the names of the corrected fields.
 */
export async function correctRegistration(
  db: Kysely<DB>,
  input: {
    subscriberId: number;
    at: string;
    actor: string;
    channel: string;
    identity: { documentType: DocumentType; documentNumber: string; fullName: string; birthDate: string; birthPrecision: 'day' | 'month' | 'year' };
  },
): Promise<string[]> {
  const line = await db
    .selectFrom('subscribers')
    .select(['document_type', 'document_number', 'full_name', 'birth_date', 'birth_precision'])
    .where('id', '=', input.subscriberId)
    .executeTakeFirstOrThrow();
  const wanted = {
    document_type: input.identity.documentType,
    document_number: input.identity.documentNumber,
    full_name: input.identity.fullName,
    birth_date: input.identity.birthDate,
    birth_precision: input.identity.birthPrecision,
  };
  const changed = (Object.keys(wanted) as (keyof typeof wanted)[]).filter((field) => line[field] !== wanted[field]);
  if (changed.length === 0) return [];
  await db
    .updateTable('subscribers')
    .set({ ...wanted, name_key: canonicalName(wanted.full_name), updated_at: input.at })
    .where('id', '=', input.subscriberId)
    .execute();
  await appendEvent(db, {
    subscriberId: input.subscriberId,
    at: input.at,
    kind: 'registration_corrected',
    actor: input.actor,
    channel: input.channel,
    details: { fields: changed },
  });
  return changed;
}

/**
 * Reads a row for update. On PostgreSQL the row stays locked until the caller's transaction ends, so
 * a roadmap lock and a verification of the same line cannot interleave; SQLite has a single writer
 * and needs (and accepts) no row lock.
 */
function lockedRead<Q extends { forUpdate(): Q }>(db: Kysely<DB>, query: Q): Q {
  return db.getExecutor().adapter instanceof PostgresAdapter ? query.forUpdate() : query;
}

/** Lock reasons the campaign's roadmap sets (other lifecycles — churn, fraud — use their own). */
export const CAMPAIGN_LOCK_REASONS = ['campaign_mismatch', 'campaign_device_change'] as const;

export function isCampaignLock(reason: string | null): boolean {
  return reason !== null && (CAMPAIGN_LOCK_REASONS as readonly string[]).includes(reason);
}

/**
 * Moves a line between `unverified` and `pending` (a verification the national service has not
 * answered yet), with its event. Only that pair changes: a verified line stays verified, and a
 * line whose state something else changed meanwhile is left as it is. Returns whether it changed.
 */
export async function setVerificationPending(
  db: Kysely<DB>,
  input: { subscriberId: number; pending: boolean; at: string; actor: string; channel: string; attemptId: number },
): Promise<boolean> {
  const [from, to] = input.pending ? (['unverified', 'pending'] as const) : (['pending', 'unverified'] as const);
  const result = await db
    .updateTable('subscribers')
    .set({ verification_state: to, updated_at: input.at })
    .where('id', '=', input.subscriberId)
    .where('verification_state', '=', from)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await appendEvent(db, {
    subscriberId: input.subscriberId,
    at: input.at,
    kind: input.pending ? 'verification_pending' : 'verification_pending_ended',
    fromState: from,
    toState: to,
    actor: input.actor,
    channel: input.channel,
    details: { attemptId: input.attemptId },
  });
  return true;
}
