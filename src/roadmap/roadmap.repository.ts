/**
 * The roadmap's SQL: which lines are due for a step (the due condition lives in the query, so a
 * step over a million lines is a range scan, not a loop), the lock writes, and the preview counts.
 */
import { sql, type ExpressionBuilder, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Dialect } from '../db/open.ts';
import type { DB } from '../db/schema.ts';
import { inScope, SUBSCRIBER_SCOPE, type Scope } from '../db/scope.ts';
import type { LockLevel, RequirementReason } from '../domain/index.ts';
import { CAMPAIGN_LOCK_REASONS, trackFigures } from '../registry/index.ts';
import type { RoadmapSettings } from './roadmap.settings.ts';
import { delayOf, type LockStep } from './roadmap.steps.ts';
import { chunksOf } from '../db/chunks.ts';

type SubscriberExpressions = ExpressionBuilder<DB, 'subscribers'>;

/** The event kind of a reminder; its `to_state` says which one (`reminder_1` …). */
export const REMINDER_EVENT_KIND = 'roadmap_reminder';

/** The instant `delays` before `at`, as the ISO string timestamps are stored as. */
function before(at: Date, ...delays: number[]): string {
  return new Date(at.getTime() - delays.reduce((sum, d) => sum + d, 0)).toISOString();
}

/**
 * Unverified, not locked, and required for a reason the roadmap follows: a mismatch, or a handset
 * change found once the handset rule is in force. Lines locked for another reason (fraud…) are
 * not `none`, so they never match.
 */
function awaitingLock(eb: SubscriberExpressions, settings: RoadmapSettings): Expression<SqlBool> {
  const followed: Expression<SqlBool>[] = [eb('subscribers.verification_required_reason', '=', 'mismatch')];
  if (settings.deviceChangeRuleFrom !== null) {
    followed.push(
      eb.and([
        eb('subscribers.verification_required_reason', '=', 'device_change'),
        eb('subscribers.verification_required_since', '>=', settings.deviceChangeRuleFrom),
      ]),
    );
  }
  return eb.and([
    eb('subscribers.lock_level', '=', 'none'),
    eb('subscribers.verification_state', '!=', 'verified'),
    eb('subscribers.verification_required_since', 'is not', null),
    eb.or(followed),
  ]);
}

/** Locked at `level` by the campaign (never another lifecycle's lock) and still unverified. */
function campaignLocked(eb: SubscriberExpressions, level: 'one_way' | 'two_way'): Expression<SqlBool> {
  return eb.and([
    eb('subscribers.lock_level', '=', level),
    eb('subscribers.lock_reason', 'in', [...CAMPAIGN_LOCK_REASONS]),
    eb('subscribers.verification_state', '!=', 'verified'),
  ]);
}

/** Due for `step` at `at`: the step's starting level, reached at least the step's delay ago. */
function dueFor(eb: SubscriberExpressions, step: LockStep, at: Date, settings: RoadmapSettings): Expression<SqlBool> {
  const cutoff = before(at, delayOf(step, settings));
  if (step === 'one_way') return eb.and([awaitingLock(eb, settings), eb('subscribers.verification_required_since', '<=', cutoff)]);
  return eb.and([
    campaignLocked(eb, step === 'two_way' ? 'one_way' : 'two_way'),
    eb('subscribers.locked_at', '<=', cutoff),
  ]);
}

/**
 * Due for reminder `index` at `at`: inside that reminder's window (from its delay to the next
 * reminder or the lock, so a late run sends only the reminder that is current, never a backlog)
 * and not yet reminded in this requirement cycle.
 */
function dueForReminder(eb: SubscriberExpressions, index: number, at: Date, settings: RoadmapSettings): Expression<SqlBool> {
  const delay = settings.remindersAfterMs[index] ?? 0;
  const windowEnd = settings.remindersAfterMs[index + 1] ?? settings.oneWayLockAfterMs;
  return eb.and([
    awaitingLock(eb, settings),
    eb('subscribers.verification_required_since', '<=', before(at, delay)),
    eb('subscribers.verification_required_since', '>', before(at, windowEnd)),
    eb.not(
      eb.exists(
        eb
          .selectFrom('subscriber_events as e')
          .select('e.id')
          .whereRef('e.subscriber_id', '=', 'subscribers.id')
          .where('e.kind', '=', REMINDER_EVENT_KIND)
          .where('e.to_state', '=', reminderState(index))
          .whereRef('e.at', '>=', 'subscribers.verification_required_since'),
      ),
    ),
  ]);
}

/** The `to_state` of reminder `index` (0-based) in the history: `reminder_1` … */
export function reminderState(index: number): string {
  return `reminder_${index + 1}`;
}

export type DueQuery = { step: 'reminder'; index: number } | { step: LockStep };

/** A line due for a step, with what the write and the notice need. */
export interface DueLine {
  id: number;
  msisdn: string;
  since: string | null;
  reason: RequirementReason | null;
  lockedAt: string | null;
  lockReason: string | null;
}

/**
 * One keyset batch of lines due for a step, in id order after `afterId`. Run it inside the
 * transaction that writes the batch: on PostgreSQL the rows are locked and rows another instance
 * holds are skipped, so several service instances can run the roadmap at once.
 */
export async function selectDueBatch(
  trx: Kysely<DB>,
  dialect: Dialect,
  query: DueQuery & { at: Date; settings: RoadmapSettings; afterId: number; limit: number },
): Promise<DueLine[]> {
  const rows = await trx
    .selectFrom('subscribers')
    .select([
      'id',
      'msisdn',
      'verification_required_since as since',
      'verification_required_reason as reason',
      'locked_at as lockedAt',
      'lock_reason as lockReason',
    ])
    .where((eb) =>
      query.step === 'reminder' ? dueForReminder(eb, query.index, query.at, query.settings) : dueFor(eb, query.step, query.at, query.settings),
    )
    .where('id', '>', query.afterId)
    .orderBy('id')
    .limit(query.limit)
    .$if(dialect === 'postgres', (qb) => qb.forUpdate().skipLocked())
    .execute();
  return rows;
}

/** One line of a lock step: its new lock reason and the instant the lock took effect. */
export interface LockChange {
  id: number;
  lockReason: string;
  lockedAt: string;
}

// Lines per update: four values per line stay under SQLite's 32,766 bind parameters.
const LINES_PER_UPDATE = 5_000;

/**
 * Moves unverified lines from one lock level to the next, set-based: one update per 5,000 lines,
 * joined to a `values` list that gives each line its own reason and instant. A line no longer at
 * `from` (moved by an earlier run) or verified meanwhile is left alone. Returns the ids of the
 * lines that moved.
 */
export async function setLockLevels(
  trx: Kysely<DB>,
  dialect: Dialect,
  change: { from: LockLevel; to: LockLevel; updatedAt: string; lines: readonly LockChange[] },
): Promise<number[]> {
  return trackFigures(trx, { ids: change.lines.map((line) => line.id) }, change.updatedAt, () => moveLockLevels(trx, dialect, change));
}

async function moveLockLevels(
  trx: Kysely<DB>,
  dialect: Dialect,
  change: { from: LockLevel; to: LockLevel; updatedAt: string; lines: readonly LockChange[] },
): Promise<number[]> {
  // PostgreSQL types an untyped `values` column as text; the first row's casts type the columns.
  const typed = (value: unknown, type: string, first: boolean) =>
    dialect === 'postgres' && first ? sql`cast(${value} as ${sql.raw(type)})` : sql`${value}`;
  const moved: number[] = [];
  for (const lines of chunksOf(change.lines, LINES_PER_UPDATE)) {
    const rows = lines.map(
      (line, i) => sql`(${typed(line.id, 'integer', i === 0)}, ${line.lockReason}, ${typed(line.lockedAt, 'timestamptz', i === 0)})`,
    );
    const updated = await trx
      .updateTable('subscribers')
      .from(sql<{ column1: number; column2: string; column3: string }>`(values ${sql.join(rows)})`.as('v'))
      .set((eb) => ({
        lock_level: change.to,
        lock_reason: eb.ref('v.column2'),
        locked_at: eb.ref('v.column3'),
        updated_at: change.updatedAt,
      }))
      // The id list lets the planner reach the lines by primary key whatever its statistics say.
      .where('subscribers.id', 'in', lines.map((line) => line.id))
      .whereRef('subscribers.id', '=', 'v.column1')
      .where('subscribers.lock_level', '=', change.from)
      .where('subscribers.verification_state', '!=', 'verified')
      .returning('subscribers.id')
      .execute();
    for (const row of updated) moved.push(Number(row.id));
  }
  return moved;
}

/**
 * Lines with at least one lock step due by `at` if nobody verifies them: an unlocked line whose
 * one-way lock comes, or a campaign-locked line whose next level comes.
 */
function anyStepBy(eb: SubscriberExpressions, at: Date, settings: RoadmapSettings): Expression<SqlBool> {
  return eb.or([dueFor(eb, 'one_way', at, settings), dueFor(eb, 'two_way', at, settings), dueFor(eb, 'terminated', at, settings)]);
}

/** Per commune and carrier: lines that will be one-way locked, two-way locked, terminated by `at`. */
export interface PreviewRow {
  communeCode: string | null;
  communeName: string | null;
  carrier: string;
  oneWay: number;
  twoWay: number;
  terminated: number;
}

/**
 * Counts, per commune and carrier, the lock steps lines will go through by `at` from their
 * current state, each step at its due instant (the same anchoring the job uses, so a run at `at`
 * does exactly this). Reads only.
 */
export async function previewCounts(
  db: Kysely<DB>,
  input: { at: Date; settings: RoadmapSettings; communeCode?: string; scope?: Scope },
): Promise<PreviewRow[]> {
  const { at, settings } = input;
  const { oneWayLockAfterMs: oneWay, twoWayLockAfterMs: twoWay, terminationAfterMs: end } = settings;
  const rows = await db
    .selectFrom('subscribers')
    .leftJoin('admin_units', 'admin_units.code', 'subscribers.commune_code')
    .select((eb) => {
      const count = (condition: Expression<SqlBool>) => eb.fn.sum<number>(eb.case().when(condition).then(eb.lit(1)).else(eb.lit(0)).end());
      const unlockedBy = (...delays: number[]) =>
        eb.and([awaitingLock(eb, settings), eb('subscribers.verification_required_since', '<=', before(at, ...delays))]);
      const lockedBy = (level: 'one_way' | 'two_way', ...delays: number[]) =>
        eb.and([campaignLocked(eb, level), eb('subscribers.locked_at', '<=', before(at, ...delays))]);
      return [
        'subscribers.commune_code as communeCode',
        'admin_units.name as communeName',
        'subscribers.carrier as carrier',
        count(unlockedBy(oneWay)).as('oneWay'),
        count(eb.or([unlockedBy(oneWay, twoWay), lockedBy('one_way', twoWay)])).as('twoWay'),
        count(eb.or([unlockedBy(oneWay, twoWay, end), lockedBy('one_way', twoWay, end), lockedBy('two_way', end)])).as('terminated'),
      ];
    })
    .where((eb) => anyStepBy(eb, at, settings))
    .where(inScope(input.scope ?? 'province', SUBSCRIBER_SCOPE))
    .$if(input.communeCode !== undefined, (qb) => qb.where('subscribers.commune_code', '=', input.communeCode ?? ''))
    .groupBy(['subscribers.commune_code', 'admin_units.name', 'subscribers.carrier'])
    .orderBy('subscribers.commune_code')
    .orderBy('subscribers.carrier')
    .execute();
  return rows.map((r) => ({ ...r, oneWay: Number(r.oneWay), twoWay: Number(r.twoWay), terminated: Number(r.terminated) }));
}

/** A line of one commune with a lock step due by the horizon, for the door-to-door teams. */
export interface DueLineOfCommune {
  id: number;
  msisdn: string;
  carrier: string;
  lockLevel: LockLevel;
  since: string | null;
  lockedAt: string | null;
  reason: RequirementReason | null;
}

/** One page (id order, after `afterId`) of the lines of a commune with a lock step due by `at`. */
export function dueLinesOfCommune(
  db: Kysely<DB>,
  input: { communeCode: string; at: Date; settings: RoadmapSettings; afterId: number; limit: number; scope?: Scope },
): Promise<DueLineOfCommune[]> {
  return db
    .selectFrom('subscribers')
    .select([
      'id',
      'msisdn',
      'carrier',
      'lock_level as lockLevel',
      'verification_required_since as since',
      'locked_at as lockedAt',
      'verification_required_reason as reason',
    ])
    .where('commune_code', '=', input.communeCode)
    .where(inScope(input.scope ?? 'province', SUBSCRIBER_SCOPE))
    .where((eb) => anyStepBy(eb, input.at, input.settings))
    .where('id', '>', input.afterId)
    .orderBy('id')
    .limit(input.limit)
    .execute();
}
