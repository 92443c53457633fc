/** The capture port's sources: the camera's current frame, a photo file (the fallback), the demo's simulator. */
import type { FaceSample, Liveness, SimulatedStandIn } from '../../../hooks/desk.ts';
import type { CapturePort } from './capture-port.ts';
import { standInTemplate } from './stand-in-template.ts';

/** The frame the live preview shows now; the stand-in extractor cannot judge liveness, so none is claimed. */
export const cameraPort = (video: HTMLVideoElement): CapturePort => ({
  capture: () => Promise.resolve({ faceSample: { template: standInTemplate(video) }, liveness: null, source: 'camera' }),
});

/** A photo taken with the device's own camera app (`capture="user"`) or chosen from its files; decoded, reduced, dropped. */
export const filePort = (file: File): CapturePort => ({
  async capture() {
    const bitmap = await createImageBitmap(file);
    try {
      return { faceSample: { template: standInTemplate(bitmap) }, liveness: null, source: 'file' };
    } finally {
      bitmap.close();
    }
  },
});

/** The demo's simulated capture device: the template and liveness of whoever `standIn` says stands in front of it. */
export const simulatedPort = (ask: (standIn: SimulatedStandIn) => Promise<{ faceSample: FaceSample; liveness: Liveness }>, standIn: SimulatedStandIn): CapturePort => ({
  async capture() {
    const { faceSample, liveness } = await ask(standIn);
    return { faceSample, liveness, source: 'simulation', standIn };
  },
});
