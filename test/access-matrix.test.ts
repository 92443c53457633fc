/**
 * The access matrix: every route in Fastify's own route table × anonymous, every role, and an
 * officer of another commune → the status (and code) each must get. A route the table does not
 * list fails the test, so no route is added open by accident; the expectations are written here,
 * apart from the routes' own `config.access`, so a route declaring the wrong action fails too.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signedInAs, tokenAs } from '../src/access/access.testing.ts';
import { createUser } from '../src/access/index.ts';
import { describeEachDatabase } from '../src/db/testing.ts';
import { isPersonRole, mayTake, ROLES, type Action, type Role } from '../src/domain/index.ts';
import { buildApp } from '../src/http/app.ts';
import { servedRoutes } from '../src/http/testing.ts';
import { loadReferenceData } from '../src/reference/index.ts';
import { seedReferenceData } from '../src/registry/index.ts';
import { newCitizen, newLine, requestFor } from '../src/verification/attempts/verification.testing.ts';
import { createSimulatorNationalIdService } from '../src/verification/national-id/index.ts';

type Who = Role | 'anonymous' | 'other_commune_officer';
const WHO: readonly Who[] = ['anonymous', ...ROLES, 'other_commune_officer'];

/** What the route is tried with: a line of commune 30301 on viettel, its holder, a user to manage. */
interface Fixtures {
  lineId: number;
  msisdn: string;
  document: string;
  userId: number;
  serial: number;
  /** A dry run of a viettel file, in the carrier-scoped callers' reach. */
  importId: number;
}

interface Expected {
  status: number;
  code?: string;
}

interface Entry {
  access: Action | readonly Action[];
  /** Headers given here (a file's content type) go with the caller's credentials. */
  request: (f: Fixtures) => InjectOptions;
  /** What a caller the action allows gets (within scope). */
  allowed: Expected;
  /** What some allowed callers get instead (an officer of another commune: "not found" for a line). */
  instead?: Partial<Record<Who, Expected>>;
}

const ok: Expected = { status: 200 };
const notFoundOutside: Partial<Record<Who, Expected>> = { other_commune_officer: { status: 404, code: 'SUBSCRIBER_NOT_FOUND' } };
const get = (url: string) => () => ({ method: 'GET' as const, url });
const post = (url: string, payload: (f: Fixtures) => object = () => ({})) => (f: Fixtures) => ({ method: 'POST' as const, url, payload: payload(f) });

const MATRIX: Record<string, Entry> = {
  'GET /healthz': { access: 'public', request: get('/healthz'), allowed: ok },
  // The web app's built files (web/dist, built by the tests' global set-up): open to anyone.
  'GET /assets/:file': { access: 'public', request: get('/assets/not-built-0000.js'), allowed: { status: 404, code: 'ROUTE_NOT_FOUND' } },
  // No campaign in this database: found by anyone, nobody refused.
  'GET /api/v1/campaign/today': { access: 'public', request: get('/api/v1/campaign/today'), allowed: { status: 404, code: 'CAMPAIGN_NOT_FOUND' } },
  'GET /api/docs': { access: 'public', request: get('/api/docs'), allowed: ok },
  'GET /api/docs/': { access: 'public', request: get('/api/docs/'), allowed: ok },
  'GET /api/docs/static/index.html': { access: 'public', request: get('/api/docs/static/index.html'), allowed: { status: 302 } },
  'GET /api/docs/static/swagger-initializer.js': { access: 'public', request: get('/api/docs/static/swagger-initializer.js'), allowed: ok },
  'GET /api/docs/*': { access: 'public', request: get('/api/docs/static/swagger-ui.css'), allowed: ok },
  'GET /api/docs/json': { access: 'public', request: get('/api/docs/json'), allowed: ok },
  'GET /api/docs/yaml': { access: 'public', request: get('/api/docs/yaml'), allowed: ok },

  'POST /api/v1/auth/sign-in': { access: 'public', request: post('/api/v1/auth/sign-in', () => ({ username: 'khong.co', password: 'sai-mat-khau' })), allowed: { status: 401, code: 'SIGN_IN_FAILED' } },
  'GET /api/v1/auth/session': {
    access: 'public',
    request: get('/api/v1/auth/session'),
    allowed: ok,
    // Public, but it answers only a person's own cookie session.
    instead: { anonymous: { status: 401, code: 'NOT_SIGNED_IN' }, carrier_system: { status: 401 }, vneid_integration: { status: 401 }, ca_provider: { status: 401 } },
  },
  'POST /api/v1/auth/sign-out': { access: 'session', request: post('/api/v1/auth/sign-out'), allowed: { status: 204 } },
  'POST /api/v1/auth/password': {
    access: 'session',
    request: post('/api/v1/auth/password', () => ({ currentPassword: 'khong-phai', newPassword: 'Mat-khau-moi-2026' })),
    allowed: { status: 401, code: 'PASSWORD_WRONG' },
  },
  // Test accounts have a second factor in force already: setting up another is refused to everyone.
  'POST /api/v1/auth/totp/setup': { access: 'session', request: post('/api/v1/auth/totp/setup'), allowed: { status: 403, code: 'FORBIDDEN' } },
  'POST /api/v1/auth/totp/confirm': { access: 'session', request: post('/api/v1/auth/totp/confirm', () => ({ code: '000000' })), allowed: { status: 401, code: 'TOTP_INVALID' } },

  'GET /api/v1/users': { access: 'users.manage', request: get('/api/v1/users'), allowed: ok },
  'POST /api/v1/users': {
    access: 'users.manage',
    request: post('/api/v1/users', (f) => ({ username: `xa.matran${f.serial}`, displayName: 'Trần Văn Bình', role: 'commune_officer', scopes: [{ kind: 'commune', value: '30301' }] })),
    allowed: { status: 201 },
  },
  'POST /api/v1/users/:id/disable': { access: 'users.manage', request: (f) => ({ method: 'POST', url: `/api/v1/users/${f.userId}/disable` }), allowed: ok },
  'POST /api/v1/users/:id/reset-password': { access: 'users.manage', request: (f) => ({ method: 'POST', url: `/api/v1/users/${f.userId}/reset-password` }), allowed: ok },
  'PUT /api/v1/users/:id/scopes': {
    access: 'users.manage',
    request: (f) => ({ method: 'PUT', url: `/api/v1/users/${f.userId}/scopes`, payload: { scopes: [{ kind: 'commune', value: '30292' }] } }),
    allowed: ok,
  },
  'GET /api/v1/audit': { access: 'audit.read', request: get('/api/v1/audit'), allowed: ok },
  'GET /api/v1/audit/export': { access: 'audit.read', request: get('/api/v1/audit/export?reason=ki%E1%BB%83m%20tra%20%C4%91%E1%BB%8Bnh%20k%E1%BB%B3'), allowed: ok },

  'GET /api/v1/admin-units': { access: 'public', request: get('/api/v1/admin-units'), allowed: ok },
  'GET /api/v1/admin-units/': { access: 'public', request: get('/api/v1/admin-units/'), allowed: ok },
  'POST /api/v1/checks/id': { access: 'public', request: post('/api/v1/checks/id', () => ({ number: '089090000001' })), allowed: ok },
  'POST /api/v1/checks/phone': { access: 'public', request: post('/api/v1/checks/phone', () => ({ number: '0912345678' })), allowed: ok },
  'POST /api/v1/checks/name': { access: 'public', request: post('/api/v1/checks/name', () => ({ a: 'Nguyễn Văn A', b: 'Nguyen Van A' })), allowed: ok },
  'POST /api/v1/checks/date': { access: 'public', request: post('/api/v1/checks/date', () => ({ text: '09/05/1990' })), allowed: ok },
  'POST /api/v1/checks/sms': { access: 'public', request: post('/api/v1/checks/sms', () => ({ text: 'TTTB' })), allowed: ok },

  'POST /api/v1/lines/search': { access: 'subscriber.lookup', request: post('/api/v1/lines/search', (f) => ({ msisdn: f.msisdn })), allowed: ok, instead: notFoundOutside },
  'GET /api/v1/lines/:id': { access: 'subscriber.lookup', request: (f) => ({ method: 'GET', url: `/api/v1/lines/${f.lineId}` }), allowed: ok, instead: notFoundOutside },
  'POST /api/v1/lines/:id/reveal': {
    access: 'subscriber.reveal',
    request: (f) => ({ method: 'POST', url: `/api/v1/lines/${f.lineId}/reveal`, payload: { reason: 'Người dân đến quầy nhờ kiểm tra' } }),
    allowed: ok,
    instead: notFoundOutside,
  },
  'POST /api/v1/persons/search': { access: 'subscriber.lookup', request: post('/api/v1/persons/search', (f) => ({ document: f.document })), allowed: ok, instead: notFoundOutside },
  'POST /api/v1/desk/simulated-capture': {
    access: 'verification.desk',
    request: post('/api/v1/desk/simulated-capture', (f) => ({ msisdn: f.msisdn, documentNumber: f.document, standIn: 'person' })),
    allowed: ok,
    instead: notFoundOutside,
  },
  'POST /api/v1/verifications': {
    access: ['verification.desk', 'verification.push'],
    request: (f) => ({ method: 'POST', url: '/api/v1/verifications', payload: { ...requestFor({ personalId: f.document, legacyCmnd: null, fullName: 'Nguyễn Văn Hòa', birthDate: '1990-05-09', deceasedOn: null, faceSeed: 1 }, f.msisdn), client: undefined } }),
    allowed: ok,
    // The request says channel vneid: only the VNeID integration may verify through it.
    instead: Object.fromEntries((['carrier_operator', 'commune_officer', 'other_commune_officer', 'carrier_system'] as const).map((who) => [who, { status: 403, code: 'CHANNEL_NOT_PERMITTED' }])),
  },
  'POST /api/v1/verifications/results': {
    access: 'verification.push',
    // Each result is answered in the batch's 200 (a channel or line outside the pusher's reach: refused there).
    request: post('/api/v1/verifications/results', (f) => ({
      results: [{ reference: `matrix-${f.serial}`, msisdn: f.msisdn, channel: 'vneid', at: '2026-05-01T03:00:00Z', fields: { documentNumber: 'match', fullName: 'match', birthDate: 'match', face: 'match', liveness: 'pass' } }],
    })),
    allowed: ok,
  },
  'POST /api/v1/carrier-events': {
    access: 'carrier_events.push',
    // Each event is answered in the batch's 200 (a line outside the carrier's reach: refused there).
    request: post('/api/v1/carrier-events', (f) => ({ events: [{ reference: `matrix-${f.serial}`, msisdn: f.msisdn, kind: 'notice_sent', at: '2026-05-01T03:00:00Z' }] })),
    allowed: ok,
  },
  'GET /api/v1/lock-orders': { access: 'lock_orders.feed', request: get('/api/v1/lock-orders'), allowed: ok },
  'POST /api/v1/lock-orders/confirmations': {
    access: 'lock_orders.feed',
    // Each confirmation is answered in the batch's 200 (an order of another carrier: refused there).
    request: post('/api/v1/lock-orders/confirmations', () => ({ confirmations: [{ orderId: 1, at: '2026-05-01T03:00:00Z' }] })),
    allowed: ok,
  },
  'GET /api/v1/lock-orders/timeliness': { access: 'figures.read', request: get('/api/v1/lock-orders/timeliness'), allowed: ok },
  'GET /api/v1/imports': { access: 'imports.read', request: get('/api/v1/imports'), allowed: ok },
  'GET /api/v1/imports/subscribers/template': { access: 'imports.read', request: get('/api/v1/imports/subscribers/template?format=csv'), allowed: ok },
  'GET /api/v1/imports/:id': { access: 'imports.read', request: (f) => ({ method: 'GET', url: `/api/v1/imports/${f.importId}` }), allowed: ok },
  'GET /api/v1/imports/:id/report.xlsx': { access: 'imports.read', request: (f) => ({ method: 'GET', url: `/api/v1/imports/${f.importId}/report.xlsx` }), allowed: ok },
  'POST /api/v1/imports/subscribers': {
    access: 'imports.load',
    request: () => ({ method: 'POST', url: '/api/v1/imports/subscribers?carrier=viettel&dryRun=true', headers: { 'content-type': 'text/csv' }, payload: VIETTEL_FILE }),
    allowed: ok,
  },
  'GET /api/v1/statistics': { access: 'figures.read', request: get('/api/v1/statistics'), allowed: ok },
  'POST /api/v1/statistics': {
    access: 'statistics.load',
    // A dry run of a table missing every commune but one: checked and refused, nothing loaded.
    request: () => ({
      method: 'POST',
      url: `/api/v1/statistics?source=${encodeURIComponent('Cục Thống kê tỉnh An Giang')}&published=2026-01-15&dryRun=true`,
      headers: { 'content-type': 'text/csv' },
      payload: 'commune_code,population,population_14plus\n30301,1000,800\n',
    }),
    allowed: ok,
  },
  // No campaign in this database: the callers the action allows are told so.
  'GET /api/v1/campaign': { access: 'figures.read', request: get('/api/v1/campaign'), allowed: { status: 404, code: 'CAMPAIGN_NOT_FOUND' } },
  // Stocks now and flows to date need no campaign.
  'GET /api/v1/figures': { access: 'figures.read', request: get('/api/v1/figures?by=commune,carrier'), allowed: ok },
  'GET /api/v1/figures/projection': { access: 'figures.read', request: get('/api/v1/figures/projection'), allowed: { status: 404, code: 'CAMPAIGN_NOT_FOUND' } },
  // Dates the wrong way round: refused after the access check, so no campaign is created here.
  'PUT /api/v1/campaign/:code': {
    access: 'campaign.manage',
    request: () => ({
      method: 'PUT',
      url: '/api/v1/campaign/AG-2026',
      payload: { name: 'Chiến dịch', provinceCode: '89', legalBasis: 'Thông tư 08/2026/TT-BKHCN', startsOn: '2026-05-28', endsOn: '2026-04-28' },
    }),
    allowed: { status: 400, code: 'VALIDATION_FAILED' },
  },
  'PUT /api/v1/campaign/targets/:code': {
    access: 'campaign.manage',
    request: () => ({ method: 'PUT', url: '/api/v1/campaign/targets/chu-ky-so-14-tuoi', payload: { measure: 'citizens_14plus_signed', goalShare: 0.7, label: 'Chữ ký số' } }),
    allowed: { status: 404, code: 'CAMPAIGN_NOT_FOUND' },
  },
  'DELETE /api/v1/campaign/targets/:code': {
    access: 'campaign.manage',
    request: () => ({ method: 'DELETE', url: '/api/v1/campaign/targets/chu-ky-so-14-tuoi' }),
    allowed: { status: 404, code: 'CAMPAIGN_NOT_FOUND' },
  },
  // Weekly reports without a campaign: the callers the action allows are told there is none.
  'GET /api/v1/reports/weekly': { access: 'reports.read', request: get('/api/v1/reports/weekly'), allowed: { status: 404, code: 'CAMPAIGN_NOT_FOUND' } },
  'GET /api/v1/reports/weekly/:carrier/:week': { access: 'reports.read', request: get('/api/v1/reports/weekly/viettel/1'), allowed: { status: 404, code: 'CAMPAIGN_NOT_FOUND' } },
  'GET /api/v1/reports/weekly/:carrier/:week/draft': { access: 'reports.submit', request: get('/api/v1/reports/weekly/viettel/1/draft'), allowed: { status: 404, code: 'CAMPAIGN_NOT_FOUND' } },
  'GET /api/v1/reports/weekly/:carrier/:week/template.xlsx': { access: 'reports.submit', request: get('/api/v1/reports/weekly/viettel/1/template.xlsx'), allowed: { status: 404, code: 'CAMPAIGN_NOT_FOUND' } },
  'POST /api/v1/reports/weekly/:carrier/:week': { access: 'reports.submit', request: post('/api/v1/reports/weekly/viettel/1', () => ({ rows: [] })), allowed: { status: 404, code: 'CAMPAIGN_NOT_FOUND' } },
  'POST /api/v1/reports/weekly/:carrier/:week/upload': {
    access: 'reports.submit',
    request: () => ({ method: 'POST', url: '/api/v1/reports/weekly/viettel/1/upload', headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.from('PK') }),
    allowed: { status: 404, code: 'CAMPAIGN_NOT_FOUND' },
  },
  'POST /api/v1/reports/weekly/:carrier/:week/:revision/accept': { access: 'reports.review', request: post('/api/v1/reports/weekly/viettel/1/1/accept'), allowed: { status: 404, code: 'CAMPAIGN_NOT_FOUND' } },
  'POST /api/v1/reports/weekly/:carrier/:week/:revision/return': { access: 'reports.review', request: post('/api/v1/reports/weekly/viettel/1/1/return', () => ({ comment: 'Sai số' })), allowed: { status: 404, code: 'CAMPAIGN_NOT_FOUND' } },
  'GET /api/v1/target-groups/counts': { access: 'figures.read', request: get('/api/v1/target-groups/counts'), allowed: ok },
  'GET /api/v1/roadmap/preview': { access: 'figures.read', request: get('/api/v1/roadmap/preview'), allowed: ok },
  'GET /api/v1/roadmap/due-lines': { access: 'subscriber.lookup', request: get('/api/v1/roadmap/due-lines?commune=30301'), allowed: ok },
  'POST /api/v1/selfcheck': { access: 'public', request: post('/api/v1/selfcheck', () => ({ challengeId: 'khong-co', otp: '123456' })), allowed: { status: 400 } },
  'POST /api/v1/selfcheck/otp': { access: 'public', request: post('/api/v1/selfcheck/otp', (f) => ({ msisdn: `0919${String(f.serial).padStart(6, '0')}` })), allowed: { status: 202 } },
  'POST /api/v1/selfcheck/report': { access: 'public', request: post('/api/v1/selfcheck/report', () => ({ sessionToken: 'khong-hop-le' })), allowed: { status: 401 } },
  'GET /api/v1/selfcheck/counts': { access: 'figures.read', request: get('/api/v1/selfcheck/counts'), allowed: ok },
};

/** A one-line viettel subscriber file (docs/imports.md). */
const VIETTEL_FILE =
  'msisdn,line_class,holder_kind,document_type,document_number,full_name,birth_date,registered_at\n' +
  '0981000001,h2h,citizen,personal_id,089090000777,Lê Văn Tâm,1990-02-03,2021-03-15T02:30:00Z\n';

/** What `who` must get from `entry`. */
function expectedFor(entry: Entry, who: Who): Expected {
  const actions: readonly Action[] = typeof entry.access === 'string' ? [entry.access] : entry.access;
  const override = entry.instead?.[who];
  if (override) return override;
  if (actions.includes('public')) return entry.allowed;
  if (who === 'anonymous') return { status: 401, code: 'NOT_SIGNED_IN' };
  const role: Role = who === 'other_commune_officer' ? 'commune_officer' : who;
  return actions.some((action) => mayTake(role, action)) ? entry.allowed : { status: 403, code: 'FORBIDDEN' };
}

describeEachDatabase('the access matrix', ({ db }) => {
  let app: FastifyInstance;
  const fixtures: Fixtures = { lineId: 0, msisdn: '', document: '', userId: 0, serial: 0, importId: 0 };

  beforeAll(async () => {
    await seedReferenceData(db());
    // A demo, so the demo-only desk capture is in the route table too.
    app = await buildApp({ db: db(), reference: loadReferenceData(), nationalId: createSimulatorNationalIdService(db()), mode: 'demo', logLevel: 'silent' });
    await app.ready();
    const citizen = await newCitizen(db());
    const line = await newLine(db(), citizen, { carrier: 'viettel', commune_code: '30301' });
    fixtures.lineId = line.id;
    fixtures.msisdn = line.msisdn;
    fixtures.document = citizen.personalId;
    const target = await createUser(db(), { username: 'xa.canbo', displayName: 'Phạm Thị Lan', role: 'commune_officer', scopes: [{ kind: 'commune', value: '30301' }] }, { actor: 'test', now: new Date() });
    fixtures.userId = target.user.id;
    const { headers } = await tokenAs(db(), 'carrier_system');
    const dryRun = await app.inject({ method: 'POST', url: '/api/v1/imports/subscribers?dryRun=true', headers: { ...headers, 'content-type': 'text/csv' }, payload: VIETTEL_FILE });
    fixtures.importId = dryRun.json<{ importId: number }>().importId;
  });
  afterAll(() => app.close());

  /** Fresh credentials for each try: sign-out and disable end what they are given. */
  async function headersOf(who: Who): Promise<Record<string, string>> {
    if (who === 'anonymous') return {};
    if (who === 'other_commune_officer') return (await signedInAs(db(), 'commune_officer', [{ kind: 'commune', value: '30292' }])).headers;
    if (who === 'commune_officer') return (await signedInAs(db(), who, [{ kind: 'commune', value: '30301' }])).headers;
    return isPersonRole(who) ? (await signedInAs(db(), who)).headers : (await tokenAs(db(), who)).headers;
  }

  it('lists every route Fastify serves, and serves every route it lists', () => {
    const served = [...new Set(servedRoutes(app).filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`))].sort();
    expect(served).toEqual(Object.keys(MATRIX).sort());
  });

  it('answers each caller of each route as the matrix says', async () => {
    const failures: string[] = [];
    for (const [route, entry] of Object.entries(MATRIX)) {
      for (const who of WHO) {
        fixtures.serial += 1;
        const request = entry.request(fixtures);
        const res = await app.inject({ ...request, headers: { ...(request.headers ?? {}), ...(await headersOf(who)) }, remoteAddress: `10.9.${fixtures.serial >> 8}.${fixtures.serial & 255}` } as InjectOptions);
        const want = expectedFor(entry, who);
        const code = String(res.headers['content-type'] ?? '').includes('json') ? (res.json<{ code?: string }>().code ?? undefined) : undefined;
        if (res.statusCode !== want.status || (want.code !== undefined && code !== want.code)) {
          failures.push(`${route} as ${who}: ${res.statusCode} ${code ?? ''} (expected ${want.status} ${want.code ?? ''})`);
        }
        // Nothing personal reaches a caller the route refuses.
        if (res.statusCode === 401 || res.statusCode === 403) {
          for (const secret of [fixtures.msisdn, fixtures.document, 'Nguyễn Văn Hòa']) if (res.body.includes(secret)) failures.push(`${route} as ${who}: refusal holds ${secret}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
