/**
 * What a carrier reports about a line and the registry records (src/carriers): the line closed,
 * moved to another holder, ported to another carrier, its SIM seen in another handset. Each writes
 * the line and its event together; callers pass a transaction. Events name the changed fields, never
 * their values, so the history holds no personal data in clear.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { appendEvent, appendEvents, requireVerification } from './subscriber-state.repository.ts';
import type { StagedLine } from './import/subscriber-row.ts';
import { trackFigures } from './figures.repository.ts';

interface Change {
  subscriberId: number;
  /** ISO instant the carrier gives for the change. */
  at: string;
  actor: string;
  /** Carried on the event: which report made the change (e.g. the carrier's reference). */
  details: Record<string, unknown>;
}

/** The holder fields a transfer replaces (the line's class and number stay). */
const HOLDER_FIELDS = ['holder_kind', 'document_type', 'document_number', 'full_name', 'name_key', 'birth_date', 'birth_precision', 'sex', 'commune_code'] as const;

/** Closes an open line; returns false (nothing written) when it is closed already. */
export async function closeLine(db: Kysely<DB>, change: Change & { reason: string }): Promise<boolean> {
  return trackFigures(db, { ids: [change.subscriberId] }, change.at, () => close(db, change));
}

async function close(db: Kysely<DB>, change: Change & { reason: string }): Promise<boolean> {
  const result = await db
    .updateTable('subscribers')
    .set({ closed_at: change.at, closed_reason: change.reason, updated_at: change.at })
    .where('id', '=', change.subscriberId)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await appendEvent(db, { subscriberId: change.subscriberId, at: change.at, kind: 'line_closed', actor: change.actor, reason: change.reason, details: change.details });
  return true;
}

/**
 * Another holder takes the line over: their registration replaces the old one, with one event per
 * changed field, and the old holder's verification no longer speaks for the line (unverified until
 * the new holder verifies). Returns the changed fields ([] when the "new" holder is the same).
 */
export async function transferLine(db: Kysely<DB>, change: Change & { holder: Pick<StagedLine, (typeof HOLDER_FIELDS)[number]> }): Promise<string[]> {
  return trackFigures(db, { ids: [change.subscriberId] }, change.at, () => transfer(db, change));
}

async function transfer(db: Kysely<DB>, change: Change & { holder: Pick<StagedLine, (typeof HOLDER_FIELDS)[number]> }): Promise<string[]> {
  const line = await db.selectFrom('subscribers').select([...HOLDER_FIELDS, 'verification_state']).where('id', '=', change.subscriberId).executeTakeFirstOrThrow();
  const changed = HOLDER_FIELDS.filter((field) => field !== 'name_key' && line[field] !== change.holder[field]);
  if (changed.length === 0) return [];
  await db
    .updateTable('subscribers')
    .set({ ...change.holder, verification_state: 'unverified', verified_at: null, updated_at: change.at })
    .where('id', '=', change.subscriberId)
    .execute();
  await appendEvents(db, [
    ...changed.map((field) => ({
      subscriberId: change.subscriberId,
      at: change.at,
      kind: 'registration_changed',
      actor: change.actor,
      reason: 'holder_transferred',
      details: { ...change.details, field },
    })),
    {
      subscriberId: change.subscriberId,
      at: change.at,
      kind: 'holder_transferred',
      fromState: line.verification_state,
      toState: 'unverified',
      actor: change.actor,
      details: { ...change.details, fields: changed },
    },
  ]);
  return changed;
}

/** The number moves to another carrier; the line leaves the donor's reach with its history. */
export async function portOut(db: Kysely<DB>, change: Change & { from: string; to: string }): Promise<void> {
  await trackFigures(db, { ids: [change.subscriberId] }, change.at, () => port(db, change));
}

async function port(db: Kysely<DB>, change: Change & { from: string; to: string }): Promise<void> {
  await db.updateTable('subscribers').set({ carrier: change.to, updated_at: change.at }).where('id', '=', change.subscriberId).execute();
  await appendEvent(db, {
    subscriberId: change.subscriberId,
    at: change.at,
    kind: 'ported_out',
    fromState: change.from,
    toState: change.to,
    actor: change.actor,
    details: { ...change.details, field: 'carrier' },
  });
}

/**
 * The SIM is in another handset: the IMEI is recorded and verification becomes required again
 * (device_change: the roadmap follows it from the date its settings give). Returns false when the
 * handset is the one already recorded.
 */
export async function recordHandsetChange(db: Kysely<DB>, change: Change & { imei: string }): Promise<boolean> {
  const line = await db.selectFrom('subscribers').select('imei').where('id', '=', change.subscriberId).executeTakeFirstOrThrow();
  if (line.imei === change.imei) return false;
  await db.updateTable('subscribers').set({ imei: change.imei, updated_at: change.at }).where('id', '=', change.subscriberId).execute();
  await appendEvent(db, { subscriberId: change.subscriberId, at: change.at, kind: 'device_changed', actor: change.actor, details: { ...change.details, field: 'imei' } });
  await requireVerification(db, { subscriberId: change.subscriberId, reason: 'device_change', at: change.at, actor: change.actor, source: 'carrier' });
  return true;
}
