import { beforeAll, describe, expect, it } from 'vitest';
import { testPrincipal } from '../../access/access.testing.ts';
import { describeEachDatabase } from '../../db/testing.ts';
import { PERMISSIONS, ROLES, VERIFICATION_CHANNELS, type Principal, type Role, type VerificationChannel } from '../../domain/index.ts';
import { seedReferenceData } from '../../registry/index.ts';
import { CHANNELS_OF_ROLE } from '../../domain/index.ts';
import { requireChannel } from './verification.channel-policy.ts';
import { listAttemptsOf } from './verification.repository.ts';
import { submitVerification } from './verification.service.ts';
import { newCitizen, newLine, requestFor, testDeps } from './verification.testing.ts';

const COMMUNE_A = '30292';
const COMMUNE_B = '30301';

/** What requireChannel says to `role` about `channel`: allowed, or the refusal's code. */
function verdict(role: Role, channel: VerificationChannel): string {
  try {
    requireChannel(testPrincipal(role), channel);
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('who submits through which channel', () => {
  it('gives each role its own channels and no other', () => {
    const allowed = Object.fromEntries(ROLES.map((role) => [role, VERIFICATION_CHANNELS.filter((c) => verdict(role, c) === 'ok')]));
    expect(allowed).toEqual({
      province_admin: [],
      province_viewer: [],
      commune_officer: ['commune_point'],
      carrier_operator: ['carrier_store', 'mobile_point', 'agency_session'],
      auditor: [],
      carrier_system: ['carrier_app'],
      vneid_integration: ['vneid'],
      ca_provider: [],
    });
    // Nobody submits for a door-to-door team: it helps people verify in VNeID or the carrier's app.
    expect(ROLES.filter((role) => verdict(role, 'door_to_door') === 'ok')).toEqual([]);
  });

  it('agrees with the permission table: the roles with channels are those of the desk and push actions', () => {
    const submitting = [...PERMISSIONS['verification.desk'], ...PERMISSIONS['verification.push']].sort();
    expect(Object.keys(CHANNELS_OF_ROLE).sort()).toEqual(submitting);
  });

  it('answers a role that submits nothing FORBIDDEN, and another channel CHANNEL_NOT_PERMITTED in Vietnamese', () => {
    expect(verdict('province_admin', 'vneid')).toBe('FORBIDDEN');
    expect(() => requireChannel(testPrincipal('commune_officer'), 'carrier_store')).toThrow(
      expect.objectContaining({
        code: 'CHANNEL_NOT_PERMITTED',
        status: 403,
        detail: 'Tài khoản này chỉ xác thực qua điểm xác thực của xã, phường; không qua cửa hàng nhà mạng.',
      }),
    );
  });
});

describeEachDatabase('a verification within the principal’s reach', ({ db }) => {
  const officerA = testPrincipal('commune_officer', [{ kind: 'commune', value: COMMUNE_A }], 'canbo.binhduc');
  const vinaphoneStore = testPrincipal('carrier_operator', [{ kind: 'carrier', value: 'vinaphone' }], 'nv.vnpt.01');
  const viettelApp = testPrincipal('carrier_system', [{ kind: 'carrier', value: 'viettel' }], 'token:my-viettel');
  const vinaphoneApp = testPrincipal('carrier_system', [{ kind: 'carrier', value: 'vinaphone' }], 'token:my-vnpt');
  beforeAll(async () => {
    await seedReferenceData(db());
  });

  /** What the principal gets: the outcome, or the refusal's code and detail. */
  async function attempt(principal: Principal, msisdn: string, citizen: Awaited<ReturnType<typeof newCitizen>>, channel: VerificationChannel) {
    const { deps } = testDeps(db(), { otpForSingleLine: false });
    try {
      return (await submitVerification(deps, principal, requestFor(citizen, msisdn, { channel }))).outcome;
    } catch (error) {
      const { code, detail } = error as { code: string; detail: string };
      return { code, detail };
    }
  }

  it('lets a commune officer verify the lines of their communes only; another commune’s line is unknown', async () => {
    const citizen = await newCitizen(db());
    const ours = await newLine(db(), citizen, { commune_code: COMMUNE_A, registered_at: '2020-01-01T00:00:00.000Z' });
    const theirs = await newLine(db(), citizen, { commune_code: COMMUNE_B });
    const outside = await attempt(officerA, theirs.msisdn, citizen, 'commune_point');
    expect(outside).toMatchObject({ code: 'SUBSCRIBER_NOT_FOUND' });
    // An unregistered number of the same masked form gets the same answer.
    const unknown = `${theirs.msisdn.slice(0, 2)}99999${theirs.msisdn.slice(-3)}`;
    expect(await attempt(officerA, unknown, citizen, 'commune_point')).toEqual(outside);
    expect(await listAttemptsOf(db().kysely, theirs.id)).toEqual([]);

    expect(await attempt(officerA, ours.msisdn, citizen, 'commune_point')).toBe('verified');
    expect((await listAttemptsOf(db().kysely, ours.id)).map((a) => [a.operator, a.channel])).toEqual([['canbo.binhduc', 'commune_point']]);
  });

  it('lets a carrier’s staff and system reach their own carrier’s lines only', async () => {
    const citizen = await newCitizen(db());
    const line = await newLine(db(), citizen); // a VinaPhone line
    expect(await attempt(viettelApp, line.msisdn, citizen, 'carrier_app')).toMatchObject({ code: 'SUBSCRIBER_NOT_FOUND' });
    expect(await attempt(vinaphoneApp, line.msisdn, citizen, 'carrier_store')).toMatchObject({ code: 'CHANNEL_NOT_PERMITTED' });
    expect(await attempt(vinaphoneStore, line.msisdn, citizen, 'carrier_store')).toBe('verified');
    expect((await listAttemptsOf(db().kysely, line.id)).map((a) => a.operator)).toEqual(['nv.vnpt.01']);
  });
});
