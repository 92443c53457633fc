import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../db/testing.ts';
import { buildApp } from '../http/app.ts';
import { loadReferenceData } from '../reference/index.ts';
import { seedReferenceData } from '../registry/index.ts';
import { createSimulatorNationalIdService } from '../verification/national-id/index.ts';
import { createToken, createUser, revokeToken, totpCode } from './index.ts';
import { tokenAs } from './access.testing.ts';

const START = Date.parse('2026-05-04T02:00:00.000Z');
const NEW_PASSWORD = 'Đồng-Tháp-2026!';

/** The session cookie's value and flags from a sign-in answer. */
function sessionCookieOf(res: LightMyRequestResponse) {
  const cookie = res.cookies.find((c) => c.name === 'tttb_session');
  if (!cookie) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return cookie;
}

describeEachDatabase('sign-in, sessions and CSRF', ({ db }) => {
  let clock = START;
  let app: FastifyInstance;
  const passwords = new Map<string, string>();

  beforeAll(async () => {
    await seedReferenceData(db());
    app = await buildApp({
      db: db(),
      reference: loadReferenceData(),
      nationalId: createSimulatorNationalIdService(db()),
      clock: { now: () => new Date(clock) },
      trustProxy: '127.0.0.1',
      logLevel: 'silent',
    });
    for (const [username, role, scopes] of [
      ['xa.mythoi', 'commune_officer', [{ kind: 'commune', value: '30301' }]],
      ['nv.viettel', 'carrier_operator', [{ kind: 'carrier', value: 'viettel' }]],
      ['sokhcn.admin', 'province_admin', []],
    ] as const) {
      const made = await createUser(db(), { username, displayName: 'Nguyễn Thị Hoa', role, scopes }, { actor: 'test', now: new Date(clock) });
      passwords.set(username, made.initialPassword);
    }
  });
  afterAll(() => app.close());

  const signIn = (username: string, password: string, extra: { totp?: string; remoteAddress?: string; cookie?: string } = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username, password, ...(extra.totp ? { totp: extra.totp } : {}) },
      remoteAddress: extra.remoteAddress ?? '198.51.100.7',
      headers: extra.cookie ? { cookie: `tttb_session=${extra.cookie}` } : {},
    });
  const session = (cookie: string) => app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `tttb_session=${cookie}` } });

  /** Signs in, changes the one-time password, and returns the live cookie and CSRF token. */
  async function signedIn(username: string) {
    const res = await signIn(username, passwords.get(username)!);
    expect(res.statusCode, res.body).toBe(200);
    const cookie = sessionCookieOf(res).value;
    const { csrfToken, principal } = res.json<{ csrfToken: string; principal: { mustChangePassword: boolean } }>();
    if (principal.mustChangePassword) {
      const changed = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: { cookie: `tttb_session=${cookie}`, 'x-csrf-token': csrfToken },
        payload: { currentPassword: passwords.get(username), newPassword: NEW_PASSWORD },
      });
      expect(changed.statusCode, changed.body).toBe(204);
      passwords.set(username, NEW_PASSWORD);
    }
    return { cookie, csrfToken, headers: { cookie: `tttb_session=${cookie}`, 'x-csrf-token': csrfToken } };
  }

  it('signs in with an HttpOnly, SameSite=Strict cookie, Secure only over https, and a new session id every time', async () => {
    const first = await signIn('nv.viettel', passwords.get('nv.viettel')!);
    expect(first.statusCode).toBe(200);
    const cookie = sessionCookieOf(first);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeUndefined();
    expect(first.json()).toMatchObject({ principal: { username: 'nv.viettel', role: 'carrier_operator', mustChangePassword: true, scopes: [{ kind: 'carrier', value: 'viettel' }] } });

    const overHttps = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: 'nv.viettel', password: passwords.get('nv.viettel') },
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9', cookie: `tttb_session=${cookie.value}` },
    });
    expect(sessionCookieOf(overHttps).secure).toBe(true);
    expect(sessionCookieOf(overHttps).value).not.toBe(cookie.value);
    // Signing in again from the same browser ends the session it had.
    expect((await session(cookie.value)).statusCode).toBe(401);
    // The proxy's X-Forwarded-For is believed only from the trusted proxy: the audit row has the client's address.
    const row = await db().kysely.selectFrom('audit_log').select(['client_address']).where('action', '=', 'sign_in').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row.client_address).toBe('203.0.113.9');
  });

  it('answers an unknown name, a wrong password and a disabled account alike, and audits each failure', async () => {
    const unknown = await signIn('khong.co.ai', 'whatever-1234', { remoteAddress: '198.51.100.20' });
    const wrong = await signIn('xa.mythoi', 'sai-mat-khau-1', { remoteAddress: '198.51.100.21' });
    for (const res of [unknown, wrong]) {
      expect(res.statusCode).toBe(401);
      expect(res.cookies).toEqual([]);
    }
    const strip = (res: LightMyRequestResponse) => ({ ...res.json<Record<string, unknown>>(), requestId: undefined });
    expect(strip(unknown)).toEqual(strip(wrong));
    expect(wrong.json()).toMatchObject({ code: 'SIGN_IN_FAILED', title: 'Tên đăng nhập hoặc mật khẩu không đúng' });
    const failed = await db().kysely.selectFrom('audit_log').select(['actor', 'client_address']).where('action', '=', 'sign_in.failed').execute();
    expect(failed).toEqual(expect.arrayContaining([{ actor: 'khong.co.ai', client_address: '198.51.100.20' }, { actor: 'xa.mythoi', client_address: '198.51.100.21' }]));
  });

  it('slows a guesser with a growing delay, refusing even the right password meanwhile, without locking the owner out from elsewhere', async () => {
    const guesser = '198.51.100.66';
    for (let i = 0; i < 3; i += 1) expect((await signIn('xa.mythoi', `doan-sai-${i}-xx`, { remoteAddress: guesser })).statusCode).toBe(401);
    const slowed = await signIn('xa.mythoi', passwords.get('xa.mythoi')!, { remoteAddress: guesser });
    expect(slowed.statusCode).toBe(429);
    expect(slowed.json()).toMatchObject({ code: 'SIGN_IN_SLOWED', retryAfter: 1 });
    expect(slowed.headers['retry-after']).toBe('1');
    clock += 1_000;
    expect((await signIn('xa.mythoi', 'doan-sai-3-xx', { remoteAddress: guesser })).statusCode).toBe(401);
    // The wait doubles: 2 s after the fourth failure.
    clock += 1_000;
    expect((await signIn('xa.mythoi', 'doan-sai-4-xx', { remoteAddress: guesser })).json()).toMatchObject({ code: 'SIGN_IN_SLOWED', retryAfter: 1 });
    // The officer at their own commune office signs in at once.
    expect((await signIn('xa.mythoi', passwords.get('xa.mythoi')!, { remoteAddress: '198.51.100.5' })).statusCode).toBe(200);
  });

  it('never lets failures from many addresses hold an account for more than 30 seconds', async () => {
    for (let i = 0; i < 30; i += 1) await signIn('sokhcn.admin', `sai-${i}-xxxxxx`, { remoteAddress: `192.0.2.${i + 1}` });
    const held = await signIn('sokhcn.admin', passwords.get('sokhcn.admin')!, { remoteAddress: '198.51.100.99' });
    expect(held.statusCode).toBe(429);
    expect(held.json<{ retryAfter: number }>().retryAfter).toBeLessThanOrEqual(30);
    clock += 30_000;
    expect((await signIn('sokhcn.admin', passwords.get('sokhcn.admin')!, { remoteAddress: '198.51.100.99' })).statusCode).toBe(200);
  });

  it('refuses a cookie write without the CSRF token, with another token, or from another site', async () => {
    const { cookie, csrfToken } = await signedIn('nv.viettel');
    const write = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers: { cookie: `tttb_session=${cookie}`, ...headers } });
    expect((await write({})).json()).toMatchObject({ code: 'CSRF_REFUSED', status: 403 });
    expect((await write({ 'x-csrf-token': `${csrfToken.slice(0, -1)}x` })).statusCode).toBe(403);
    expect((await write({ 'x-csrf-token': csrfToken, origin: 'https://evil.example' })).json()).toMatchObject({ code: 'CSRF_REFUSED' });
    expect((await write({ 'x-csrf-token': csrfToken, origin: 'http://localhost:80' })).statusCode).toBe(200);
  });

  it('ends a session after 30 idle minutes, after 12 hours whatever the activity, and at sign-out', async () => {
    const idle = await signedIn('nv.viettel');
    clock += 29 * 60_000;
    expect((await session(idle.cookie)).statusCode).toBe(200);
    clock += 29 * 60_000;
    expect((await session(idle.cookie)).statusCode).toBe(200);
    clock += 30 * 60_000;
    expect((await session(idle.cookie)).json()).toMatchObject({ code: 'NOT_SIGNED_IN' });

    const busy = await signedIn('nv.viettel');
    const signedInAt = clock;
    while (clock + 25 * 60_000 < signedInAt + 12 * 3_600_000) {
      clock += 25 * 60_000;
      expect((await session(busy.cookie)).statusCode).toBe(200);
    }
    clock = signedInAt + 12 * 3_600_000;
    expect((await session(busy.cookie)).statusCode).toBe(401);

    const leaving = await signedIn('nv.viettel');
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: leaving.headers })).statusCode).toBe(204);
    expect((await session(leaving.cookie)).statusCode).toBe(401);
  });

  it('lets a person with a one-time password do nothing but change it', async () => {
    await createUser(db(), { username: 'xa.moi', displayName: 'Lê Văn Tâm', role: 'commune_officer', scopes: [{ kind: 'commune', value: '30301' }] }, { actor: 'test', now: new Date(clock) }).then((m) =>
      passwords.set('xa.moi', m.initialPassword),
    );
    const res = await signIn('xa.moi', passwords.get('xa.moi')!);
    const headers = { cookie: `tttb_session=${sessionCookieOf(res).value}`, 'x-csrf-token': res.json<{ csrfToken: string }>().csrfToken };
    expect(res.json()).toMatchObject({ principal: { mustChangePassword: true, actions: ['public', 'session'] } });
    expect((await app.inject({ method: 'GET', url: '/api/v1/target-groups/counts', headers })).json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    const weak = await app.inject({ method: 'POST', url: '/api/v1/auth/password', headers, payload: { currentPassword: passwords.get('xa.moi'), newPassword: 'ngan' } });
    expect(weak.json()).toMatchObject({ code: 'PASSWORD_WEAK', errors: [{ field: 'newPassword' }] });
    const changed = await app.inject({ method: 'POST', url: '/api/v1/auth/password', headers, payload: { currentPassword: passwords.get('xa.moi'), newPassword: NEW_PASSWORD } });
    expect(changed.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/v1/target-groups/counts', headers })).statusCode).toBe(200);
  });

  it('makes the province admin set up a second factor, then asks for its code at every sign-in', async () => {
    const admin = await signedIn('sokhcn.admin');
    expect((await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers })).json()).toMatchObject({ code: 'SECOND_FACTOR_SETUP_REQUIRED' });
    const setup = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers: admin.headers });
    const { secret, otpauthUri } = setup.json<{ secret: string; otpauthUri: string }>();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/tttb:sokhcn\.admin\?/);
    const wrongCode = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/confirm', headers: admin.headers, payload: { code: '000000' } });
    expect(wrongCode.json()).toMatchObject({ code: 'TOTP_INVALID' });
    const confirmed = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/confirm', headers: admin.headers, payload: { code: totpCode(secret, 'sokhcn.admin') } });
    expect(confirmed.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers })).statusCode).toBe(200);
    // A stolen session cannot swap the second factor for its own.
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers: admin.headers })).statusCode).toBe(403);

    const withoutCode = await signIn('sokhcn.admin', NEW_PASSWORD, { remoteAddress: '198.51.100.30' });
    expect(withoutCode.json()).toMatchObject({ code: 'TOTP_REQUIRED' });
    expect(withoutCode.cookies).toEqual([]);
    expect((await signIn('sokhcn.admin', NEW_PASSWORD, { remoteAddress: '198.51.100.30', totp: '123456' })).json()).toMatchObject({ code: 'TOTP_INVALID' });
    const withCode = await signIn('sokhcn.admin', NEW_PASSWORD, { remoteAddress: '198.51.100.30', totp: totpCode(secret, 'sokhcn.admin', 1) });
    expect(withCode.statusCode).toBe(200);
  });

  it('serves machine clients by bearer token until it is revoked, never on people-only routes', async () => {
    const { token } = await createToken(db(), { name: 'viettel-bss', role: 'carrier_system', scopes: [{ kind: 'carrier', value: 'viettel' }] }, { actor: 'test', now: new Date(clock) });
    const headers = { authorization: `Bearer ${token}` };
    expect((await app.inject({ method: 'GET', url: '/api/v1/target-groups/counts', headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/users', headers })).json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers })).statusCode).toBe(403);
    await revokeToken(db(), 'viettel-bss', { actor: 'test', now: new Date(clock) });
    expect((await app.inject({ method: 'GET', url: '/api/v1/target-groups/counts', headers })).json()).toMatchObject({ code: 'NOT_SIGNED_IN' });
    // A made-up token, even on a public route, is refused rather than ignored.
    expect((await app.inject({ method: 'GET', url: '/api/v1/admin-units/', headers: { authorization: 'Bearer tttb_made-up' } })).statusCode).toBe(401);
  });

  it('ends every session of an account the admin disables', async () => {
    const officer = await signedIn('xa.mythoi');
    const { headers: adminHeaders } = await tokenAs(db(), 'vneid_integration');
    expect((await app.inject({ method: 'GET', url: '/api/v1/users', headers: adminHeaders })).statusCode).toBe(403);
    const user = await db().kysely.selectFrom('users').select('id').where('username', '=', 'xa.mythoi').executeTakeFirstOrThrow();
    const { disableUser } = await import('./index.ts');
    await disableUser(db(), Number(user.id), { actor: 'test', now: new Date(clock) });
    expect((await session(officer.cookie)).statusCode).toBe(401);
    expect((await signIn('xa.mythoi', passwords.get('xa.mythoi')!, { remoteAddress: '198.51.100.77' })).json()).toMatchObject({ code: 'SIGN_IN_FAILED' });
  });
});
