/**
 * The suspension roadmap (docs/domain.md, "Roadmap"): applies due steps to lines (`runRoadmap`), and tells the
 * commune teams which lines are about to change state (`previewRoadmap`, `listDueLines`).
 * Unlocking on verification is `markVerified` in the registry, not here.
 */
import type { Kysely } from 'kysely';
import type { Database, Dialect } from '../db/open.ts';
import type { DB } from '../db/schema.ts';
import type { LockLevel, RequirementReason, Scope } from '../domain/index.ts';
import { maskMsisdn, nextSendInstant } from '../domain/index.ts';
import { queueNotices, type NewNotice } from '../messaging/index.ts';
import { appendEvents, orderLocks } from '../registry/index.ts';
import {
  dueLinesOfCommune,
  previewCounts,
  REMINDER_EVENT_KIND,
  reminderState,
  selectDueBatch,
  setLockLevels,
  type DueLine,
  type DueQuery,
  type PreviewRow,
} from './roadmap.repository.ts';
import { resolveRoadmapSettings, type RoadmapSettings } from './roadmap.settings.ts';
import { roadmapNoticeText } from './roadmap.notices.ts';
import {
  campaignLockReason,
  deadlineAfter,
  delayOf,
  LEVEL_BEFORE,
  LOCK_STEPS,
  nextStep,
  projectSteps,
  requirementReasonOf,
  type LockStep,
  type RoadmapStep,
} from './roadmap.steps.ts';
import { walkInKeyOrder } from '../db/key-order.ts';

/** Who the roadmap's events name as their actor. */
export const ROADMAP_ACTOR = 'roadmap';

export type RoadmapCounts = Record<RoadmapStep, number>;

export interface RoadmapRunResult {
  at: string;
  /** Lines moved by each step in this run (reminders: notices queued). */
  counts: RoadmapCounts;
}

/**
 * Applies every step due at `at`: reminders, then one-way locks, two-way locks and terminations,
 * in that order, so a line whose next step is also due by `at` goes through it in the same run.
 * Each step is anchored on the previous one's due instant. Every transition writes the line, one
 * event and one notice, set-based (one update and two multi-row inserts per batch, in one
 * transaction); running again at the same or a later
 * instant never repeats a transition (a line's state, or its reminder event, says it is done).
 */
export async function runRoadmap(
  db: Database,
  options: { at: Date; settings?: Partial<RoadmapSettings>; batchSize?: number },
): Promise<RoadmapRunResult> {
  const settings = resolveRoadmapSettings({
    ...options.settings,
    ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
  });
  const counts: RoadmapCounts = { reminder: 0, one_way: 0, two_way: 0, terminated: 0 };
  for (let index = 0; index < settings.remindersAfterMs.length; index++) {
    counts.reminder += await applyStep(db, { step: 'reminder', index }, options.at, settings);
  }
  for (const step of LOCK_STEPS) counts[step] += await applyStep(db, { step }, options.at, settings);
  return { at: options.at.toISOString(), counts };
}

/** Applies one step to every line due for it, batch by batch; returns how many lines moved. */
async function applyStep(db: Database, query: DueQuery, at: Date, settings: RoadmapSettings): Promise<number> {
  let moved = 0;
  await walkInKeyOrder({ after: 0, size: settings.batchSize, keyOf: (line: DueLine) => line.id }, (afterId) =>
    db.kysely.transaction().execute(async (trx) => {
      const lines = await selectDueBatch(trx, db.dialect, { ...query, at, settings, afterId, limit: settings.batchSize });
      moved +=
        query.step === 'reminder'
          ? await remind(trx, lines, query.index, at, settings)
          : await lock(trx, db.dialect, lines, query.step, at, settings);
      return lines;
    }),
  );
  return moved;
}

/**
 * One lock step of a batch of lines, set-based: one update for their new level, then the events
 * and notices of the lines that actually moved. Returns how many moved.
 */
async function lock(
  trx: Kysely<DB>,
  dialect: Dialect,
  lines: readonly DueLine[],
  step: LockStep,
  runAt: Date,
  settings: RoadmapSettings,
): Promise<number> {
  const from = LEVEL_BEFORE[step];
  const planned = lines.flatMap((line) => {
    const anchor = step === 'one_way' ? line.since : line.lockedAt;
    if (anchor === null) return []; // the due query never returns such a line
    const effective = new Date(Date.parse(anchor) + delayOf(step, settings));
    const reason = step === 'one_way' && line.reason ? line.reason : requirementReasonOf(line.lockReason);
    // Later steps keep the reason of the campaign lock the line already has.
    const lockReason = step === 'one_way' || line.lockReason === null ? campaignLockReason(reason) : line.lockReason;
    return [{ line, effective, reason, lockReason }];
  });
  const moved = new Set(
    await setLockLevels(trx, dialect, {
      from,
      to: step,
      updatedAt: runAt.toISOString(),
      lines: planned.map((p) => ({ id: p.line.id, lockReason: p.lockReason, lockedAt: p.effective.toISOString() })),
    }),
  );
  await orderLocks(trx, { subscriberIds: [...moved], level: step, orderedAt: runAt.toISOString() });
  const done = planned
    .filter((p) => moved.has(p.line.id))
    .map((p) => ({ ...p, deadline: deadlineAfter(step, p.effective, settings) }));
  await appendEvents(
    trx,
    done.map((p) => ({
      subscriberId: p.line.id,
      at: p.effective.toISOString(),
      kind: step === 'terminated' ? 'terminated' : 'locked',
      fromState: from,
      toState: step,
      actor: ROADMAP_ACTOR,
      reason: p.lockReason,
      details: { deadline: p.deadline.toISOString(), runAt: runAt.toISOString() },
    })),
  );
  await queueNotices(
    trx,
    done.map((p) => roadmapNotice({ line: p.line, step, reason: p.reason, deadline: p.deadline, runAt, settings })),
  );
  return done.length;
}

/** One reminder of a batch of lines: their events (which also mark them done) and their notices. */
async function remind(trx: Kysely<DB>, lines: readonly DueLine[], index: number, runAt: Date, settings: RoadmapSettings): Promise<number> {
  const due = lines.flatMap((line) => {
    if (line.since === null || line.reason === null) return []; // the due query never returns such a line
    const since = Date.parse(line.since);
    return [{ line, reason: line.reason, since, deadline: new Date(since + settings.oneWayLockAfterMs) }];
  });
  await appendEvents(
    trx,
    due.map(({ line, reason, since, deadline }) => ({
      subscriberId: line.id,
      at: new Date(since + (settings.remindersAfterMs[index] ?? 0)).toISOString(),
      kind: REMINDER_EVENT_KIND,
      fromState: index === 0 ? 'none' : reminderState(index - 1),
      toState: reminderState(index),
      actor: ROADMAP_ACTOR,
      reason,
      details: { deadline: deadline.toISOString(), runAt: runAt.toISOString() },
    })),
  );
  await queueNotices(
    trx,
    due.map(({ line, reason, deadline }) =>
      roadmapNotice({ line, step: 'reminder', stepKey: reminderState(index), reason, deadline, runAt, settings }),
    ),
  );
  return due.length;
}

/** The notice of one step of one line, keyed so that it is queued once per requirement cycle. */
function roadmapNotice(input: {
  line: DueLine;
  step: RoadmapStep;
  stepKey?: string;
  reason: RequirementReason;
  deadline: Date;
  runAt: Date;
  settings: RoadmapSettings;
}): NewNotice {
  const { line, step } = input;
  // The requirement instant tells cycles apart: a line verified and later required again gets new notices.
  const cycle = line.since ?? line.lockedAt ?? '';
  return {
    subscriberId: line.id,
    msisdn: line.msisdn,
    kind: `roadmap.${step}`,
    idempotencyKey: `roadmap:${line.id}:${input.stepKey ?? step}:${cycle}`,
    text: roadmapNoticeText({ step, msisdn: line.msisdn, reason: input.reason, deadline: input.deadline }, input.settings),
    createdAt: input.runAt.toISOString(),
    // Quiet hours count from when the notice is actually queued, not from the step's due instant.
    notBefore: nextSendInstant(input.runAt, input.settings.sendWindow).toISOString(),
  };
}

export interface RoadmapPreview {
  at: string;
  rows: PreviewRow[];
  totals: { oneWay: number; twoWay: number; terminated: number };
}

/**
 * Per commune and carrier, how many lines will be one-way locked, two-way locked and terminated
 * by `at` if nobody verifies them — computed in SQL from the current state; writes nothing.
 */
export async function previewRoadmap(
  db: Database,
  options: { at: Date; communeCode?: string; settings?: Partial<RoadmapSettings>; scope?: Scope },
): Promise<RoadmapPreview> {
  const settings = resolveRoadmapSettings(options.settings);
  const rows = await previewCounts(db.kysely, {
    at: options.at,
    settings,
    ...(options.communeCode !== undefined ? { communeCode: options.communeCode } : {}),
    ...(options.scope !== undefined ? { scope: options.scope } : {}),
  });
  const totals = { oneWay: 0, twoWay: 0, terminated: 0 };
  for (const row of rows) {
    totals.oneWay += row.oneWay;
    totals.twoWay += row.twoWay;
    totals.terminated += row.terminated;
  }
  return { at: options.at.toISOString(), rows, totals };
}

/** A line a commune team should reach: masked number, its next step and when, its level by the horizon. */
export interface DueLineView {
  id: number;
  msisdn: string;
  carrier: string;
  lockLevel: LockLevel;
  nextStep: LockStep;
  dueAt: string;
  /** The lock level the line will have at the horizon if nobody verifies it. */
  levelAt: LockLevel;
}

/**
 * The lines of one commune with a lock step due by `at`, in pages (`afterId` = the last id of the
 * previous page). Numbers are masked.
 */
export async function listDueLines(
  db: Database,
  options: { communeCode: string; at: Date; afterId?: number; limit?: number; settings?: Partial<RoadmapSettings>; scope?: Scope },
): Promise<{ at: string; communeCode: string; items: DueLineView[]; nextAfterId: number | null }> {
  const settings = resolveRoadmapSettings(options.settings);
  const limit = options.limit ?? settings.batchSize;
  const rows = await dueLinesOfCommune(db.kysely, {
    communeCode: options.communeCode,
    at: options.at,
    settings,
    afterId: options.afterId ?? 0,
    limit,
    ...(options.scope !== undefined ? { scope: options.scope } : {}),
  });
  const items = rows.flatMap((row): DueLineView[] => {
    const next = nextStep(row, settings);
    const steps = projectSteps(row, settings, options.at);
    if (next === null) return [];
    return [
      {
        id: row.id,
        msisdn: maskMsisdn(row.msisdn),
        carrier: row.carrier,
        lockLevel: row.lockLevel,
        nextStep: next.step,
        dueAt: next.dueAt.toISOString(),
        levelAt: steps[steps.length - 1]?.step ?? row.lockLevel,
      },
    ];
  });
  const last = rows[rows.length - 1];
  return { at: options.at.toISOString(), communeCode: options.communeCode, items, nextAfterId: rows.length === limit && last ? last.id : null };
}
