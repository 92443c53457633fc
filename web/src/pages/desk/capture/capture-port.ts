/**
 * The desk's capture port: whatever takes the face turns it into what the national-service port
 * takes (docs/national-id-contract.md): a face template of 128 numbers and, when the source can
 * know it, the liveness evidence. No image crosses this port: the sources drop theirs once the
 * template is made, so nothing of the face but the template ever leaves the browser.
 */
import type { FaceSample, Liveness, SimulatedStandIn } from '../../../hooks/desk.ts';

/** Where a capture came from, to tell the operator (a simulation is labelled as one). */
export type CaptureSourceKind = 'camera' | 'file' | 'simulation';

export interface FaceCapture {
  faceSample: FaceSample;
  /** Null when the source cannot tell what was in front of it (the stand-in extractor): the rules decide what that means. */
  liveness: Liveness | null;
  source: CaptureSourceKind;
  /** The simulated stand-in, for the label. */
  standIn?: SimulatedStandIn;
}

export interface CapturePort {
  capture(): Promise<FaceCapture>;
}
