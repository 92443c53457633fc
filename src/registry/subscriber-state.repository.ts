/**
 * The state changes every capability shares. Each writes the subscriber row and its event row
 * together; callers pass a transaction (`db.kysely.transaction()`) so both commit or neither does.
 */
import type { Kysely } from 'kysely';
import type { DB, RequirementReason } from '../db/schema.ts';

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

/** Appends one row to the subscriber's history. */
export async function appendEvent(db: Kysely<DB>, event: NewEvent): Promise<void> {
  await db
    .insertInto('subscriber_events')
    .values({
      subscriber_id: event.subscriberId,
      at: event.at,
      kind: event.kind,
      from_state: event.fromState ?? null,
      to_state: event.toState ?? null,
      actor: event.actor,
      channel: event.channel ?? null,
      reason: event.reason ?? null,
      details: event.details ? JSON.stringify(event.details) : null,
    })
    .execute();
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
  const line = await db
    .selectFrom('subscribers')
    .select(['verification_state', 'verification_required_since', 'lock_level'])
    .where('id', '=', input.subscriberId)
    .executeTakeFirst();
  if (!line || line.verification_required_since !== null || line.lock_level === 'terminated') return false;
  if (line.verification_state === 'verified' && input.reason !== 'device_change') return false;
  await db
    .updateTable('subscribers')
    .set({
      verification_required_since: input.at,
      verification_required_reason: input.reason,
      verification_state: 'unverified',
      ...(input.reason === 'device_change' ? { device_changed_at: input.at } : {}),
      updated_at: input.at,
    })
    .where('id', '=', input.subscriberId)
    .execute();
  await appendEvent(db, {
    subscriberId: input.subscriberId,
    at: input.at,
    kind: 'verification_required',
    fromState: line.verification_state,
    toState: 'unverified',
    actor: input.actor,
    reason: input.reason,
    details: { source: input.source },
  });
  return true;
}

/**
 * Marks a line verified: ends the requirement and lifts a campaign lock (never a lock of another
 * reason, such as fraud). Writes a `verified` event and, when a lock was lifted, an `unlocked` one.
 */
export async function markVerified(
  db: Kysely<DB>,
  input: { subscriberId: number; at: string; actor: string; channel: string; attemptId?: number },
): Promise<{ unlocked: boolean }> {
  const line = await db
    .selectFrom('subscribers')
    .select(['verification_state', 'lock_level', 'lock_reason'])
    .where('id', '=', input.subscriberId)
    .executeTakeFirstOrThrow();
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

/** Lock reasons the campaign's roadmap sets (other lifecycles — churn, fraud — use their own). */
export const CAMPAIGN_LOCK_REASONS = ['campaign_mismatch', 'campaign_device_change'] as const;

export function isCampaignLock(reason: string | null): boolean {
  return reason !== null && (CAMPAIGN_LOCK_REASONS as readonly string[]).includes(reason);
}
