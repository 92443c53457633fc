import { beforeAll, describe, expect, it } from 'vitest';
import { testPrincipal } from '../access/access.testing.ts';
import { describeEachDatabase } from '../db/testing.ts';
import { requireVerification, seedReferenceData } from '../registry/index.ts';
import { DEFAULT_ROADMAP_SETTINGS, runRoadmap } from '../roadmap/index.ts';
import { newCitizen, newLine, requestFor, submitAs, T0, testDeps } from '../verification/attempts/verification.testing.ts';
import { lineRoadmap, type RoadmapFacts } from './lookup.roadmap.ts';
import { lookupLine } from './lookup.service.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();
const codes = (facts: Partial<RoadmapFacts>) => lineRoadmap({ ...UNVERIFIED, ...facts }, DEFAULT_ROADMAP_SETTINGS, T0).mustDo.map((m) => m.code);

const UNVERIFIED: RoadmapFacts = {
  verificationState: 'unverified',
  lockLevel: 'none',
  lockReason: null,
  lockedAt: null,
  requiredSince: null,
  requiredReason: null,
  documentType: 'personal_id',
  holderKind: 'citizen',
  lastAttempt: null,
};

describe('what the holder must do', () => {
  it('says nothing to a verified line and only the end to a terminated one', () => {
    expect(lineRoadmap({ ...UNVERIFIED, verificationState: 'verified' }, DEFAULT_ROADMAP_SETTINGS, T0)).toEqual({ lockLevel: 'none', next: null, mustDo: [] });
    expect(codes({ lockLevel: 'terminated', lockReason: 'campaign_mismatch', lockedAt: at(-DAY) })).toEqual(['line.terminated']);
  });

  it('leaves a lock of another lifecycle off the roadmap, and sends the holder to the carrier', () => {
    const roadmap = lineRoadmap({ ...UNVERIFIED, verificationState: 'verified', lockLevel: 'one_way', lockReason: 'fraud', lockedAt: at(-DAY) }, DEFAULT_ROADMAP_SETTINGS, T0);
    expect(roadmap.next).toBeNull();
    expect(roadmap.mustDo).toEqual([{ code: 'lock.other', message: expect.stringContaining('cửa hàng nhà mạng') as string }]);
  });

  it('names a new handset, an expired CMND, a foreigner’s desk and an unverified line', () => {
    expect(codes({ requiredSince: at(-HOUR), requiredReason: 'device_change' })).toEqual(['requirement.device_change', 'roadmap.one_way']);
    expect(codes({ documentType: 'cmnd9' })).toEqual(['registration.legacy_cmnd']);
    expect(codes({ holderKind: 'foreigner', documentType: 'passport' })).toEqual(['channel.foreigner_in_person']);
    expect(lineRoadmap(UNVERIFIED, DEFAULT_ROADMAP_SETTINGS, T0).mustDo).toEqual([
      { code: 'verification.not_done', message: 'Chưa xác thực thông tin thuê bao: xác thực qua VNeID, ứng dụng nhà mạng hoặc cửa hàng; tại quầy mang CCCD.' },
    ]);
  });

  it('passes on the last attempt’s instructions, not its results, once each', () => {
    const lastAttempt = { outcome: 'pending', reasons: ['document.not_checked', 'face.not_checked', 'otp.verified', 'service.unavailable', 'no.such_code'] };
    expect(codes({ lastAttempt })).toEqual(['service.unavailable']);
    const rejected = { outcome: 'rejected', reasons: ['document.match', 'face.no_match', 'liveness.fail', 'face.no_match'] };
    expect(codes({ requiredSince: at(-HOUR), requiredReason: 'mismatch', lastAttempt: rejected })).toEqual(['requirement.mismatch', 'roadmap.one_way', 'face.no_match', 'liveness.fail']);
  });

  it('says "now" once the step’s instant has passed and the job has not run yet', () => {
    const [, step] = lineRoadmap({ ...UNVERIFIED, requiredSince: at(-3 * HOUR), requiredReason: 'mismatch' }, DEFAULT_ROADMAP_SETTINGS, T0).mustDo;
    expect(step?.message).toBe('Xác thực qua VNeID, ứng dụng nhà mạng hoặc cửa hàng ngay (đã quá hạn 10/05/2026 09:00); quá hạn, thuê bao bị khóa một chiều (tạm dừng chiều đi).');
  });
});

describeEachDatabase('the look-up’s roadmap part', ({ db }) => {
  const admin = testPrincipal('province_admin');
  const roadmapOf = async (id: number, now: Date) => (await lookupLine(db(), admin, { id }, { now: () => now })).lines[0]?.roadmap;
  const require = (subscriberId: number, since: string) =>
    db().kysely.transaction().execute((trx) => requireVerification(trx, { subscriberId, reason: 'mismatch', at: since, actor: 'test', source: 'reconciliation' }));
  beforeAll(async () => {
    await seedReferenceData(db());
  });

  it('gives a line with a recent mismatch its one-way deadline and what its last attempt asked for', async () => {
    const person = await newCitizen(db());
    const line = await newLine(db(), person);
    await require(line.id, at(-HOUR / 2));
    const { deps } = testDeps(db(), { otpForSingleLine: false });
    const tried = await submitAs(deps, requestFor(person, line.msisdn, { identity: { documentNumber: person.personalId, fullName: 'Trần Thị Bé', birthDate: person.birthDate } }));
    expect(tried.outcome).toBe('rejected');

    const roadmap = await roadmapOf(line.id, T0);
    expect(roadmap).toMatchObject({ lockLevel: 'none', next: { step: 'one_way', at: at(1.5 * HOUR) } });
    expect(roadmap?.mustDo).toEqual([
      { code: 'requirement.mismatch', message: 'Thông tin thuê bao chưa trùng khớp với Cơ sở dữ liệu quốc gia về dân cư: chủ thuê bao cần xác thực lại thông tin thuê bao.' },
      { code: 'roadmap.one_way', message: 'Xác thực qua VNeID, ứng dụng nhà mạng hoặc cửa hàng trước 10/05/2026 11:30; quá hạn, thuê bao bị khóa một chiều (tạm dừng chiều đi).' },
      { code: 'registration.name_differs', message: expect.stringContaining('mang CCCD đến cửa hàng hoặc điểm xác thực') as string },
    ]);
  });

  it('follows a line the roadmap locked: one-way, then two-way with the termination date', async () => {
    const line = await newLine(db(), await newCitizen(db()));
    await require(line.id, at(-3 * HOUR));
    await runRoadmap(db(), { at: T0 });
    // Locked at its due instant, two hours after the finding; two-way 30 days later.
    expect(await roadmapOf(line.id, T0)).toEqual({
      lockLevel: 'one_way',
      next: { step: 'two_way', at: at(-HOUR + 30 * DAY) },
      mustDo: [
        { code: 'requirement.mismatch', message: expect.any(String) as string },
        {
          code: 'roadmap.two_way',
          message:
            'Thuê bao đang bị khóa một chiều (tạm dừng chiều đi): xác thực qua VNeID, ứng dụng nhà mạng hoặc cửa hàng trước 09/06/2026 09:00 để mở khóa; quá hạn, thuê bao bị khóa hai chiều.',
        },
      ],
    });
    const later = new Date(T0.getTime() + 31 * DAY);
    await runRoadmap(db(), { at: later });
    const twoWay = await roadmapOf(line.id, later);
    expect(twoWay).toMatchObject({ lockLevel: 'two_way', next: { step: 'terminated', at: at(-HOUR + 35 * DAY) } });
    expect(twoWay?.mustDo.map((m) => m.code)).toEqual(['requirement.mismatch', 'roadmap.terminated']);
    expect(twoWay?.mustDo[1]?.message).toBe(
      'Thuê bao đang bị khóa hai chiều: chủ thuê bao mang CCCD đến cửa hàng nhà mạng hoặc điểm xác thực trước 14/06/2026 09:00 để xác thực trực tiếp và mở khóa; quá hạn, hợp đồng bị chấm dứt, thu hồi số.',
    );
  });
});
