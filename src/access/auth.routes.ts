import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problemSchema } from '../schemas/problem.ts';
import { AppError } from '../errors.ts';
import { passwordChange, sessionAnswer, signInRequest, totpConfirm, totpSetupAnswer } from './access.schema.ts';
import type { AccessSettings } from './access.settings.ts';
import { findUserById } from './access.repository.ts';
import { principalOf } from './principal.ts';
import { sessionView } from './principal-view.ts';
import { closeSession, SESSION_COOKIE } from './session.service.ts';
import { signIn } from './sign-in.service.ts';
import { beginTotpSetup, changeOwnPassword, confirmTotp } from './users.service.ts';

export interface AuthRoutesOptions {
  settings: AccessSettings;
}

const refusals = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 429: problemSchema };
const tags = ['access'];
const noContent = z.null().describe('Không có nội dung');

/** The session cookie: HttpOnly, SameSite=Strict, Secure whenever the request came over https (also through a trusted proxy). */
function setSessionCookie(reply: FastifyReply, request: FastifyRequest, value: string, settings: AccessSettings): void {
  reply.setCookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: '/',
    maxAge: settings.sessionAbsoluteHours * 3600,
  });
}

/** `/auth/…` (under `/api/v1`): sign-in, the current session, sign-out, the person's own password and second factor. */
export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = (app, { settings }) => {
  const context = (req: FastifyRequest) => ({ actor: principalOf(req).actor, now: app.clock.now(), requestId: req.id, clientAddress: req.ip });

  app.post(
    '/sign-in',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Đăng nhập bằng tên đăng nhập và mật khẩu (và mã TOTP khi vai trò cần)', body: signInRequest, response: { 200: sessionAnswer, ...refusals } },
    },
    async (req, reply) => {
      // A session already open in this browser ends: a new id at every sign-in.
      if (req.accessSession) await closeSession(app.db, req.accessSession.idHash, app.clock.now());
      const signedIn = await signIn(app.db, req.body, { client: req.ip, requestId: req.id, now: app.clock.now(), settings });
      setSessionCookie(reply, req, signedIn.cookie, settings);
      return { principal: signedIn.principal, csrfToken: signedIn.csrfToken };
    },
  );

  app.get(
    '/session',
    { config: { access: 'public' }, schema: { tags, summary: 'Phiên đăng nhập hiện tại', response: { 200: sessionAnswer, 401: problemSchema } } },
    async (req) => {
      if (!req.accessSession || req.principal?.kind !== 'user') throw new AppError('NOT_SIGNED_IN');
      const user = await findUserById(app.db.kysely, req.principal.id);
      if (!user) throw new AppError('NOT_SIGNED_IN');
      return { principal: sessionView(user), csrfToken: req.accessSession.csrfToken };
    },
  );

  app.post(
    '/sign-out',
    { config: { access: 'session' }, schema: { tags, summary: 'Đăng xuất: kết thúc phiên', response: { 204: noContent, ...refusals } } },
    async (req, reply) => {
      if (req.accessSession) await closeSession(app.db, req.accessSession.idHash, app.clock.now());
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/password',
    { config: { access: 'session' }, schema: { tags, summary: 'Đổi mật khẩu của mình', body: passwordChange, response: { 204: noContent, ...refusals } } },
    async (req, reply) => {
      const principal = principalOf(req);
      await changeOwnPassword(app.db, principal.id, { ...req.body, keepSession: req.accessSession?.idHash ?? '' }, context(req));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/totp/setup',
    { config: { access: 'session' }, schema: { tags, summary: 'Bắt đầu thiết lập xác thực hai lớp (TOTP)', response: { 200: totpSetupAnswer, ...refusals } } },
    (req) => beginTotpSetup(app.db, principalOf(req).id),
  );

  app.post(
    '/totp/confirm',
    { config: { access: 'session' }, schema: { tags, summary: 'Xác nhận mã TOTP đầu tiên: bật xác thực hai lớp', body: totpConfirm, response: { 204: noContent, ...refusals } } },
    async (req, reply) => {
      await confirmTotp(app.db, principalOf(req).id, req.body.code, context(req));
      return reply.code(204).send(null);
    },
  );
  return Promise.resolve();
};
