import { beforeAll, expect, it } from 'vitest';
import type { Database } from '../db/open.ts';
import type { NewSubscriber } from '../db/schema.ts';
import { describeEachDatabase } from '../db/testing.ts';
import type { InboundSms } from '../messaging/inbound.ts';
import { seedReferenceData } from '../registry/index.ts';
import { testLine } from '../registry/subscriber.testing.ts';
import { countSelfCheckRecords, createSelfCheckSmsHandler } from './index.ts';

const NOW = new Date('2026-05-10T18:30:00.000Z'); // 01:30 on 11/05 in Vietnam
const DOC = '089095011111';
const OTHER_DOC = '089095022222';
const UNKNOWN_DOC = '089095099999';

async function insert(db: Database, extra: Partial<NewSubscriber>): Promise<number> {
  const row = await db.kysely.insertInto('subscribers').values(testLine(extra)).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

describeEachDatabase('self-check by SMS', ({ db }) => {
  const handler = createSelfCheckSmsHandler({ now: () => NOW });
  let nextId = 0;
  /** Stores nothing: the handler only needs the message fields and a transaction. */
  const send = async (from: string, text: string, carrier: InboundSms['carrier'] = 'viettel') => {
    const [reply] = await db().kysely.transaction().execute((trx) =>
      handler(trx, [{ id: (nextId += 1), carrier, from, to: '1414', text, receivedAt: NOW.toISOString() }]),
    );
    if (!reply) throw new Error('no reply');
    return reply;
  };
  let holder: number;
  const selfCheckCount = async () =>
    Number((await db().kysely.selectFrom('self_checks').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  beforeAll(async () => {
    await seedReferenceData(db());
    holder = await insert(db(), { msisdn: '0961111101', document_number: DOC, commune_code: '30292' });
    await insert(db(), { msisdn: '0961111102', document_number: DOC });
    await insert(db(), { msisdn: '0911111103', document_number: DOC, carrier: 'vinaphone' });
    await insert(db(), { msisdn: '0961111104', document_number: DOC, lock_level: 'terminated' });
    await insert(db(), { msisdn: '0961111105', document_number: OTHER_DOC, commune_code: '30301' });
    await insert(db(), { msisdn: '0961111106', document_type: 'cmnd9', document_number: '351234567' });
  });

  it('answers TTTB with the owner of the sending line, the number masked and the document in full, and records it', async () => {
    const reply = await send('0961111101', 'tttb');
    expect(reply.subscriberId).toBe(holder);
    expect(reply.text).toMatch(/^TB 09\*{6}01: Nguyen Van An, sinh 02\/03\/1995, CCCD 089095011111\. Chua xac thuc/);
    const record = await db().kysely.selectFrom('self_checks').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(record).toMatchObject({
      channel: 'sms',
      msisdn: '0961111101',
      carrier: 'viettel',
      request_kind: 'owner',
      outcome: 'shown',
      commune_code: '30292',
      day: '2026-05-11',
      detail: null,
    });
    expect(Number(record.subscriber_id)).toBe(holder);
  });

  it('lists the live lines under the sender’s own document at its carrier only', async () => {
    const reply = await send('0961111101', `TTTB ${DOC.slice(0, 6)}.${DOC.slice(6)}`);
    expect(reply.text).toBe('CCCD 089095011111 co 2 TB tai Viettel: 09******01, 09******02. So nao khong phai cua ban: den cua hang nha mang de xu ly.');
  });

  it('answers a document the sender does not hold exactly as an unknown one', async () => {
    const held = await send('0961111101', `TTTB ${OTHER_DOC}`);
    const unknown = await send('0961111101', `TTTB ${UNKNOWN_DOC}`);
    expect(held).toEqual(unknown);
    expect(held.text).toContain('khong khop dang ky cua TB 09******01');
    const outcomes = await db().kysely.selectFrom('self_checks').select(['request_kind', 'outcome']).orderBy('id', 'desc').limit(2).execute();
    expect(outcomes).toEqual([
      { request_kind: 'lines', outcome: 'not_held' },
      { request_kind: 'lines', outcome: 'not_held' },
    ]);
  });

  it('lets a CMND 9 holder list by the 9-digit number, and hints at it for the 12-digit one', async () => {
    expect((await send('0961111106', 'TTTB 351 234 567')).text).toContain('CMND 351234567 co 1 TB tai Viettel: 09******06.');
    expect((await send('0961111106', `TTTB ${UNKNOWN_DOC}`)).text).toContain('TB nay dang ky bang CMND 9 so.');
  });

  it('answers a number outside the registry and a message that is no request', async () => {
    const stranger = await send('0381234567', 'TTTB');
    expect(stranger).toMatchObject({ subscriberId: null, text: expect.stringContaining('So 03******67 chua co thong tin dang ky') as string });
    const help = await send('0961111101', 'xin chao');
    expect(help.text).toContain('TTTB SAI (bao thong tin sai)');
    const records = await db().kysely.selectFrom('self_checks').select(['msisdn', 'carrier', 'outcome', 'subscriber_id']).orderBy('id', 'desc').limit(2).execute();
    expect(records.map((r) => ({ ...r, subscriber_id: r.subscriber_id === null ? null : Number(r.subscriber_id) }))).toEqual([
      { msisdn: '0961111101', carrier: 'viettel', outcome: 'help', subscriber_id: holder },
      { msisdn: '0381234567', carrier: 'viettel', outcome: 'not_registered', subscriber_id: null },
    ]);
  });

  it('puts a line reported by TTTB SAI into target group 3 and starts its roadmap, with the deadline in the reply', async () => {
    const reply = await send('0961111105', 'TTTB sai');
    expect(reply.text).toContain('Da ghi nhan thong tin TB 09******05 chua dung. Thong tin chua khop CSDL dan cu: xac thuc qua');
    expect(reply.text).toContain('truoc 11/05/2026 03:30, neu khong se bi khoa goi di');
    const membership = await db().kysely.selectFrom('target_memberships').selectAll().where('subscriber_id', '=', reply.subscriberId ?? 0).executeTakeFirstOrThrow();
    expect(membership).toMatchObject({ target_group: 'mismatch', source: 'selfcheck', detail: 'unspecified', since: NOW.toISOString() });
    const line = await db().kysely.selectFrom('subscribers').selectAll().where('id', '=', reply.subscriberId ?? 0).executeTakeFirstOrThrow();
    expect(line).toMatchObject({ verification_required_since: NOW.toISOString(), verification_required_reason: 'mismatch' });
    const events = await db().kysely.selectFrom('subscriber_events').select(['kind', 'actor']).where('subscriber_id', '=', reply.subscriberId ?? 0).execute();
    expect(events).toEqual([{ kind: 'verification_required', actor: 'selfcheck:sms' }]);
    // A second report changes nothing but is recorded.
    expect((await send('0961111105', 'TTTB SAI')).text).toBe(reply.text);
  });

  it('answers a batch in order with one read of the senders, and a report in it shows in the later answers', async () => {
    const batch = [
      ['0961111106', 'TTTB'],
      ['0399999998', 'TTTB'],
      ['0961111106', 'TTTB SAI'],
      ['0961111106', 'TTTB'],
      ['0961111101', `TTTB ${DOC}`],
      ['0911111103', `TTTB ${DOC}`],
    ].map(([from, text]) => ({ id: (nextId += 1), carrier: 'viettel' as const, from: from as string, to: '1414', text: text as string, receivedAt: NOW.toISOString() }));
    const before = await selfCheckCount();
    const replies = await db().kysely.transaction().execute((trx) => handler(trx, batch));
    expect(replies.map((r) => r.text.slice(0, 14))).toEqual(['TB 09******06:', 'So 03******98 ', 'Da ghi nhan th', 'TB 09******06:', 'CCCD 089095011', 'CCCD 089095011']);
    // The lines under a held document, read for the whole batch at once: each at its sender's carrier.
    expect(replies[4]?.text).toBe('CCCD 089095011111 co 2 TB tai Viettel: 09******01, 09******02. So nao khong phai cua ban: den cua hang nha mang de xu ly.');
    expect(replies[5]?.text).toMatch(/^CCCD 089095011111 co 1 TB tai VinaPhone: 09\*{6}03\./);
    // The first answer has no deadline; after the report in the same batch, the last one has.
    expect(replies[0]?.text).not.toContain('truoc');
    expect(replies[3]?.text).toContain('truoc 11/05/2026 03:30');
    expect((await selfCheckCount()) - before).toBe(6);
  });

  it('counts self-checks per commune, carrier and Vietnam day', async () => {
    const byCommune = await countSelfCheckRecords(db(), { by: ['commune', 'carrier', 'day'] });
    expect(byCommune).toContainEqual({ communeCode: '30301', communeName: expect.any(String) as string, carrier: 'viettel', day: '2026-05-11', checks: 2, reports: 2, lines: 1 });
    expect(await countSelfCheckRecords(db(), { by: [] })).toEqual([{ checks: 16, reports: 3, lines: 6 }]);
    expect(await countSelfCheckRecords(db(), { by: ['day'], fromDay: '2026-05-12' })).toEqual([]);
  });
});
