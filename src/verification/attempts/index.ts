/** Verification attempts: the shared entry of every channel, the retry job and the HTTP route. */
export {
  submitVerification,
  type VerificationAnswer,
  type VerificationDeps,
  type VerificationRequest,
} from './verification.service.ts';
export { retryPendingAttempts, RETRY_PENDING_JOB_ID, type RetrySummary } from './retry-pending.job.ts';
export { verificationRoutes, type VerificationRoutesOptions } from './verification.routes.ts';
export { DEFAULT_VERIFICATION_SETTINGS, type VerificationSettings } from './verification.settings.ts';
export { REASON_MESSAGES_VI, type ExplainedReason, type ReasonCode } from './verification.reasons.ts';
export { VERIFICATION_CHANNELS } from './verification.schema.ts';
export {
  OTP_ERROR_CODES,
  sendOneTimeCode,
  spendOneTimeCode,
  type OneTimeCodeOutcome,
  type OneTimeCodeSettings,
} from './one-time-code.ts';
export { findOneTimeCode, listCodesSentSince } from './one-time-code.repository.ts';
