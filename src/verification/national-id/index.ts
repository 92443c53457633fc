/**
 * The national-ID adapter: the port to the National Population Database's verification service,
 * its simulator, its HTTP client, and a stand-in HTTP endpoint serving the same contract.
 */
export {
  FACE_TEMPLATE_DIMENSIONS,
  InvalidNationalIdRequestError,
  MAX_BATCH_SIZE,
  type BatchOutcome,
  type BatchRecord,
  type BatchRecordAnswer,
  type FaceSample,
  type FieldResult,
  type IdentityClaim,
  type LivenessEvidence,
  type LivenessMethod,
  type LivenessResult,
  type NationalIdService,
  type PresentationAttack,
  type PresentationKind,
  type Unavailable,
  type UnavailableReason,
  type VerifyAnswer,
  type VerifyDetails,
  type VerifyFields,
  type VerifyOutcome,
  type VerifyRequest,
} from './national-id.port.ts';
export {
  CAPTURE_NOISE,
  cosineSimilarity,
  DEFAULT_FACE_MATCH_THRESHOLD,
  faceTemplateFor,
  genuineSample,
  impostorSample,
  seededUniforms,
  type UniformSource,
} from './national-id.face.ts';
export {
  createSimulatorNationalIdService,
  DEFAULT_SIMULATOR_SETTINGS,
  type SimulatedNationalIdService,
  type SimulatorSettings,
} from './national-id.simulator.ts';
export { DEFAULT_PAD_RATES, type PadRates } from './national-id.simulator.pad.ts';
export { simulatedCapture, type SimulatedCapture } from './national-id.simulator.capture.ts';
export { createHttpNationalIdService, type HttpNationalIdOptions } from './national-id.http-client.ts';
export { buildNationalIdServer, nationalIdRoutes, type NationalIdServerOptions } from './national-id.http-server.ts';
export { nationalIdServiceFor } from './national-id.factory.ts';
