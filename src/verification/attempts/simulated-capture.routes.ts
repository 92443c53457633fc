import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../access/index.ts';
import type { DeploymentMode } from '../../db/schema.ts';
import { problemSchema } from '../../schemas/problem.ts';
import { simulatedCaptureAnswer, simulatedCaptureRequest } from './verification.schema.ts';
import { captureAtDesk } from './verification.simulated-capture.ts';

export interface SimulatedCaptureRoutesOptions {
  /** The database's deployment mode: the simulation is served by a demo only. */
  mode: DeploymentMode;
}

/**
 * `POST /desk/simulated-capture` (register under `/api/v1/desk`), in a demo only: a production
 * desk has a real capture device, and the route is not even registered there. No image is ever
 * received or stored: the answer is a template and a liveness record, as a device would send.
 */
export const simulatedCaptureRoutes: FastifyPluginAsyncZod<SimulatedCaptureRoutesOptions> = (app, options) => {
  if (options.mode !== 'demo') return Promise.resolve();
  app.post(
    '/simulated-capture',
    {
      config: { access: 'verification.desk' },
      schema: {
        tags: ['verification'],
        summary: 'MÔ PHỎNG (chỉ bản demo): mẫu khuôn mặt và kiểm tra người thật như camera tại quầy gửi; không nhận, không lưu ảnh',
        body: simulatedCaptureRequest,
        response: { 200: simulatedCaptureAnswer, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    (req) => captureAtDesk(app.db, principalOf(req), req.body, app.reference),
  );
  return Promise.resolve();
};
