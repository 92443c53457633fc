/**
 * SQL of the target groups: memberships written in bulk (a repeat changes nothing), ended when
 * a line is verified, and counted set-based by commune, carrier and group.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inScope, type Scope } from '../../db/scope.ts';
import type { TargetGroup } from '../../domain/index.ts';
import { chunksOf } from '../../db/chunks.ts';
import { trackFigures } from '../../registry/index.ts';

export interface MembershipInput {
  subscriberId: number;
  group: TargetGroup;
  source: string;
  /** e.g. the mismatch kind; '' when the group needs none. */
  detail: string;
  since: string;
}

export interface MembershipKey {
  subscriberId: number;
  group: TargetGroup;
  detail: string;
}

// Five values per row: far below SQLite's 32,766 and PostgreSQL's 65,535 bind parameters.
const ROWS_PER_STATEMENT = 5_000;

/**
 * Inserts memberships, skipping those that exist (same line, group and detail — ended or not).
 * Returns the memberships that are new. A line entering a group enters the figures' target on
 * the day of its `since`.
 */
export async function insertMemberships(db: Kysely<DB>, rows: readonly MembershipInput[]): Promise<MembershipKey[]> {
  const inserted: MembershipKey[] = [];
  const bySince = new Map<string, MembershipInput[]>();
  for (const row of rows) {
    const list = bySince.get(row.since);
    if (list) list.push(row);
    else bySince.set(row.since, [row]);
  }
  for (const [since, sameSince] of bySince) {
    inserted.push(...(await trackFigures(db, { ids: sameSince.map((r) => r.subscriberId) }, since, () => insertNew(db, sameSince))));
  }
  return inserted;
}

async function insertNew(db: Kysely<DB>, rows: readonly MembershipInput[]): Promise<MembershipKey[]> {
  const inserted: MembershipKey[] = [];
  for (const chunk of chunksOf(rows, ROWS_PER_STATEMENT)) {
    const added = await db
      .insertInto('target_memberships')
      .values(
        chunk.map((r) => ({
          subscriber_id: r.subscriberId,
          target_group: r.group,
          source: r.source,
          detail: r.detail,
          since: r.since,
        })),
      )
      .onConflict((oc) => oc.columns(['subscriber_id', 'target_group', 'detail']).doNothing())
      .returning(['subscriber_id', 'target_group', 'detail'])
      .execute();
    for (const row of added) inserted.push({ subscriberId: Number(row.subscriber_id), group: row.target_group, detail: row.detail });
  }
  return inserted;
}

/** Ends the line's open memberships at `at`; returns how many ended. */
export async function endOpenMemberships(db: Kysely<DB>, subscriberId: number, at: string): Promise<number> {
  const result = await db
    .updateTable('target_memberships')
    .set({ ended_at: at })
    .where('subscriber_id', '=', subscriberId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The dimensions memberships can be counted by. */
export const COUNT_DIMENSIONS = ['commune', 'carrier', 'group'] as const;
export type CountDimension = (typeof COUNT_DIMENSIONS)[number];

export interface MembershipCountRow {
  commune_code?: string | null;
  commune_name?: string | null;
  carrier?: string;
  target_group?: TargetGroup;
  /** Lines that ever entered (a line in several groups or with several details counts once). */
  members: number;
  /** Of those, lines with a membership not yet ended by verification. */
  open: number;
}

/** Counts member lines with one GROUP BY over the chosen dimensions (none: a single total row). */
export async function countMemberships(db: Kysely<DB>, by: readonly CountDimension[], scope: Scope = 'province'): Promise<MembershipCountRow[]> {
  const wants = (d: CountDimension) => by.includes(d);
  const rows = await db
    .selectFrom('target_memberships as m')
    .innerJoin('subscribers as s', 's.id', 'm.subscriber_id')
    .leftJoin('admin_units as u', 'u.code', 's.commune_code')
    .where(inScope(scope, { commune: 's.commune_code', carrier: 's.carrier' }))
    .select([
      sql<number>`count(distinct m.subscriber_id)`.as('members'),
      sql<number>`count(distinct case when m.ended_at is null then m.subscriber_id end)`.as('open'),
    ])
    .$if(wants('commune'), (q) =>
      q.select(['s.commune_code', 'u.name as commune_name']).groupBy(['s.commune_code', 'u.name']).orderBy('s.commune_code'),
    )
    .$if(wants('carrier'), (q) => q.select('s.carrier').groupBy('s.carrier').orderBy('s.carrier'))
    .$if(wants('group'), (q) => q.select('m.target_group').groupBy('m.target_group').orderBy('m.target_group'))
    .execute();
  return rows.map((r) => ({ ...r, members: Number(r.members), open: Number(r.open) }));
}
