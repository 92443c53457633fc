import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/open.ts';
import type { NewSubscriber } from '../db/schema.ts';
import { describeEachDatabase } from '../db/testing.ts';
import { routeTestApp } from '../http/testing.ts';
import { seedReferenceData } from '../registry/index.ts';
import { testLine } from '../registry/subscriber.testing.ts';
import { createSelfCheckSmsHandler, selfCheckRoutes, type SelfCheckRoutesOptions } from './index.ts';
import { createOutboxSignal } from '../messaging/index.ts';
import { signedInAs } from '../access/access.testing.ts';

const START = Date.parse('2026-05-10T03:00:00.000Z');
const DOC = '089095033333';
const OTHER_DOC = '089095044444';
const UNKNOWN_DOC = '089095099999';
const HOLDER = '0962222201';
const NEIGHBOUR = '0962222202';
const STRANGER = '0382222299';

interface Answer {
  kind: string;
  text: string;
  msisdn: string;
  session?: { token: string; expiresAt: string };
  status?: { nextStep: { step: string; dueAt: string } | null };
  lines?: { total: number; shown: string[] };
}

async function insert(db: Database, extra: Partial<NewSubscriber>): Promise<number> {
  const row = await db.kysely.insertInto('subscribers').values(testLine(extra)).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

describeEachDatabase('self-check API', ({ db }) => {
  let viewerHeaders: Record<string, string> | undefined;
  /** A province viewer's session: the counts are operators' figures. */
  const viewer = async () => (viewerHeaders ??= (await signedInAs(db(), 'province_viewer')).headers);
  let clock = START;
  const now = () => new Date(clock);
  const apps: FastifyInstance[] = [];
  /** How often the routes woke the SMS link. */
  let wakeUps = 0;
  const outbox = createOutboxSignal();
  outbox.connect(() => (wakeUps += 1));
  async function appWith(options: Partial<SelfCheckRoutesOptions['settings']> = {}) {
    const app = routeTestApp(db());
    await app.register(selfCheckRoutes, {
      prefix: '/api/v1/selfcheck',
      // Codes as often as the tests ask (no spacing); the limits have tests of their own.
      settings: { otpPerLinePerHour: 1000, otpPerClientPerHour: 1000, otpSpacingSeconds: 0, otpMaxSpacingSeconds: 0, requestsPerClientPerMinute: 1000, ...options },
      now,
      outbox,
    });
    apps.push(app);
    return app;
  }
  let app: FastifyInstance;
  let holderId: number;
  beforeAll(async () => {
    await seedReferenceData(db());
    holderId = await insert(db(), { msisdn: HOLDER, document_number: DOC, commune_code: '30301' });
    await insert(db(), { msisdn: NEIGHBOUR, document_number: OTHER_DOC });
    await insert(db(), { msisdn: '0962222203', document_number: DOC });
    app = await appWith();
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
  });

  const post = (target: FastifyInstance, url: string, payload: object) => target.inject({ method: 'POST', url: `/api/v1/selfcheck${url}`, payload });
  /** The code as the SMS carries it (the SMSC simulator shows it; the dispatcher blanks it once sent). */
  async function codeSentTo(msisdn: string): Promise<string> {
    const notice = await db().kysely.selectFrom('notices').select('text').where('msisdn', '=', msisdn).where('kind', '=', 'selfcheck.otp').orderBy('id', 'desc').executeTakeFirstOrThrow();
    return /(\d{6})/.exec(notice.text)?.[1] ?? '';
  }
  async function challenge(target: FastifyInstance, msisdn: string) {
    const res = await post(target, '/otp', { msisdn });
    expect(res.statusCode).toBe(202);
    const { challengeId } = res.json<{ challengeId: string }>();
    return { challengeId, otp: await codeSentTo(msisdn.replace(/^\+84 ?/, '0').replace(/ /g, '')) };
  }
  async function session(msisdn: string): Promise<string> {
    const res = await post(app, '', await challenge(app, msisdn));
    expect(res.statusCode).toBe(200);
    return res.json<Answer>().session?.token ?? '';
  }

  it('sends a code, then answers exactly as the SMS would, with a session token', async () => {
    clock = START;
    const res = await post(app, '/otp', { msisdn: '+84 962 222 201' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ challengeId: expect.any(String) as string, expiresAt: '2026-05-10T03:05:00.000Z' });
    const notice = await db().kysely.selectFrom('notices').selectAll().where('msisdn', '=', HOLDER).executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ kind: 'selfcheck.otp', not_before: '2026-05-10T03:00:00.000Z', status: 'queued' });
    expect(Number(notice.subscriber_id)).toBe(holderId);

    const answer = await post(app, '', { challengeId: res.json<{ challengeId: string }>().challengeId, otp: await codeSentTo(HOLDER) });
    expect(answer.statusCode).toBe(200);
    const body = answer.json<Answer>();
    const [sms] = await db().kysely.transaction().execute((trx) =>
      createSelfCheckSmsHandler({ now })(trx, [{ id: 1, carrier: 'viettel', from: HOLDER, to: '1414', text: 'TTTB', receivedAt: now().toISOString() }]),
    );
    expect(body).toMatchObject({ kind: 'owner', text: sms?.text, msisdn: '09******01', owner: { documentNumber: DOC } });
    expect(body.session?.expiresAt).toBe('2026-05-10T03:10:00.000Z');
    expect(answer.body).not.toContain(HOLDER);
    const record = await db().kysely.selectFrom('self_checks').selectAll().where('channel', '=', 'web').executeTakeFirstOrThrow();
    expect(record).toMatchObject({ msisdn: HOLDER, request_kind: 'owner', outcome: 'shown', commune_code: '30301', carrier: 'viettel' });
  });

  it('counts wrong codes, then refuses even the right one; expired, spent and unknown challenges ask for a new code', async () => {
    clock = START + 3600_000;
    const first = await challenge(app, HOLDER);
    const wrong = first.otp === '000000' ? '111111' : '000000';
    const once = await post(app, '', { challengeId: first.challengeId, otp: wrong });
    expect(once.statusCode).toBe(400);
    expect(once.headers['content-type']).toContain('application/problem+json');
    expect(once.json()).toMatchObject({ code: 'OTP_INVALID', detail: expect.stringContaining('Còn 4 lần thử') as string });
    for (let i = 0; i < 3; i++) await post(app, '', { challengeId: first.challengeId, otp: wrong });
    expect((await post(app, '', { challengeId: first.challengeId, otp: wrong })).json()).toMatchObject({ code: 'OTP_TOO_MANY_ATTEMPTS', status: 429 });
    expect((await post(app, '', first)).json()).toMatchObject({ code: 'OTP_TOO_MANY_ATTEMPTS' });

    const second = await challenge(app, HOLDER);
    clock += 301_000;
    expect((await post(app, '', second)).json()).toMatchObject({ code: 'OTP_EXPIRED', status: 400 });

    const third = await challenge(app, HOLDER);
    expect((await post(app, '', third)).statusCode).toBe(200);
    expect((await post(app, '', third)).json()).toMatchObject({ code: 'OTP_EXPIRED' });
    expect((await post(app, '', { challengeId: 'nope', otp: '123456' })).json()).toMatchObject({ code: 'OTP_EXPIRED' });
    expect((await post(app, '', { document: DOC })).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('answers within the session without a new code until it expires; a forged token is refused', async () => {
    clock = START + 2 * 3600_000;
    const token = await session(HOLDER);
    const lines = await post(app, '', { sessionToken: token, document: '089-095-033-333' });
    expect(lines.statusCode).toBe(200);
    expect(lines.json<Answer>()).toMatchObject({ kind: 'lines', lines: { total: 2, shown: ['09******01', '09******03'] } });
    expect(lines.json<Answer>().session).toBeUndefined();
    // A session request is answered only once its record is stored (group commit).
    expect(await db().kysely.selectFrom('self_checks').select(['channel', 'outcome']).where('request_kind', '=', 'lines').execute()).toEqual([
      { channel: 'web', outcome: 'shown' },
    ]);
    expect((await post(app, '', { sessionToken: token, document: 'abc' })).json()).toMatchObject({ code: 'IDENTITY_INVALID' });
    const forged = `${token.slice(0, -4)}AAAA`;
    expect((await post(app, '', { sessionToken: forged })).json()).toMatchObject({ code: 'SELFCHECK_SESSION_INVALID', status: 401 });
    clock += 601_000;
    const expired = await post(app, '', { sessionToken: token });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'SELFCHECK_SESSION_INVALID' });
  });

  it('gives the same answer for an unknown document and for one the sender does not hold', async () => {
    clock = START + 3 * 3600_000;
    const token = await session(HOLDER);
    const notHeld = await post(app, '', { sessionToken: token, document: OTHER_DOC });
    const unknown = await post(app, '', { sessionToken: token, document: UNKNOWN_DOC });
    expect(notHeld.statusCode).toBe(unknown.statusCode);
    expect(notHeld.headers['content-type']).toBe(unknown.headers['content-type']);
    expect(notHeld.body).toBe(unknown.body);
    expect(notHeld.json<Answer>().kind).toBe('not_held');
  });

  it('answers a code request for a registered and an unregistered number alike, and the stranger learns only after the code', async () => {
    clock = START + 4 * 3600_000;
    const registered = await post(app, '/otp', { msisdn: NEIGHBOUR });
    const unregistered = await post(app, '/otp', { msisdn: STRANGER });
    expect(registered.statusCode).toBe(unregistered.statusCode);
    const shape = (body: { challengeId: string; expiresAt: string }) => ({ ...body, challengeId: body.challengeId.length });
    expect(shape(registered.json())).toEqual(shape(unregistered.json()));
    const notice = await db().kysely.selectFrom('notices').selectAll().where('msisdn', '=', STRANGER).executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ kind: 'selfcheck.otp', subscriber_id: null });
    const answer = await post(app, '', { challengeId: unregistered.json<{ challengeId: string }>().challengeId, otp: await codeSentTo(STRANGER) });
    expect(answer.json<Answer>()).toMatchObject({ kind: 'not_registered', msisdn: '03******99' });
    expect((await post(app, '/otp', { msisdn: '12345' })).json()).toMatchObject({ code: 'MSISDN_INVALID', status: 400 });
  });

  /**
   * The limits as deployed (selfcheck.settings.ts), not the tests' loose ones, with the secret
   * every instance shares (it keys the client addresses too).
   */
  const deployedLimits = { otpPerLinePerHour: 20, otpPerClientPerHour: 3, otpSpacingSeconds: 30, otpMaxSpacingSeconds: 300, sessionSecret: 's'.repeat(32) };
  const askFrom = (target: FastifyInstance, msisdn: string, remoteAddress: string) =>
    target.inject({ method: 'POST', url: '/api/v1/selfcheck/otp', payload: { msisdn }, remoteAddress });
  const codesTo = async (msisdn: string) =>
    (await db().kysely.selectFrom('notices').select('id').where('msisdn', '=', msisdn).where('kind', '=', 'selfcheck.otp').execute()).length;

  it('lets the owner get a code while a stranger with many addresses asks for the owner\'s number all hour, and the line gets few SMS', async () => {
    const guarded = await appWith(deployedLimits);
    clock = START + 30 * 3600_000;
    const victim = '0962222204';
    await insert(db(), { msisdn: victim, document_number: '089095055555' });
    // The stranger asks every 10 seconds for an hour, from a new address each time.
    const refusals = new Set<string>();
    for (let i = 0; i < 360; i++) {
      const res = await askFrom(guarded, victim, `198.51.100.${i % 250}`);
      if (res.statusCode !== 202) refusals.add(res.json<{ code: string }>().code);
      clock += 10_000;
    }
    expect([...refusals]).toEqual(['SELFCHECK_OTP_TOO_SOON']);
    const smsToVictim = await codesTo(victim);
    expect(smsToVictim).toBeLessThanOrEqual(15);

    // The owner asks while the spacing runs: told to wait (never more than the longest spacing),
    // then gets a code.
    const refused = await askFrom(guarded, victim, '203.0.113.9');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'SELFCHECK_OTP_TOO_SOON', retryAfter: expect.any(Number) as number });
    const { retryAfter } = refused.json<{ retryAfter: number }>();
    expect(retryAfter).toBeLessThanOrEqual(300);
    clock += retryAfter * 1000;
    const asked = await askFrom(guarded, victim, '203.0.113.9');
    expect(asked.statusCode).toBe(202);
    const answer = await post(guarded, '', { challengeId: asked.json<{ challengeId: string }>().challengeId, otp: await codeSentTo(victim) });
    expect(answer.json<Answer>()).toMatchObject({ kind: 'owner' });
  });

  it('keeps one client address to a few codes per number per hour, in the database, across restarts', async () => {
    const guarded = await appWith(deployedLimits);
    clock = START + 40 * 3600_000;
    const before = wakeUps;
    for (let i = 0; i < 3; i++) {
      expect((await askFrom(guarded, NEIGHBOUR, '198.51.100.1')).statusCode).toBe(202);
      clock += 600_000;
    }
    const refused = await askFrom(guarded, NEIGHBOUR, '198.51.100.1');
    // Each code queued woke the SMS link at once; the refused request queued nothing.
    expect(wakeUps - before).toBe(3);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    // The first of its three codes leaves the hour in 30 minutes.
    expect(refused.json()).toMatchObject({ code: 'SELFCHECK_OTP_LIMIT', retryAfter: 1800 });
    const restarted = await appWith(deployedLimits);
    expect((await askFrom(restarted, NEIGHBOUR, '198.51.100.1')).json()).toMatchObject({ code: 'SELFCHECK_OTP_LIMIT' });
    expect((await askFrom(restarted, NEIGHBOUR, '198.51.100.2')).statusCode).toBe(202);
    clock += 1800_000;
    expect((await askFrom(restarted, NEIGHBOUR, '198.51.100.1')).statusCode).toBe(202);
  });

  it('sends one code when many addresses ask for one number at the same moment', async () => {
    const guarded = await appWith(deployedLimits);
    clock = START + 50 * 3600_000;
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => askFrom(guarded, NEIGHBOUR, `198.51.100.${i}`)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([202, ...Array<number>(11).fill(429)]);
    expect(answers.filter((a) => a.statusCode === 429).map((a) => a.json<{ code: string }>().code)).toEqual(Array<string>(11).fill('SELFCHECK_OTP_TOO_SOON'));
  });

  it('limits requests per client address per minute', async () => {
    const limited = await appWith({ requestsPerClientPerMinute: 2 });
    expect((await post(limited, '', { sessionToken: 'x' })).statusCode).toBe(401);
    expect((await post(limited, '', { sessionToken: 'x' })).statusCode).toBe(401);
    const refused = await post(limited, '', { sessionToken: 'x' });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'SELFCHECK_RATE_LIMITED', status: 429, retryAfter: expect.any(Number) as number });
    // Vietnamese to the end: the limiter's own English ("1 minute") never reaches the answer.
    expect(refused.json<{ detail: string }>().detail).toMatch(/thử lại sau \d+ giây\.$/);
    expect(refused.headers['retry-after']).toBeDefined();
  });

  it('takes a report: target group 3, the verification requirement, and the deadline to act by', async () => {
    clock = START + 6 * 3600_000;
    const token = await session(HOLDER);
    const res = await post(app, '/report', { sessionToken: token, wrong: ['full_name', 'birth_date'] });
    expect(res.statusCode).toBe(200);
    const body = res.json<Answer>();
    expect(body).toMatchObject({ kind: 'reported', status: { nextStep: { step: 'one_way', dueAt: '2026-05-10T11:00:00.000Z' } } });
    expect(body.text).toContain('truoc 10/05/2026 18:00');
    const membership = await db().kysely.selectFrom('target_memberships').selectAll().where('subscriber_id', '=', holderId).executeTakeFirstOrThrow();
    expect(membership).toMatchObject({ target_group: 'mismatch', source: 'selfcheck', detail: 'birth_date,full_name' });
    const line = await db().kysely.selectFrom('subscribers').select(['verification_required_since', 'verification_required_reason']).where('id', '=', holderId).executeTakeFirstOrThrow();
    expect(line).toEqual({ verification_required_since: '2026-05-10T09:00:00.000Z', verification_required_reason: 'mismatch' });
    const record = await db().kysely.selectFrom('self_checks').selectAll().where('outcome', '=', 'reported').executeTakeFirstOrThrow();
    expect(record).toMatchObject({ channel: 'web', request_kind: 'report', detail: 'birth_date,full_name' });
    expect((await post(app, '/report', { sessionToken: token, wrong: ['age'] })).statusCode).toBe(400);
  });

  it('counts self-checks by commune, carrier and day', async () => {
    const res = await app.inject({ url: '/api/v1/selfcheck/counts?by=commune,carrier,day', headers: await viewer() });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ by: string[]; items: { communeCode: string | null; checks: number; reports: number }[] }>();
    expect(body.by).toEqual(['commune', 'carrier', 'day']);
    expect(body.items).toContainEqual(expect.objectContaining({ communeCode: '30301', carrier: 'viettel', day: '2026-05-10', reports: 1 }));
    expect((await app.inject({ url: '/api/v1/selfcheck/counts', headers: await viewer() })).json()).toMatchObject({ by: ['day'] });
    expect((await app.inject({ url: '/api/v1/selfcheck/counts?by=province', headers: await viewer() })).statusCode).toBe(400);
  });

  it('counts only between real calendar days, and names the field of a day that does not exist', async () => {
    expect((await app.inject({ url: '/api/v1/selfcheck/counts?from=2024-02-29&to=2026-12-31', headers: await viewer() })).statusCode).toBe(200);
    for (const [query, field] of [
      ['from=2026-13-45', 'querystring.from'],
      ['to=2026-02-30', 'querystring.to'],
      ['from=2025-02-29', 'querystring.from'],
      ['from=2026-5-10', 'querystring.from'],
    ] as const) {
      const res = await app.inject({ url: `/api/v1/selfcheck/counts?${query}`, headers: await viewer() });
      expect(res.statusCode, query).toBe(400);
      expect(res.json(), query).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field }] });
    }
  });

  describe('with unmask', () => {
    it('shows full numbers', async () => {
      const unmasked = await appWith({ unmask: true });
      clock = START + 8 * 3600_000;
      const res = await post(unmasked, '', await challenge(unmasked, HOLDER));
      expect(res.json<Answer>()).toMatchObject({ msisdn: HOLDER, text: expect.stringContaining(`TB ${HOLDER}`) as string });
    });
  });
});
