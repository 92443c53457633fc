import { afterAll, beforeAll, expect, it } from 'vitest';
import { CARRIERS } from '../../domain/index.ts';
import { describeEachDatabase } from '../../db/testing.ts';
import { startSmsLoop, type SmsLoop } from '../sms.testing.ts';

const LONG_REPLY = 'Thong tin thue bao: ' + 'x'.repeat(200);

describeEachDatabase('SMS gateway over SMPP (simulator ↔ link ↔ phone)', ({ db }) => {
  let loop: SmsLoop;
  /** A slow handler keeps deliver_sm unanswered long enough to be cut in the middle. */
  let handlerDelayMs = 0;
  /** How many more times the handler fails a batch holding the text `BOOM`. */
  let boomFailures = 0;
  beforeAll(async () => {
    loop = await startSmsLoop(db(), {
      simulator: { retryDelayMs: 200 },
      handler: async (_trx, batch) => {
        if (boomFailures > 0 && batch.some((sms) => sms.text === 'BOOM')) {
          boomFailures -= 1;
          throw new Error('the handler failed');
        }
        // Per message, so a batch keeps its deliver_sm unanswered as long as one by one would.
        if (handlerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, handlerDelayMs * batch.length));
        return batch.map((sms) => ({ text: sms.text === 'LONG' ? LONG_REPLY : `OK ${sms.text}`, subscriberId: null }));
      },
    });
    await loop.bound();
  });
  afterAll(async () => loop.stop());

  it('answers a phone: stored, replied, the reply sent and recorded with its SMSC id and receipt', async () => {
    const reply = await loop.phone.send('0912345678', '1414', 'TTTB', { timeoutMs: 5_000 });
    expect(reply).toBe('OK TTTB');
    const inbound = await db().kysely.selectFrom('sms_inbound').selectAll().where('source_addr', '=', '0912345678').execute();
    expect(inbound).toHaveLength(1);
    expect(inbound[0]).toMatchObject({ carrier: 'vinaphone', destination_addr: '1414', text: 'TTTB' });
    const notice = await db().kysely.selectFrom('notices').selectAll().where('id', '=', inbound[0]?.reply_notice_id ?? -1).executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ kind: 'selfcheck.reply', carrier: 'vinaphone', sender: '1414', msisdn: '0912345678', text: 'OK TTTB' });
    expect(notice.idempotency_key).toBe(`sms_inbound:${inbound[0]?.id}`);
    await expect.poll(async () => (await db().kysely.selectFrom('notices').selectAll().where('id', '=', notice.id).executeTakeFirstOrThrow()).delivery_status).toBe('DELIVRD');
    const sent = await db().kysely.selectFrom('notices').selectAll().where('id', '=', notice.id).executeTakeFirstOrThrow();
    expect(sent).toMatchObject({ status: 'sent', submit_attempts: 1 });
    expect(sent.smsc_message_id).toMatch(/^[0-9a-f]+$/);
    expect(sent.delivered_at).not.toBeNull();
    expect(loop.simulator.received('0912345678')).toEqual(['OK TTTB']); // counted before the receipt went out
  });

  it('sends a long reply in two concatenated parts that arrive whole', async () => {
    const reply = await loop.phone.exchange('0987654321', '1414', 'LONG', { timeoutMs: 5_000 });
    expect(reply).toEqual({ text: LONG_REPLY, parts: 2 });
    await expect.poll(() => loop.simulator.received('0987654321')).toEqual([LONG_REPLY]);
  });

  it('sends a one-time code (the handset gets it) and blanks it out of the outbox once the SMSC has it', async () => {
    const handset = loop.phone.receive('0931112222', { timeoutMs: 5_000 });
    const now = new Date().toISOString();
    const { id } = await db()
      .kysely.insertInto('notices')
      .values({ subscriber_id: null, msisdn: '0931112222', kind: 'otp', idempotency_key: 'test-otp-1', text: 'TTTB: Ma xac thuc la 483920, hieu luc 5 phut.', created_at: now, not_before: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    loop.gateway.kick();
    expect(await handset).toEqual({ text: 'TTTB: Ma xac thuc la 483920, hieu luc 5 phut.', parts: 1 });
    await expect.poll(() => loop.simulator.received('0931112222')).toEqual(['TTTB: Ma xac thuc la 483920, hieu luc 5 phut.']);
    await expect
      .poll(async () => db().kysely.selectFrom('notices').select(['status', 'text', 'carrier']).where('id', '=', id).executeTakeFirstOrThrow())
      .toEqual({ status: 'sent', text: 'TTTB: Ma xac thuc la ******, hieu luc 5 phut.', carrier: 'mobifone' });
  });

  it('gives every one of 500 phones exactly one reply when the carriers\' links are cut in the middle', async () => {
    const phones = Array.from({ length: 500 }, (_, i) => `0${['91', '96', '90', '92'][i % 4]}${String(2_000_000 + i).padStart(7, '0')}`);
    let answered = 0;
    handlerDelayMs = 1;
    const replies = phones.map((from, i) =>
      loop.phone.send(from, '1414', `TTTB ${i}`, { timeoutMs: 20_000 }).then((reply) => {
        answered += 1;
        return reply;
      }),
    );
    await expect.poll(() => answered, { interval: 1 }).toBeGreaterThan(50);
    expect(answered).toBeLessThan(500);
    await loop.simulator.dropLinks();
    handlerDelayMs = 0;
    expect(await Promise.all(replies)).toEqual(phones.map((_, i) => `OK TTTB ${i}`));
    // The simulator counts a delivery once the phone acknowledged it, just after the phone saw it.
    await expect.poll(() => phones.filter((from) => loop.simulator.received(from).length !== 1)).toEqual([]);

    // Each reply's "sent" is written in the lane turn after the SMSC took it: moments after the phone has it.
    const rows = () => db().kysely.selectFrom('notices').select(['msisdn', 'status', 'submit_attempts']).where('msisdn', 'in', phones).execute();
    expect(await rows()).toHaveLength(500);
    await expect.poll(async () => (await rows()).filter((r) => r.status !== 'sent' || r.submit_attempts !== 1)).toEqual([]);
    const inbound = await db().kysely.selectFrom('sms_inbound').select((eb) => eb.fn.countAll<number>().as('n')).where('source_addr', 'in', phones).executeTakeFirstOrThrow();
    expect(Number(inbound.n)).toBe(500);
    expect(loop.log.text()).toContain('mất kết nối SMSC');
    // Messages stored before the cut whose deliver_sm_resp was lost came again and were only acknowledged.
    expect(loop.log.text()).toContain('gửi lại đã có trả lời');
    await loop.bound();
    expect(phones.filter((from) => loop.simulator.received(from).length !== 1)).toEqual([]);
  });

  it('answers the rest of a batch when one message fails; the failed one comes again from the SMSC and is answered once', async () => {
    boomFailures = 2; // its batch, then the message alone: ESME_RX_T_APPN
    const phones = Array.from({ length: 40 }, (_, i) => `097${String(4_000_000 + i).padStart(7, '0')}`);
    const replies = await Promise.all(phones.map((from, i) => loop.phone.send(from, '1414', i === 20 ? 'BOOM' : `TTTB ${i}`, { timeoutMs: 10_000 })));
    expect(replies).toEqual(phones.map((_, i) => (i === 20 ? 'OK BOOM' : `OK TTTB ${i}`)));
    expect(boomFailures).toBe(0);
    expect(loop.log.text()).toContain('lô tin nhắn đến thất bại');
    expect(loop.log.text()).toContain('ESME_RX_T_APPN');
    const rows = await db().kysely.selectFrom('sms_inbound').select(['source_addr']).where('source_addr', 'in', phones).execute();
    expect(rows).toHaveLength(40);
    await expect.poll(() => phones.filter((from) => loop.simulator.received(from).length !== 1)).toEqual([]);
  });

  it('backs off when the SMSC throttles and still delivers everything', async () => {
    loop.simulator.setThrottle(40);
    const throttledBefore = loop.simulator.stats().throttled;
    const phones = Array.from({ length: 120 }, (_, i) => `098${String(3_000_000 + i).padStart(7, '0')}`);
    const replies = await Promise.all(phones.map((from) => loop.phone.send(from, '1414', 'TTTB', { timeoutMs: 20_000 })));
    loop.simulator.setThrottle(undefined);
    expect(replies.every((r) => r === 'OK TTTB')).toBe(true);
    expect(loop.simulator.stats().throttled).toBeGreaterThan(throttledBefore);
    expect(loop.log.text()).toContain('SMSC yêu cầu gửi chậm lại');
    await expect.poll(() => phones.filter((from) => loop.simulator.received(from).length !== 1)).toEqual([]);
  });

  it('reports each carrier\'s link: bound, in flight, sent, received', async () => {
    await loop.bound();
    const before = loop.gateway.status().viettel;
    const phones = ['0961230001', '0961230002'];
    expect(await Promise.all(phones.map((from) => loop.phone.send(from, '1414', 'TTTB', { timeoutMs: 5_000 })))).toEqual(['OK TTTB', 'OK TTTB']);
    const status = loop.gateway.status();
    expect(Object.keys(status).sort()).toEqual([...CARRIERS].sort());
    expect(Object.values(status).every((link) => link.bound)).toBe(true);
    expect(status.viettel?.received).toBe((before?.received ?? 0) + 2);
    // The phone has the replies: the SMSC took them (its submit_sm_resp went out before the deliver_sm).
    await expect.poll(() => loop.gateway.status().viettel).toMatchObject({ inFlight: 0, sent: (before?.sent ?? 0) + 2, partsHeld: 0 });
  });
});
