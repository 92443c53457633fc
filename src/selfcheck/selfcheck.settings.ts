/**
 * Every limit and choice of the self-check as a named setting with its default (the defaults of
 * config.selfCheck). Callers pass their own values; nothing here reads the environment.
 */
import { DEFAULT_ROADMAP_SETTINGS, type RoadmapSettings } from '../roadmap/index.ts';
import { DEFAULT_VERIFICATION_SETTINGS } from '../verification/attempts/index.ts';
import type { OtpLimitSettings } from './selfcheck.otp-limits.ts';

/** The one-time-code limits (selfcheck.otp-limits.ts) are counted in the database (all instances). */
export interface SelfCheckSettings extends OtpLimitSettings {
  /** Show phone numbers in full in answers (carriers' practice is unknown: masked by default). */
  unmask: boolean;
  /**
   * Mask the owner's document number in the `TTTB` reply. Off by default: the reply goes only to
   * the line itself, and showing the wrong digit is what the self-check is for.
   */
  maskDocument: boolean;
  /** The short code people text, named in the replies. */
  shortCode: string;
  /** Where a line that is not two-way locked can verify, named in the replies (docs/domain.md, "Verification"). */
  verifyWhere: string;
  /** Web requests per client address per minute (per instance, in memory). */
  requestsPerClientPerMinute: number;
  otpDigits: number;
  otpTtlSeconds: number;
  /** Wrong codes allowed before the challenge is spent. */
  otpMaxTries: number;
  /** How long a session token answers without a new code. */
  sessionTtlSeconds: number;
  /**
   * Key of the session tokens (any string; hashed to 256 bits). Unset: a random key made at start,
   * which is enough for one instance; several instances behind one address need the same secret.
   */
  sessionSecret: string | undefined;
  /** Most records of session requests written by one insert (their group commit). */
  recordBatchSize: number;
  /** Where to verify and the roadmap's delays: the same settings the roadmap job runs with. */
  roadmap: RoadmapSettings;
}

export const DEFAULT_SELFCHECK_SETTINGS: Readonly<SelfCheckSettings> = Object.freeze<SelfCheckSettings>({
  unmask: false,
  maskDocument: false,
  shortCode: '1414',
  verifyWhere: 'VNeID mức 2, ứng dụng nhà mạng, cửa hàng hoặc điểm xác thực tại xã',
  otpPerClientPerHour: 3,
  // Out of reach with the default spacing (at most 15 codes in an hour): a backstop if it is set lower.
  otpPerLinePerHour: 20,
  otpSpacingSeconds: 30,
  otpMaxSpacingSeconds: 300,
  requestsPerClientPerMinute: 60,
  // The same code as verification sends: people meet one kind of code from 1414.
  otpDigits: DEFAULT_VERIFICATION_SETTINGS.otpDigits,
  otpTtlSeconds: DEFAULT_VERIFICATION_SETTINGS.otpTtlSeconds,
  otpMaxTries: DEFAULT_VERIFICATION_SETTINGS.otpMaxTries,
  sessionTtlSeconds: 600,
  sessionSecret: undefined,
  recordBatchSize: 500,
  roadmap: DEFAULT_ROADMAP_SETTINGS,
});

/** The defaults with the given overrides. */
export function resolveSelfCheckSettings(overrides: Partial<SelfCheckSettings> = {}): SelfCheckSettings {
  return { ...DEFAULT_SELFCHECK_SETTINGS, ...overrides };
}
