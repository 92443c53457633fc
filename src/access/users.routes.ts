import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { problemSchema } from '../schemas/problem.ts';
import { newUserRequest, scopesRequest, userIdParam, userView, userWithPassword } from './access.schema.ts';
import { principalOf } from './principal.ts';
import { createUser, disableUser, listUsers, resetPassword, setScopes } from './users.service.ts';

const refusals = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const tags = ['access'];
const config = { access: 'users.manage' } as const;

/** `/users` (under `/api/v1`): the province admin's accounts page. */
export const usersRoutes: FastifyPluginAsyncZod = (app) => {
  const context = (req: FastifyRequest) => ({ actor: principalOf(req).actor, now: app.clock.now(), requestId: req.id, clientAddress: req.ip });

  app.get('', { config, schema: { tags, summary: 'Danh sách tài khoản', response: { 200: z.object({ users: z.array(userView) }), ...refusals } } }, async () => ({
    users: await listUsers(app.db),
  }));
  app.post(
    '',
    { config, schema: { tags, summary: 'Tạo tài khoản (mật khẩu dùng một lần, đổi ở lần đăng nhập đầu)', body: newUserRequest, response: { 201: userWithPassword, ...refusals } } },
    async (req, reply) => reply.code(201).send(await createUser(app.db, req.body, context(req))),
  );
  app.post(
    '/:id/disable',
    { config, schema: { tags, summary: 'Khoá tài khoản (kết thúc mọi phiên)', params: userIdParam, response: { 200: userView, ...refusals } } },
    (req) => disableUser(app.db, req.params.id, context(req)),
  );
  app.post(
    '/:id/reset-password',
    { config, schema: { tags, summary: 'Đặt lại mật khẩu (và xác thực hai lớp); mở lại tài khoản đã khoá', params: userIdParam, response: { 200: userWithPassword, ...refusals } } },
    (req) => resetPassword(app.db, req.params.id, context(req)),
  );
  app.put(
    '/:id/scopes',
    { config, schema: { tags, summary: 'Đổi phạm vi (xã, phường / nhà mạng) của tài khoản', params: userIdParam, body: scopesRequest, response: { 200: userView, ...refusals } } },
    (req) => setScopes(app.db, req.params.id, req.body.scopes, context(req)),
  );
  return Promise.resolve();
};
