/**
 * The roadmap as a small state machine over a line's lock level: pure rules shared by the job
 * (which applies the steps), the preview and the list of due lines.
 */
import { CAMPAIGN_LOCK_REASONS, isCampaignLock } from '../registry/index.ts';
import type { LockLevel, RequirementReason } from '../domain/index.ts';
import type { RoadmapSettings } from './roadmap.settings.ts';
import { LOCK_STEPS, type LockStep } from '../domain/index.ts';

/** The steps that change a line's lock level, in the order a line goes through them. */
export { LOCK_STEPS, type LockStep } from '../domain/index.ts';
/** A reminder is a notice-only step before the one-way lock (Decree 49 style timelines). */
export type RoadmapStep = 'reminder' | LockStep;

export type CampaignLockReason = (typeof CAMPAIGN_LOCK_REASONS)[number];

/** The lock level a step starts from; its target level is the step itself. */
export const LEVEL_BEFORE: Readonly<Record<LockStep, LockLevel>> = { one_way: 'none', two_way: 'one_way', terminated: 'two_way' };

/** The lock reason the campaign records for a requirement reason. */
export function campaignLockReason(reason: RequirementReason): CampaignLockReason {
  return reason === 'device_change' ? 'campaign_device_change' : 'campaign_mismatch';
}

/** The requirement reason behind a campaign lock reason (for notices of already locked lines). */
export function requirementReasonOf(lockReason: string | null): RequirementReason {
  return lockReason === 'campaign_device_change' ? 'device_change' : 'mismatch';
}

/** Delay from the instant a line reached the step's starting level to the step. */
export function delayOf(step: LockStep, settings: RoadmapSettings): number {
  switch (step) {
    case 'one_way':
      return settings.oneWayLockAfterMs;
    case 'two_way':
      return settings.twoWayLockAfterMs;
    case 'terminated':
      return settings.terminationAfterMs;
  }
}

/**
 * The instant a notice of `step` names: when the next step comes (for a termination, the
 * termination itself). `effective` is the instant of the step.
 */
export function deadlineAfter(step: LockStep, effective: Date, settings: RoadmapSettings): Date {
  if (step === 'terminated') return effective;
  const next = step === 'one_way' ? 'two_way' : 'terminated';
  return new Date(effective.getTime() + delayOf(next, settings));
}

/** A line on the campaign roadmap, as far as its clock goes. */
export interface RoadmapClock {
  lockLevel: LockLevel;
  /** When verification became required (the clock of an unlocked line). */
  since: string | null;
  /** When the line reached its current lock level. */
  lockedAt: string | null;
}

/**
 * The lock steps a line on the roadmap goes through up to `at` (inclusive) if nobody verifies it,
 * each at its due instant. The job anchors every step on the previous step's due instant, not on
 * when the job happened to run, so a line's dates do not drift with the scheduler's period.
 */
export function projectSteps(line: RoadmapClock, settings: RoadmapSettings, at: Date): { step: LockStep; dueAt: Date }[] {
  const startIndex = LOCK_STEPS.findIndex((step) => LEVEL_BEFORE[step] === line.lockLevel);
  const anchor = line.lockLevel === 'none' ? line.since : line.lockedAt;
  if (startIndex < 0 || anchor === null) return [];
  const steps: { step: LockStep; dueAt: Date }[] = [];
  let instant = Date.parse(anchor);
  for (const step of LOCK_STEPS.slice(startIndex)) {
    instant += delayOf(step, settings);
    if (instant > at.getTime()) break;
    steps.push({ step, dueAt: new Date(instant) });
  }
  return steps;
}

/** The next lock step of a line and when it is due (even if after any horizon), or null at the end. */
export function nextStep(line: RoadmapClock, settings: RoadmapSettings): { step: LockStep; dueAt: Date } | null {
  const step = LOCK_STEPS.find((s) => LEVEL_BEFORE[s] === line.lockLevel);
  const anchor = line.lockLevel === 'none' ? line.since : line.lockedAt;
  if (step === undefined || anchor === null) return null;
  return { step, dueAt: new Date(Date.parse(anchor) + delayOf(step, settings)) };
}

/** A line's roadmap clock and why it is locked, if it is. */
export interface RoadmapLine extends RoadmapClock {
  lockReason: string | null;
}

/**
 * The next campaign lock step of a line and when it is due, or null when the roadmap does not
 * apply to it: nothing requires it to verify, or it is locked for another lifecycle (fraud, churn).
 */
export function nextCampaignStep(line: RoadmapLine, settings: RoadmapSettings): { step: LockStep; dueAt: Date } | null {
  const onRoadmap = line.lockLevel === 'none' ? line.since !== null : isCampaignLock(line.lockReason);
  return onRoadmap ? nextStep(line, settings) : null;
}
