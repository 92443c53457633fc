/**
 * Every delay of the suspension roadmap (docs/domain.md, "Roadmap") as a named setting. The defaults follow
 * Circular 08/2026 as reported ("likely"); the older Decree 49/2017 timeline is the same machine
 * with other numbers ({@link DECREE_49_ROADMAP_SETTINGS}), which is why nothing here is a constant
 * buried in the logic.
 */
import { AppError } from '../errors.ts';
import { DEFAULT_SEND_WINDOW, type SendWindow } from '../domain/index.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export interface RoadmapSettings {
  /** From `verification_required_since` to the one-way lock (Circular 08: within 2 hours). */
  oneWayLockAfterMs: number;
  /** From the one-way lock to the two-way lock (Circular 08: 30 days). */
  twoWayLockAfterMs: number;
  /** From the two-way lock to the end of the contract and recovery of the number (Circular 08: 5 days). */
  terminationAfterMs: number;
  /**
   * Reminder notices before the one-way lock, as delays after `verification_required_since`,
   * ascending and shorter than the one-way delay. Circular 08 has none (the lock comes within
   * hours); Decree 49 asked for at least five days of notices.
   */
  remindersAfterMs: readonly number[];
  /**
   * Handset changes that make verification required from this instant on follow the roadmap;
   * earlier ones (and all of them when null) are left to the carrier. Circular 08: 15/6/2026.
   */
  deviceChangeRuleFrom: string | null;
  /** Where a line that is not (or only one-way) locked can verify, named in the notices. */
  verifyWhere: string;
  /** Where a two-way locked line can verify: in person only in the 2023 clean-up (assumed). */
  verifyWhereTwoWay: string;
  /** Hours in which notices may go out (docs/domain.md, "SMS"). */
  sendWindow: SendWindow;
  /** How often the service runs the roadmap. */
  schedulerIntervalMs: number;
  /** Lines per transaction when a step is applied. */
  batchSize: number;
}

/** Circular 08/2026 (likely): one-way lock 2 h after the finding, two-way 30 days later, end 5 days later. */
export const DEFAULT_ROADMAP_SETTINGS: RoadmapSettings = {
  oneWayLockAfterMs: 2 * HOUR_MS,
  twoWayLockAfterMs: 30 * DAY_MS,
  terminationAfterMs: 5 * DAY_MS,
  remindersAfterMs: [],
  // 15/6/2026 00:00 in Vietnam (UTC+7).
  deviceChangeRuleFrom: '2026-06-14T17:00:00.000Z',
  verifyWhere: 'VNeID, ứng dụng nhà mạng hoặc cửa hàng',
  verifyWhereTwoWay: 'cửa hàng nhà mạng',
  sendWindow: DEFAULT_SEND_WINDOW,
  schedulerIntervalMs: 5 * MINUTE_MS,
  batchSize: 1000,
};

/**
 * Decree 49/2017 as the domain brief summarises it: five daily notices, one-way lock at day 15,
 * two-way at day 30. The time from two-way lock to termination is not in the brief: 30 days is
 * assumed. No handset rule.
 */
export const DECREE_49_ROADMAP_SETTINGS: RoadmapSettings = {
  ...DEFAULT_ROADMAP_SETTINGS,
  oneWayLockAfterMs: 15 * DAY_MS,
  twoWayLockAfterMs: 15 * DAY_MS,
  terminationAfterMs: 30 * DAY_MS,
  remindersAfterMs: [0, 1, 2, 3, 4].map((day) => day * DAY_MS),
  deviceChangeRuleFrom: null,
};

/**
 * The defaults with the given overrides, checked: delays are non-negative whole milliseconds,
 * reminders ascending and before the one-way lock. Bad settings are refused, never half-applied.
 */
export function resolveRoadmapSettings(overrides: Partial<RoadmapSettings> = {}): RoadmapSettings {
  const settings = { ...DEFAULT_ROADMAP_SETTINGS, ...overrides };
  const problems: string[] = [];
  const durations = {
    oneWayLockAfterMs: settings.oneWayLockAfterMs,
    twoWayLockAfterMs: settings.twoWayLockAfterMs,
    terminationAfterMs: settings.terminationAfterMs,
  };
  for (const [name, value] of Object.entries(durations)) {
    if (!Number.isSafeInteger(value) || value < 0) problems.push(`${name} phải là số mili giây không âm`);
  }
  settings.remindersAfterMs.forEach((value, i) => {
    const previous = settings.remindersAfterMs[i - 1];
    if (!Number.isSafeInteger(value) || value < 0 || value >= settings.oneWayLockAfterMs) {
      problems.push(`remindersAfterMs[${i}] phải ở trong khoảng [0, oneWayLockAfterMs)`);
    } else if (previous !== undefined && value <= previous) {
      problems.push('remindersAfterMs phải tăng dần');
    }
  });
  if (settings.deviceChangeRuleFrom !== null && Number.isNaN(Date.parse(settings.deviceChangeRuleFrom))) {
    problems.push('deviceChangeRuleFrom phải là thời điểm ISO 8601');
  }
  if (!Number.isSafeInteger(settings.schedulerIntervalMs) || settings.schedulerIntervalMs < 1000) {
    problems.push('schedulerIntervalMs phải từ 1000 trở lên');
  }
  if (!Number.isSafeInteger(settings.batchSize) || settings.batchSize < 1) problems.push('batchSize phải là số nguyên dương');
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', `cấu hình lộ trình khoá: ${problems.join('; ')}`);
  return settings;
}
