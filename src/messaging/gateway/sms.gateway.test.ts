import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../db/testing.ts';
import { startSmsLoop, type SmsLoop } from '../sms.testing.ts';

const LONG_REPLY = 'Thong tin thue bao: ' + 'x'.repeat(200);

describeEachDatabase('SMS gateway over SMPP (simulator ↔ link ↔ phone)', ({ db }) => {
  let loop: SmsLoop;
  beforeAll(async () => {
    loop = await startSmsLoop(db(), {
      handler: (_trx, sms) => Promise.resolve({ text: sms.text === 'LONG' ? LONG_REPLY : `OK ${sms.text}`, subscriberId: null }),
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
});

