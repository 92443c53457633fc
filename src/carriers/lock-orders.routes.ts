import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../access/index.ts';
import { problemSchema } from '../schemas/problem.ts';
import { lockConfirmationsAnswer, lockConfirmationsRequest, lockOrderFeed, lockOrderFeedQuery, lockTimelinessAnswer } from './lock-orders.schema.ts';
import { confirmLockOrders, lockTimeliness, readLockOrders } from './lock-orders.service.ts';
import { DEFAULT_LOCK_ORDER_SETTINGS } from './lock-orders.settings.ts';

/** `/api/v1/lock-orders`: a carrier's feed of lock and unlock orders, its confirmations, and how timely they were. */
export const lockOrderRoutes: FastifyPluginAsyncZod = (app) => {
  app.get(
    '',
    {
      config: { access: 'lock_orders.feed' },
      schema: {
        tags: ['carriers'],
        summary: 'Lệnh khóa, mở khóa gửi nhà mạng, theo thứ tự, từ con trỏ',
        description: 'Nhà mạng đọc các lệnh của mình sau con trỏ `after`, thực hiện trên mạng rồi gửi xác nhận; đọc tiếp từ `next`.',
        querystring: lockOrderFeedQuery,
        response: { 200: lockOrderFeed, 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (req) => readLockOrders(app.db, principalOf(req).scope, req.query.after, req.query.limit),
  );
  app.post(
    '/confirmations',
    {
      config: { access: 'lock_orders.feed' },
      schema: {
        tags: ['carriers'],
        summary: 'Nhà mạng xác nhận đã thực hiện lệnh khóa, mở khóa',
        body: lockConfirmationsRequest,
        response: { 200: lockConfirmationsAnswer, 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (req) => {
      const principal = principalOf(req);
      const confirmations = await confirmLockOrders({ db: app.db, now: () => app.clock.now() }, principal, req.body.confirmations);
      return { confirmations };
    },
  );
  app.get(
    '/timeliness',
    {
      config: { access: 'figures.read' },
      schema: {
        tags: ['carriers'],
        summary: 'Thời gian nhà mạng thực hiện lệnh khóa, mở khóa so với quy định 2 giờ; các lệnh quá hạn chưa xác nhận',
        response: { 200: lockTimelinessAnswer, 401: problemSchema, 403: problemSchema },
      },
    },
    async (req) => lockTimeliness(app.db, principalOf(req).scope, DEFAULT_LOCK_ORDER_SETTINGS, app.clock.now()),
  );
  return Promise.resolve();
};
