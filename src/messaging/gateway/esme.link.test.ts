import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../db/testing.ts';
import { loadReferenceData } from '../../reference/index.ts';
import { STATUS } from '../smpp/pdu.ts';
import { encodeText } from '../smpp/short-message.ts';
import { echoHandler, FakeSmsc, memoryLog, RawPeer, rawPdu } from '../sms.testing.ts';
import { SmsGateway } from './sms.gateway.ts';
import { countInboundByCarrier } from './sms-gateway.repository.ts';
import { EsmeLink } from './esme.link.ts';

const GENERIC_NACK = 0x80000000;
const DELIVER_SM = 0x00000005;

let nextMessageId = 100;

/**
 * The next PDU from the link other than a submit_sm: replies to earlier messages may come first
 * (after a reset they are sent again); they are accepted on the way.
 */
async function nextBesidesSubmits(peer: RawPeer) {
  for (;;) {
    const pdu = await peer.next();
    if (pdu.command !== 'submit_sm') return pdu;
    peer.send('submit_sm_resp', { sequence_number: pdu.sequence_number, message_id: `fake-${nextMessageId++}` });
  }
}

function deliver(from: string, to: string, text: string, extra: Record<string, unknown> = {}) {
  return { source_addr: from, destination_addr: to, data_coding: 0, short_message: encodeText(text, 0), ...extra };
}

describeEachDatabase('the service link (ESME) against an SMSC that misbehaves', ({ db }) => {
  const log = memoryLog();
  const smsc = new FakeSmsc();
  let gateway: SmsGateway;
  let peer: RawPeer;

  beforeAll(async () => {
    await smsc.listen();
    gateway = new SmsGateway({
      db: db(),
      reference: loadReferenceData(),
      shortCode: '1414',
      links: [{ carrier: 'viettel', host: '127.0.0.1', port: smsc.port, systemId: 'tttb-vt', password: 'secret', systemType: '', windowSize: 10 }],
      handler: echoHandler,
      log: log.log,
      pollIntervalMs: 100,
      reconnect: { minMs: 20, maxMs: 100 },
    });
    gateway.start();
    peer = await smsc.accept();
  });
  afterAll(async () => {
    peer?.close();
    await gateway?.stop(500);
    await smsc.close();
  });

  it('takes a message, answers deliver_sm_resp after storing it, submits the reply and records its receipt', async () => {
    const seq = peer.send('deliver_sm', deliver('0961234567', '1414', 'TTTB'));
    expect(await peer.next()).toMatchObject({ command: 'deliver_sm_resp', sequence_number: seq, command_status: STATUS.OK });
    const submit = await peer.next();
    expect(submit).toMatchObject({ command: 'submit_sm', source_addr: '1414', destination_addr: '84961234567', registered_delivery: 1 });
    peer.send('submit_sm_resp', { sequence_number: submit.sequence_number, message_id: 'fake-1' });
    const notice = () => db().kysely.selectFrom('notices').selectAll().where('msisdn', '=', '0961234567').executeTakeFirstOrThrow();
    await expect.poll(async () => (await notice()).status).toBe('sent');
    expect(await notice()).toMatchObject({ smsc_message_id: 'fake-1', carrier: 'viettel', text: 'OK TTTB' });

    const receipt = peer.send('deliver_sm', {
      ...deliver('0961234567', '1414', 'id:fake-1 sub:001 dlvrd:001 submit date:2611272300 done date:2611272301 stat:DELIVRD err:000 text:OK TTTB'),
      esm_class: 0x04,
      receipted_message_id: 'fake-1',
    });
    expect(await peer.next()).toMatchObject({ command: 'deliver_sm_resp', sequence_number: receipt, command_status: STATUS.OK });
    await expect.poll(async () => (await notice()).delivery_status).toBe('DELIVRD');
    expect((await notice()).delivered_at).toBe('2026-11-27T23:01:00.000Z');
  });

  it('answers a person who sends the same text twice on a live link', async () => {
    peer.send('deliver_sm', deliver('0961234567', '1414', 'TTTB'));
    expect(await peer.next()).toMatchObject({ command: 'deliver_sm_resp', command_status: STATUS.OK });
    const submit = await peer.next();
    expect(submit).toMatchObject({ command: 'submit_sm', destination_addr: '84961234567' });
    peer.send('submit_sm_resp', { sequence_number: submit.sequence_number, message_id: 'fake-2' });
    await expect.poll(async () => (await db().kysely.selectFrom('notices').select('id').where('msisdn', '=', '0961234567').execute()).length).toBe(2);
  });

  it('only acknowledges a message the SMSC delivers again on a new connection (its resp was lost with the old one)', async () => {
    peer.close();
    peer = await smsc.accept();
    const seq = peer.send('deliver_sm', deliver('0961234567', '1414', 'TTTB'));
    // Its resp comes after the batch that recognised it is committed: nothing more is to come.
    expect(await nextBesidesSubmits(peer)).toMatchObject({ command: 'deliver_sm_resp', sequence_number: seq, command_status: STATUS.OK });
    const rows = await db().kysely.selectFrom('notices').select('id').where('msisdn', '=', '0961234567').execute();
    expect(rows).toHaveLength(2);
    expect(log.text()).toContain('gửi lại đã có trả lời');
  });

  it('acknowledges the parts of a long message only once it is stored whole; a part cut off with its link comes again', async () => {
    const [first, second] = ['TTTB 0890950', '33333 xin kiem tra giup'];
    /** The gateway holds the part; the link has answered nothing but an enquire_link sent after it. */
    const expectHeldUnanswered = async () => {
      await expect.poll(() => gateway.status().viettel?.partsHeld).toBe(1);
      peer.send('enquire_link');
      expect(await nextBesidesSubmits(peer)).toMatchObject({ command: 'enquire_link_resp' });
    };
    const part = (seq: number, text: string) =>
      deliver('0961112233', '1414', '', { esm_class: 0x40, short_message: Buffer.concat([Buffer.from([5, 0, 3, 77, 2, seq]), encodeText(text, 0)]) });
    peer.send('deliver_sm', part(1, first));
    await expectHeldUnanswered();
    // The link drops before the second part: the SMSC still holds the first and delivers it again.
    peer.close();
    peer = await smsc.accept();
    const again = peer.send('deliver_sm', part(1, first));
    await expectHeldUnanswered();
    const last = peer.send('deliver_sm', part(2, second));
    expect(await nextBesidesSubmits(peer)).toMatchObject({ command: 'deliver_sm_resp', sequence_number: again, command_status: STATUS.OK });
    expect(await nextBesidesSubmits(peer)).toMatchObject({ command: 'deliver_sm_resp', sequence_number: last, command_status: STATUS.OK });
    const stored = await db().kysely.selectFrom('sms_inbound').select('text').where('source_addr', '=', '0961112233').execute();
    expect(stored).toEqual([{ text: first + second }]);
    const reply = await peer.next();
    expect(reply).toMatchObject({ command: 'submit_sm', destination_addr: '84961112233' });
    peer.send('submit_sm_resp', { sequence_number: reply.sequence_number, message_id: 'fake-long' });
  });

  it('stores a message that is not text as unreadable with its length, acknowledges and answers it, counts it, and goes on on the same link', async () => {
    const oddUcs2 = peer.send('deliver_sm', deliver('0962223344', '1414', '', { data_coding: 8, short_message: Buffer.from([0x00, 0x54, 0x00]) }));
    expect(await nextBesidesSubmits(peer)).toMatchObject({ command: 'deliver_sm_resp', sequence_number: oddUcs2, command_status: STATUS.OK });
    const reply = await peer.next();
    expect(reply).toMatchObject({ command: 'submit_sm', destination_addr: '84962223344' });
    peer.send('submit_sm_resp', { sequence_number: reply.sequence_number, message_id: `fake-${nextMessageId++}` });
    const stored = await db().kysely.selectFrom('sms_inbound').select(['state', 'raw_octets', 'text', 'reply_notice_id']).where('source_addr', '=', '0962223344').execute();
    expect(stored).toEqual([{ state: 'unreadable', raw_octets: 3, text: '', reply_notice_id: stored[0]?.reply_notice_id }]);
    expect(stored[0]?.reply_notice_id).not.toBeNull();
    expect(gateway.status().viettel?.unreadable).toBe(1);
    expect((await countInboundByCarrier(db().kysely)).viettel).toMatchObject({ unreadable: 1 });
    expect(log.text()).toContain('không đọc được');

    const next = peer.send('deliver_sm', deliver('0962223344', '1414', 'TTTB'));
    expect(await nextBesidesSubmits(peer)).toMatchObject({ command: 'deliver_sm_resp', sequence_number: next, command_status: STATUS.OK });
    const answer = await peer.next();
    expect(answer).toMatchObject({ command: 'submit_sm', destination_addr: '84962223344' });
    peer.send('submit_sm_resp', { sequence_number: answer.sequence_number, message_id: `fake-${nextMessageId++}` });
  });

  it('refuses a message for another number (ESME_RINVDSTADR) or from an unreadable sender (ESME_RINVSRCADR)', async () => {
    expect(await peer.call('deliver_sm', deliver('0961234567', '9029', 'TTTB'))).toMatchObject({ command: 'deliver_sm_resp', command_status: STATUS.RINVDSTADR });
    expect(await peer.call('deliver_sm', deliver('abc', '1414', 'TTTB'))).toMatchObject({ command: 'deliver_sm_resp', command_status: STATUS.RINVSRCADR });
    expect(log.text()).toContain('ESME_RINVDSTADR');
  });

  it("answers the SMSC's enquire_link, and an unknown command with generic_nack ESME_RINVCMDID without dropping the link", async () => {
    expect(await peer.call('enquire_link')).toMatchObject({ command: 'enquire_link_resp', command_status: STATUS.OK });
    peer.write(rawPdu(0x00000077, Buffer.alloc(0), 16, 99));
    expect(await peer.next()).toMatchObject({ command_id: GENERIC_NACK, command_status: STATUS.RINVCMDID, sequence_number: 99 });
    expect(await peer.call('enquire_link')).toMatchObject({ command: 'enquire_link_resp' });
  });

  it('marks a notice the SMSC refuses for good as failed, with the reason', async () => {
    peer.send('deliver_sm', deliver('0971234567', '1414', 'TTTB'));
    expect((await peer.next()).command).toBe('deliver_sm_resp');
    const submit = await peer.next();
    peer.send('submit_sm_resp', { sequence_number: submit.sequence_number, command_status: STATUS.RINVDSTADR });
    await expect
      .poll(async () => db().kysely.selectFrom('notices').select(['status', 'last_error']).where('msisdn', '=', '0971234567').executeTakeFirst())
      .toEqual({ status: 'failed', last_error: 'ESME_RINVDSTADR (0x0000000B)' });
  });

  it.each([
    ['garbage bytes', Buffer.from('\u0000\u0000\u0000\u0003garbage')],
    ['a deliver_sm cut short', rawPdu(DELIVER_SM, Buffer.from('\u0000\u0001\u00010961'))],
    ['a command_length over 16384', rawPdu(DELIVER_SM, Buffer.alloc(0), 70_000)],
  ])('answers %s with generic_nack ESME_RINVCMDLEN, resets the link and binds again', async (_what, bytes) => {
    peer.write(bytes);
    expect(await nextBesidesSubmits(peer)).toMatchObject({ command_id: GENERIC_NACK, command_status: STATUS.RINVCMDLEN });
    await peer.closed;
    peer = await smsc.accept();
    peer.send('deliver_sm', deliver('0981234567', '1414', `after ${_what}`));
    expect(await nextBesidesSubmits(peer)).toMatchObject({ command: 'deliver_sm_resp', command_status: STATUS.OK });
    expect(log.text()).toContain('PDU hỏng từ SMSC');
  });

  it('resets the link on a generic_nack from the SMSC, and keeps trying when the bind is refused', async () => {
    peer.send('generic_nack', { command_status: STATUS.RSYSERR, sequence_number: 5 });
    await peer.closed;
    const refused = await smsc.accept(STATUS.RINVPASWD);
    await refused.closed;
    peer = await smsc.accept();
    await expect.poll(() => gateway.status().viettel?.bound).toBe(true);
    expect(log.text()).toContain('SMSC từ chối bind');
    expect(log.text()).toContain('generic_nack');
    // The link works again: a message is stored and answered.
    peer.send('deliver_sm', deliver('0991234567', '1414', 'TTTB'));
    expect((await nextBesidesSubmits(peer)).command).toBe('deliver_sm_resp');
    let submit = await peer.next();
    while (submit['destination_addr'] !== '84991234567') {
      peer.send('submit_sm_resp', { sequence_number: submit.sequence_number, message_id: `fake-${nextMessageId++}` });
      submit = await peer.next();
    }
    expect(submit).toMatchObject({ command: 'submit_sm', source_addr: '1414' });
  });
});

describe('an exception while handling what the SMSC sends', () => {
  it('is logged, answered ESME_RX_P_APPN, and neither ends the process nor the link', async () => {
    const smsc = new FakeSmsc();
    await smsc.listen();
    const log = memoryLog();
    let calls = 0;
    const link = new EsmeLink({
      carrier: 'viettel',
      host: '127.0.0.1',
      port: smsc.port,
      systemId: 'tttb-vt',
      password: 'secret',
      systemType: '',
      windowSize: 10,
      log: log.log,
      onBound: () => undefined,
      onDeliver: (_link, _pdu, { respond }) => {
        calls += 1;
        if (calls === 1) throw new RangeError('a bug in the handler');
        respond(STATUS.OK);
      },
    });
    link.start();
    const peer = await smsc.accept();
    try {
      expect(await peer.call('deliver_sm', deliver('0961234567', '1414', 'TTTB'))).toMatchObject({ command: 'deliver_sm_resp', command_status: STATUS.RX_P_APPN });
      expect(await peer.call('deliver_sm', deliver('0961234567', '1414', 'TTTB'))).toMatchObject({ command: 'deliver_sm_resp', command_status: STATUS.OK });
      expect(link.bound).toBe(true);
      expect(log.text()).toContain('a bug in the handler');
    } finally {
      peer.close();
      await link.stop();
      await smsc.close();
    }
  });
});
