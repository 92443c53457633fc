/**
 * Every delay, limit and "assumed" rule of verification attempts (docs/domain.md, "Verification" and "Roadmap"), as named
 * settings with their defaults. Callers pass their own values; nothing here is read from the
 * environment.
 */
import { DEFAULT_SEND_WINDOW, type SendWindow } from '../../domain/index.ts';
import type { VerificationChannel } from '../../domain/index.ts';

export interface VerificationSettings {
  /**
   * Channels that count as "in person" (staff see the person and the card). Assumed: door-to-door
   * teams help people verify in VNeID or the carrier app on their own phone, so they are not in
   * person for the rules below.
   */
  inPersonChannels: readonly VerificationChannel[];
  /** Foreigners verify in person only (docs/domain.md, "Verification", likely). */
  foreignersInPersonOnly: boolean;
  /** A two-way locked line can be fixed only in person (2023 clean-up rule, assumed still to hold). */
  twoWayLockInPersonOnly: boolean;
  /** A person with a single line receives an OTP on it (docs/domain.md, "Verification", likely). */
  otpForSingleLine: boolean;
  otpDigits: number;
  otpTtlSeconds: number;
  /** Wrong codes allowed before the challenge is spent. */
  otpMaxTries: number;
  /** A new OTP is not sent while the last one is younger than this (no SMS bombing). */
  otpResendIntervalSeconds: number;
  /** Pending attempts are retried no sooner than this after the last try. */
  retryDelaySeconds: number;
  /** A pending attempt still unanswered after this long is given up (the person must try again). */
  pendingMaxAgeSeconds: number;
  /** How many pending attempts one run of the retry job handles. */
  retryBatchSize: number;
  /** Hours the confirmation notices respect (docs/domain.md, "SMS"). OTPs go at once: the person is waiting. */
  sendWindow: SendWindow;
  /**
   * Attempts on one line per hour and per day, counted apart for unattended channels (online, apps,
   * door-to-door) and desks, so a stranger online cannot use up the owner's visit to a store.
   * Together with answers that say only match / no match, they stop rebuilding a face template by
   * trial (issue 9.2).
   */
  attemptsPerLinePerHour: number;
  attemptsPerLinePerDay: number;
  /** Attempts from one client address per minute and per hour, whatever the line (numbers outside the registry too). */
  attemptsPerClientPerMinute: number;
  attemptsPerClientPerHour: number;
  /**
   * Face failures in a row on a line after which its face step is closed to unattended channels
   * until the line is verified at a desk. Desks are never closed: a stranger cannot lock the owner out.
   */
  faceFailuresBeforeInPersonOnly: number;
}

export const DEFAULT_VERIFICATION_SETTINGS: Readonly<VerificationSettings> = Object.freeze<VerificationSettings>({
  inPersonChannels: ['carrier_store', 'mobile_point', 'commune_point', 'agency_session'],
  foreignersInPersonOnly: true,
  twoWayLockInPersonOnly: true,
  otpForSingleLine: true,
  otpDigits: 6,
  otpTtlSeconds: 300,
  otpMaxTries: 5,
  otpResendIntervalSeconds: 60,
  retryDelaySeconds: 300,
  pendingMaxAgeSeconds: 72 * 3600,
  retryBatchSize: 100,
  sendWindow: DEFAULT_SEND_WINDOW,
  attemptsPerLinePerHour: 10,
  attemptsPerLinePerDay: 30,
  // A carrier's store system may call from one address for many desks: generous, but far below a scan.
  attemptsPerClientPerMinute: 30,
  attemptsPerClientPerHour: 600,
  faceFailuresBeforeInPersonOnly: 5,
});
