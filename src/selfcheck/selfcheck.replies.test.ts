import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeSms } from '../domain/index.ts';
import {
  fitsInReply,
  helpAnswer,
  linesAnswer,
  notHeldAnswer,
  notRegisteredAnswer,
  ownerAnswer,
  reportedAnswer,
  type ReplySettings,
  type SelfCheckAnswer,
  type SelfCheckLine,
} from './selfcheck.replies.ts';
import { DEFAULT_SELFCHECK_SETTINGS } from './selfcheck.settings.ts';

const NOW = new Date('2026-05-10T03:00:00.000Z'); // 10:00 in Vietnam
const SETTINGS: ReplySettings = DEFAULT_SELFCHECK_SETTINGS;

function line(extra: Partial<SelfCheckLine> = {}): SelfCheckLine {
  return {
    id: 1,
    msisdn: '0961234578',
    carrier: 'viettel',
    document_type: 'personal_id',
    document_number: '089095012345',
    full_name: 'Nguyễn Thị Thanh Hương',
    birth_date: '1995-03-02',
    birth_precision: 'day',
    commune_code: '30292',
    verification_state: 'unverified',
    verified_at: null,
    lock_level: 'none',
    lock_reason: null,
    locked_at: null,
    verification_required_since: null,
    verification_required_reason: null,
    lock_state: 'confirmed',
    ...extra,
  };
}

/** Every reply: GSM-7, at most 2 parts, no phone number in clear. */
function expectSendable(answer: SelfCheckAnswer) {
  const size = analyzeSms(answer.text);
  expect(size.encoding).toBe('gsm7');
  expect(size.parts).toBeLessThanOrEqual(2);
  expect(JSON.stringify(answer)).not.toContain('0961234578');
}

describe('self-check replies', () => {
  it('shows an unverified line’s owner, the document number in full (the wrong digit is what the person looks for), and where to verify', () => {
    const answer = ownerAnswer(line(), SETTINGS, NOW);
    expectSendable(answer);
    expect(answer.text).toBe(
      'TB 09******78: Nguyen Thi Thanh Huong, sinh 02/03/1995, CCCD 089095012345. Chua xac thuc: xac thuc qua ' +
        'VNeID muc 2, ung dung nha mang, cua hang hoac diem xac thuc tai xa; tai quay mang CCCD gan chip. Neu thong tin sai, nhan TTTB SAI gui 1414.',
    );
    expect(answer).toMatchObject({
      kind: 'owner',
      msisdn: '09******78',
      owner: { fullName: 'Nguyễn Thị Thanh Hương', birthDate: '02/03/1995', documentType: 'personal_id', documentNumber: '089095012345' },
      status: { verification: 'unverified', lock: 'none', nextStep: null },
    });
  });

  it('masks the document number where the deployment asks for it', () => {
    const masked = { ...SETTINGS, maskDocument: true };
    const owner = ownerAnswer(line(), masked, NOW);
    expect(owner.text).toContain('CCCD 089*******45.');
    expect(owner.owner?.documentNumber).toBe('089*******45');
    expect(linesAnswer(line(), ['0961234578'], masked).text).toMatch(/^CCCD 089\*{7}45 co 1 TB/);
    expect(JSON.stringify([owner, linesAnswer(line(), ['0961234578'], masked)])).not.toContain('089095012345');
  });

  it('gives the one-way lock deadline of a line whose verification is required', () => {
    const answer = ownerAnswer(line({ verification_required_since: '2026-05-10T02:30:00.000Z', verification_required_reason: 'mismatch' }), SETTINGS, NOW);
    expectSendable(answer);
    expect(answer.text).toContain('Thong tin chua khop CSDL dan cu: xac thuc qua VNeID muc 2, ung dung nha mang, cua hang hoac diem xac thuc tai xa truoc 10/05/2026 11:30, neu khong se bi khoa goi di');
    expect(answer.status?.nextStep).toEqual({ step: 'one_way', dueAt: '2026-05-10T04:30:00.000Z' });
  });

  it('says “ngay” when the deadline has passed but the lock is not applied yet', () => {
    const answer = ownerAnswer(line({ verification_required_since: '2026-05-09T00:00:00.000Z', verification_required_reason: 'device_change' }), SETTINGS, NOW);
    expect(answer.text).toContain('TB doi may, can xac thuc lai khuon mat: xac thuc qua VNeID muc 2, ung dung nha mang, cua hang hoac diem xac thuc tai xa ngay');
  });

  it('gives the two-way deadline of a one-way locked line', () => {
    const locked = line({ lock_level: 'one_way', lock_reason: 'campaign_mismatch', locked_at: '2026-05-01T03:00:00.000Z', verification_required_since: '2026-05-01T01:00:00.000Z' });
    const answer = ownerAnswer(locked, SETTINGS, NOW);
    expectSendable(answer);
    expect(answer.text).toContain('TB dang bi khoa goi di. Xac thuc qua VNeID muc 2, ung dung nha mang, cua hang hoac diem xac thuc tai xa truoc 31/05/2026 10:00 de mo khoa');
    expect(answer.status?.nextStep).toEqual({ step: 'two_way', dueAt: '2026-05-31T03:00:00.000Z' });
  });

  it('says a lock the carrier has not confirmed yet is coming, not in force, and an unlock likewise', () => {
    const ordered = ownerAnswer(line({ lock_level: 'one_way', lock_state: 'ordered', lock_reason: 'campaign_mismatch', locked_at: '2026-05-10T02:00:00.000Z', verification_required_since: '2026-05-10T00:00:00.000Z' }), SETTINGS, NOW);
    expectSendable(ordered);
    expect(ordered.text).toContain('TB sap bi khoa goi di (nha mang dang thuc hien lenh). Xac thuc qua');
    expect(ordered.text).not.toContain('dang bi khoa');
    expect(ordered.status).toMatchObject({ lock: 'one_way', lockState: 'ordered' });
    const twoWay = ownerAnswer(line({ lock_level: 'two_way', lock_state: 'ordered', lock_reason: 'campaign_mismatch', locked_at: '2026-05-10T02:00:00.000Z' }), SETTINGS, NOW);
    expectSendable(twoWay);
    expect(twoWay.text).toContain('TB sap bi khoa 2 chieu (nha mang dang thuc hien lenh).');
    const unlocking = ownerAnswer(line({ verification_state: 'verified', verified_at: '2026-05-10T02:50:00.000Z', lock_state: 'ordered' }), SETTINGS, NOW);
    expectSendable(unlocking);
    expect(unlocking.text).toContain('Da xac thuc ngay 10/05/2026. Nha mang dang mo khoa.');
  });

  it('sends a two-way locked line to the store with its card before termination', () => {
    const locked = line({ lock_level: 'two_way', lock_reason: 'campaign_mismatch', locked_at: '2026-05-08T03:00:00.000Z' });
    const answer = ownerAnswer(locked, SETTINGS, NOW);
    expectSendable(answer);
    expect(answer.text).toContain('TB dang bi khoa 2 chieu. Den cua hang nha mang (mang CCCD gan chip) xac thuc truoc 13/05/2026 10:00 de mo khoa');
  });

  it('says a terminated line is over, and a lock of another reason is not the campaign’s', () => {
    const terminated = ownerAnswer(line({ lock_level: 'terminated', lock_reason: 'campaign_mismatch', locked_at: '2026-05-01T03:00:00.000Z' }), SETTINGS, NOW);
    expectSendable(terminated);
    expect(terminated.text).toContain('Hop dong da cham dut, so da thu hoi.');
    expect(terminated.status?.nextStep).toBeNull();
    const fraud = ownerAnswer(line({ lock_level: 'one_way', lock_reason: 'fraud', locked_at: '2026-05-01T03:00:00.000Z' }), SETTINGS, NOW);
    expect(fraud.text).toContain('khong do xac thuc thong tin');
  });

  it('shows when a verified line was verified and how to report wrong information', () => {
    const answer = ownerAnswer(line({ verification_state: 'verified', verified_at: '2026-05-02T18:00:00.000Z' }), SETTINGS, NOW);
    expectSendable(answer);
    expect(answer.text).toContain('Da xac thuc ngay 03/05/2026. Neu thong tin sai, nhan TTTB SAI gui 1414.');
  });

  it('tells a pending line to wait, a cmnd9 holder to update, a foreigner to come in person with the passport', () => {
    expect(ownerAnswer(line({ verification_state: 'pending' }), SETTINGS, NOW).text).toContain('Dang cho ket qua xac thuc.');
    const cmnd = ownerAnswer(line({ document_type: 'cmnd9', document_number: '351234567', birth_date: '1960', birth_precision: 'year' }), SETTINGS, NOW);
    expectSendable(cmnd);
    expect(cmnd.text).toContain('sinh 1960, CMND 351234567. CMND 9 so da het gia tri: cap nhat so dinh danh 12 so');
    const foreigner = ownerAnswer(line({ document_type: 'passport', document_number: 'B12345678', full_name: 'Kim Min Jun' }), SETTINGS, NOW);
    expectSendable(foreigner);
    expect(foreigner.text).toContain('ho chieu B12345678. Chua xac thuc: xac thuc qua cua hang nha mang; tai quay mang ho chieu.');
  });

  it('cuts an extreme name rather than exceed two parts', () => {
    const answer = ownerAnswer(line({ full_name: 'Tôn Nữ '.repeat(40).trim(), verification_required_since: '2026-05-10T02:30:00.000Z' }), SETTINGS, NOW);
    expectSendable(answer);
    expect(answer.text.endsWith('...')).toBe(true);
  });

  it('lists the lines under the document, masked, and says how many more did not fit', () => {
    const few = linesAnswer(line(), ['0961234578', '0971112233'], SETTINGS);
    expectSendable(few);
    expect(few.text).toBe('CCCD 089095012345 co 2 TB tai Viettel: 09******78, 09******33. So nao khong phai cua ban: den cua hang nha mang de xu ly.');
    const many = Array.from({ length: 40 }, (_, i) => `09${String(60_000_000 + i).padStart(8, '0')}`);
    const answer = linesAnswer(line(), many, SETTINGS);
    expectSendable(answer);
    expect(answer.lines?.total).toBe(40);
    const shown = answer.lines?.shown.length ?? 0;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(40);
    expect(answer.text).toContain(`va ${40 - shown} so khac`);
    expect(fitsInReply(linesAnswer(line(), many.slice(0, shown + 1), SETTINGS).text.replace(/ va \d+ so khac/, ''))).toBe(true);
  });

  it('shows full numbers only when unmask is set', () => {
    const answer = linesAnswer(line(), ['0961234578'], { ...SETTINGS, unmask: true });
    expect(answer.text).toContain('0961234578');
    expect(linesAnswer(line(), ['0961234578'], SETTINGS).text).not.toContain('0961234578');
  });

  it('answers a document the line does not hold without a word about that document', () => {
    const answer = notHeldAnswer(line(), SETTINGS);
    expectSendable(answer);
    expect(answer).toEqual({ kind: 'not_held', msisdn: '09******78', text: expect.stringContaining('khong khop dang ky cua TB 09******78') as string });
    expect(notHeldAnswer(line({ document_type: 'cmnd9', document_number: '351234567' }), SETTINGS).text).toContain('TB nay dang ky bang CMND 9 so.');
  });

  it('answers a number outside the registry, a report and anything else', () => {
    for (const answer of [
      notRegisteredAnswer('0961234578', SETTINGS),
      helpAnswer('0961234578', SETTINGS),
      reportedAnswer(line({ verification_required_since: NOW.toISOString(), verification_required_reason: 'mismatch' }), SETTINGS, NOW),
      reportedAnswer(line({ verification_state: 'verified', verified_at: '2026-05-01T00:00:00.000Z' }), SETTINGS, NOW),
    ]) {
      expectSendable(answer);
    }
    expect(helpAnswer('0961234578', SETTINGS).text).toBe(
      'Tra cuu thong tin thue bao, nhan gui 1414: TTTB (chu thue bao), TTTB <so CCCD> (cac so dang ky bang giay to do), TTTB SAI (bao thong tin sai).',
    );
    expect(reportedAnswer(line({ verification_required_since: NOW.toISOString() }), SETTINGS, NOW).text).toContain(
      'Da ghi nhan thong tin TB 09******78 chua dung. Thong tin chua khop CSDL dan cu: xac thuc qua VNeID muc 2, ung dung nha mang, cua hang hoac diem xac thuc tai xa truoc 10/05/2026 12:00',
    );
  });
});

describe('self-check replies, for any line', () => {
  const instant = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
  const anyLine = fc.record({
    full_name: fc.string({ unit: 'grapheme', maxLength: 120 }),
    document_type: fc.constantFrom('personal_id' as const, 'cmnd9' as const, 'passport' as const),
    verification_state: fc.constantFrom('unverified' as const, 'pending' as const, 'verified' as const),
    verified_at: fc.option(instant),
    lock_level: fc.constantFrom('none' as const, 'one_way' as const, 'two_way' as const, 'terminated' as const),
    lock_reason: fc.constantFrom(null, 'campaign_mismatch', 'campaign_device_change', 'fraud'),
    locked_at: fc.option(instant),
    verification_required_since: fc.option(instant),
    verification_required_reason: fc.constantFrom(null, 'mismatch' as const, 'device_change' as const),
    birth_date: fc.constantFrom('1990-01-02', '1960-05', '1950', 'garbage'),
  });

  it('is GSM-7 in at most two parts, never shows a number in clear, nor the document when masked', () => {
    fc.assert(
      fc.property(anyLine, fc.array(fc.stringMatching(/^09\d{8}$/), { maxLength: 200 }), fc.boolean(), (extra, others, maskDocument) => {
        const subject = line(extra);
        const settings = { ...SETTINGS, maskDocument };
        for (const answer of [
          ownerAnswer(subject, settings, NOW),
          reportedAnswer(subject, settings, NOW),
          notHeldAnswer(subject, settings),
          linesAnswer(subject, others, settings),
        ]) {
          expect(fitsInReply(answer.text)).toBe(true);
          const secrets = [subject.msisdn, ...others, ...(maskDocument ? [subject.document_number] : [])];
          for (const secret of secrets) expect(answer.text).not.toContain(secret);
        }
      }),
    );
  });
});
