/** Verification attempts: the shared entry of every channel, the retry job and the HTTP route. */
export {
  submitVerification,
  type VerificationAnswer,
  type VerificationDeps,
  type VerificationRequest,
} from './verification.service.ts';
import { routesAt, type Capability } from '../../capability.ts';
import type { OutboxSignal } from '../../messaging/index.ts';
import type { NationalIdService } from '../national-id/index.ts';
import { retryPendingJob, type RetryPendingJobContext } from './retry-pending.job.ts';
import { verificationRoutes, type VerificationRoutesOptions } from './verification.routes.ts';
import { simulatedCaptureRoutes } from './simulated-capture.routes.ts';
import type { DeploymentMode } from '../../db/schema.ts';
import type { VerificationSettings } from './verification.settings.ts';

export { retryPendingAttempts, retryPendingJob, type RetryPendingJobContext, type RetrySummary } from './retry-pending.job.ts';
export { verificationRoutes, type VerificationRoutesOptions };
export { captureAtDesk, type SimulatedCaptureRequest } from './verification.simulated-capture.ts';
export { requireChannel } from './verification.channel-policy.ts';
export { parseMsisdn } from './verification.input.ts';
export { DEFAULT_VERIFICATION_SETTINGS, type VerificationSettings } from './verification.settings.ts';
export { explain, isInstruction, REASON_MESSAGES_VI, type ExplainedReason, type ReasonCode } from './verification.reasons.ts';
export { VERIFICATION_CHANNELS } from './verification.schema.ts';
export {
  OTP_ERROR_CODES,
  sendOneTimeCode,
  spendOneTimeCode,
  type OneTimeCodeOutcome,
  type OneTimeCodeSettings,
} from './one-time-code.ts';
export { findOneTimeCode, listCodesSentSince } from './one-time-code.repository.ts';

export interface VerificationRouteContext {
  nationalId: NationalIdService;
  /** The configured limits (config.verification); the defaults for the rest. */
  verification: Partial<VerificationSettings>;
  /** Wakes the SMS link once a verification's one-time code is queued. */
  outbox: OutboxSignal | undefined;
  /** The deployment's mode: a demo's desk also gets the simulated capture. */
  mode: DeploymentMode;
}

export const verificationCapability: Capability<VerificationRouteContext, RetryPendingJobContext> = {
  name: 'verification',
  tags: [{ name: 'verification', description: 'Xác thực 4 trường với CSDL quốc gia về dân cư' }],
  routes: [
    routesAt('', verificationRoutes, (ctx): VerificationRoutesOptions => ({ nationalId: ctx.nationalId, settings: ctx.verification, outbox: ctx.outbox })),
    routesAt('/desk', simulatedCaptureRoutes, (ctx) => ({ mode: ctx.mode })),
  ],
  jobs: [retryPendingJob],
};
