import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../access/index.ts';
import { problemSchema } from '../schemas/problem.ts';
import { carrierEventsAnswer, carrierEventsRequest } from './carrier-events.schema.ts';
import { recordCarrierEvents } from './carrier-events.service.ts';

/** `POST /api/v1/carrier-events`: a carrier's system reports events of its lines, in batches. */
export const carrierEventRoutes: FastifyPluginAsyncZod = (app) => {
  app.post(
    '',
    {
      config: { access: 'carrier_events.push' },
      schema: {
        tags: ['carriers'],
        summary: 'Sự kiện của thuê bao do nhà mạng gửi theo lô: đã nhắn yêu cầu chuẩn hoá, đổi máy, đóng, chuyển chủ, chuyển mạng',
        description:
          'Mỗi sự kiện được trả lời theo thứ tự gửi; áp dụng theo thời điểm của chính nó. Gửi lại cùng mã tham chiếu không thay đổi gì (duplicate). Thuê bao ngoài phạm vi của nhà mạng gửi: refused, SUBSCRIBER_NOT_FOUND.',
        body: carrierEventsRequest,
        response: { 200: carrierEventsAnswer, 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (req) => {
      const principal = principalOf(req);
      const events = await recordCarrierEvents({ db: app.db, reference: app.reference, now: () => app.clock.now() }, principal, req.body.events);
      return { events };
    },
  );
  return Promise.resolve();
};
