/**
 * The campaign's target groups (docs/domain.md, "Target groups"): which lines are in `cmnd9`, `carrier_notice` and
 * `mismatch`, from which source and since when. Entering `mismatch` starts the roadmap's clock
 * (registry's requireVerification); verification ends a line's memberships.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/open.ts';
import type { Scope } from '../../domain/index.ts';
import type { DB } from '../../db/schema.ts';
import type { TargetGroup } from '../../domain/index.ts';
import { requireVerificationOfMany } from '../../registry/index.ts';
import {
  countMemberships,
  endOpenMemberships,
  insertMemberships,
  type CountDimension,
  type MembershipCountRow,
  type MembershipKey,
} from './target-groups.repository.ts';

export interface TargetGroupEntry {
  subscriberId: number;
  group: TargetGroup;
  /** Who found it: reconciliation | selfcheck | report | carrier | import. */
  source: string;
  /** For `mismatch`: the mismatch kind. Omitted: none. */
  detail?: string;
  /** ISO-8601 instant. */
  at: string;
  /** Recorded on the requirement event; defaults to `system:<source>`. */
  actor?: string;
}

export interface EnteredSummary {
  /** Memberships that are new (a repeat of an existing one is skipped). */
  entered: MembershipKey[];
  /** Lines whose verification became required by entering `mismatch`. */
  requirementsStarted: number;
}

/**
 * Puts lines into target groups, in the caller's transaction, with one bulk insert. Idempotent:
 * a membership that exists (same line, group and detail, even ended) is left as it is. A new
 * `mismatch` membership makes the line's verification required, which the registry does once per
 * line however many mismatches are found.
 */
export async function enterTargetGroups(trx: Kysely<DB>, entries: readonly TargetGroupEntry[]): Promise<EnteredSummary> {
  const entered = await insertMemberships(
    trx,
    entries.map((e) => ({ subscriberId: e.subscriberId, group: e.group, source: e.source, detail: e.detail ?? '', since: e.at })),
  );
  // The first mismatch reported for a line is the one its requirement event names; lines found
  // by the same source at the same instant start their requirements in one set-based call.
  const firstMismatch = new Map<number, TargetGroupEntry>();
  for (const e of entries) if (e.group === 'mismatch' && !firstMismatch.has(e.subscriberId)) firstMismatch.set(e.subscriberId, e);
  const together = new Map<string, { entry: TargetGroupEntry; subscriberIds: number[] }>();
  for (const membership of entered) {
    const entry = membership.group === 'mismatch' ? firstMismatch.get(membership.subscriberId) : undefined;
    if (!entry) continue;
    const key = JSON.stringify([entry.at, entry.source, entry.actor]);
    const group = together.get(key) ?? { entry, subscriberIds: [] };
    group.subscriberIds.push(entry.subscriberId);
    together.set(key, group);
  }
  let requirementsStarted = 0;
  for (const { entry, subscriberIds } of together.values()) {
    const started = await requireVerificationOfMany(trx, {
      subscriberIds,
      reason: 'mismatch',
      at: entry.at,
      actor: entry.actor ?? `system:${entry.source}`,
      source: entry.source,
    });
    requirementsStarted += started.length;
  }
  return { entered, requirementsStarted };
}

/** Puts one line into one group (see {@link enterTargetGroups}); returns whether it is new. */
export async function enterTargetGroup(trx: Kysely<DB>, entry: TargetGroupEntry): Promise<boolean> {
  const { entered } = await enterTargetGroups(trx, [entry]);
  return entered.length > 0;
}

/**
 * Ends every open membership of a verified line (to be called in the transaction that marks it
 * verified). Returns how many ended.
 */
export function endMembershipsOnVerification(trx: Kysely<DB>, subscriberId: number, at: string): Promise<number> {
  return endOpenMemberships(trx, subscriberId, at);
}

export interface TargetGroupCount {
  communeCode?: string | null;
  communeName?: string | null;
  carrier?: string;
  group?: TargetGroup;
  members: number;
  open: number;
}

/** Member lines (and those still open) by any of commune, carrier and group. */
/** Counts within `scope` (the caller's: a commune officer counts their communes' lines only). */
export async function countTargetGroups(db: Database, options: { by: readonly CountDimension[]; scope?: Scope }): Promise<TargetGroupCount[]> {
  const rows = await countMemberships(db.kysely, options.by, options.scope);
  return rows.map((r) => toCount(r));
}

function toCount(row: MembershipCountRow): TargetGroupCount {
  return {
    ...(row.commune_code !== undefined ? { communeCode: row.commune_code, communeName: row.commune_name ?? null } : {}),
    ...(row.carrier !== undefined ? { carrier: row.carrier } : {}),
    ...(row.target_group !== undefined ? { group: row.target_group } : {}),
    members: row.members,
    open: row.open,
  };
}
