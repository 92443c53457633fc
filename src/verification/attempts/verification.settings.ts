/**
 * Every delay, limit and "assumed" rule of verification attempts (docs/domain.md, "Verification" and "Roadmap"), as named
 * settings with their defaults. Callers pass their own values; nothing here is read from the
 * environment.
 */
import { DEFAULT_SEND_WINDOW, type SendWindow } from '../../domain/index.ts';
import type { VerificationChannel } from '../../db/schema.ts';

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
});
