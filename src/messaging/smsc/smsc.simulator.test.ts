import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../reference/index.ts';
import { STATUS } from '../smpp/pdu.ts';
import { encodeSms, encodeText } from '../smpp/short-message.ts';
import { PhoneClient } from '../phone/phone.client.ts';
import { memoryLog, RawPeer, rawPdu } from '../sms.testing.ts';
import { PHONES_SYSTEM_ID, startSmscSimulator, type SmscSimulator } from './smsc.simulator.ts';

const GENERIC_NACK = 0x80000000;
const BIND_TRANSCEIVER = 0x00000009;
const BIND_TRANSCEIVER_RESP = 0x80000009;

describe('SMSC simulator answers raw SMPP as SMPP 3.4 requires', () => {
  const log = memoryLog();
  let simulator: SmscSimulator;
  beforeAll(async () => {
    simulator = await startSmscSimulator({
      reference: loadReferenceData(),
      carrierPasswords: { viettel: 'vt-pass' },
      phonesPassword: 'ph-pass',
      log: log.log,
    });
  });
  afterAll(async () => simulator.stop());

  /** A connection bound as `phones`. */
  async function boundPhone(): Promise<RawPeer> {
    const peer = await RawPeer.connect(simulator.port);
    const resp = await peer.call('bind_transceiver', { system_id: PHONES_SYSTEM_ID, password: 'ph-pass' });
    expect(resp.command_status).toBe(STATUS.OK);
    return peer;
  }

  it('refuses a wrong password (ESME_RINVPASWD) and an unknown system_id (ESME_RINVSYSID), then binds', async () => {
    const peer = await RawPeer.connect(simulator.port);
    const wrong = await peer.call('bind_transceiver', { system_id: 'viettel', password: 'nope' });
    expect(wrong).toMatchObject({ command_id: BIND_TRANSCEIVER_RESP, command_status: STATUS.RINVPASWD });
    const unknown = await peer.call('bind_transceiver', { system_id: 'nobody', password: 'x' });
    expect(unknown).toMatchObject({ command_id: BIND_TRANSCEIVER_RESP, command_status: STATUS.RINVSYSID });
    const good = await peer.call('bind_transceiver', { system_id: 'viettel', password: 'vt-pass' });
    expect(good).toMatchObject({ command_id: BIND_TRANSCEIVER_RESP, command_status: STATUS.OK });
    peer.close();
    expect(log.text()).toContain('sai mật khẩu');
  });

  it('answers a request before bind with ESME_RINVBNDSTS', async () => {
    const peer = await RawPeer.connect(simulator.port);
    const resp = await peer.call('submit_sm', { source_addr: '0912345678', destination_addr: '1414', short_message: Buffer.from('TTTB') });
    expect(resp).toMatchObject({ command: 'submit_sm_resp', command_status: STATUS.RINVBNDSTS });
    peer.close();
  });

  it('answers an unknown command with generic_nack ESME_RINVCMDID and keeps the session', async () => {
    const peer = await boundPhone();
    peer.write(rawPdu(0x00000099, Buffer.alloc(0), 16, 42));
    expect(await peer.next()).toMatchObject({ command_id: GENERIC_NACK, command_status: STATUS.RINVCMDID, sequence_number: 42 });
    expect(await peer.call('enquire_link')).toMatchObject({ command: 'enquire_link_resp', command_status: STATUS.OK });
    peer.close();
  });

  it('refuses a short_message over 160 septets with ESME_RINVMSGLEN; the next message is taken', async () => {
    const peer = await boundPhone();
    const long = await peer.call('submit_sm', { source_addr: '0912345678', destination_addr: '1414', short_message: encodeText('x'.repeat(200), 0) });
    expect(long).toMatchObject({ command: 'submit_sm_resp', command_status: STATUS.RINVMSGLEN });
    const ok = await peer.call('submit_sm', { source_addr: '0912345678', destination_addr: '1414', short_message: encodeText('TTTB', 0) });
    expect(ok.command_status).toBe(STATUS.OK);
    expect(ok['message_id']).toMatch(/^[0-9a-f]+$/);
    peer.close();
  });

  it.each([
    ['a command_length under 16', rawPdu(BIND_TRANSCEIVER, Buffer.alloc(0), 8)],
    ['a command_length over 16384', rawPdu(BIND_TRANSCEIVER, Buffer.alloc(0), 100_000)],
    ['a body cut short (system_id without its NULL)', rawPdu(BIND_TRANSCEIVER, Buffer.from('abcd'))],
    ['garbage bytes', Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')],
  ])('answers %s with generic_nack ESME_RINVCMDLEN and closes; the simulator stays up', async (_what, bytes) => {
    const peer = await RawPeer.connect(simulator.port);
    peer.write(bytes);
    expect(await peer.next()).toMatchObject({ command_id: GENERIC_NACK, command_status: STATUS.RINVCMDLEN });
    await peer.closed;
    const next = await boundPhone();
    next.close();
    expect(log.text()).toContain('PDU hỏng');
  });

  it('answers enquire_link, and unbind with unbind_resp before closing', async () => {
    const peer = await boundPhone();
    expect(await peer.call('enquire_link')).toMatchObject({ command: 'enquire_link_resp', command_status: STATUS.OK });
    expect(await peer.call('unbind')).toMatchObject({ command: 'unbind_resp', command_status: STATUS.OK });
    await peer.closed;
  });

  it('keeps a phone message until its carrier binds, then delivers it (store and forward)', async () => {
    const phone = await boundPhone();
    expect((await phone.call('submit_sm', { source_addr: '0961234567', destination_addr: '1414', short_message: encodeText('TTTB', 0) })).command_status).toBe(STATUS.OK);
    expect(simulator.stats().waiting.viettel).toBe(1);
    const carrier = await RawPeer.connect(simulator.port);
    carrier.send('bind_transceiver', { system_id: 'viettel', password: 'vt-pass' });
    expect((await carrier.next()).command_status).toBe(STATUS.OK);
    const deliver = await carrier.next();
    expect(deliver).toMatchObject({ command: 'deliver_sm', source_addr: '0961234567', destination_addr: '1414' });
    // The carrier goes away without answering: the message waits for the next bind.
    carrier.close();
    await carrier.closed;
    const again = await RawPeer.connect(simulator.port);
    again.send('bind_transceiver', { system_id: 'viettel', password: 'vt-pass' });
    expect((await again.next()).command_status).toBe(STATUS.OK);
    const redelivered = await again.next();
    expect(redelivered).toMatchObject({ command: 'deliver_sm', source_addr: '0961234567' });
    again.send('deliver_sm_resp', { sequence_number: redelivered.sequence_number });
    await expect.poll(() => simulator.stats().waiting.viettel ?? 0).toBe(0);
    again.close();
    phone.close();
  });

  it("reads a handset's inbox: the latest 20 texts it received, oldest first, with their sender, long ones whole", async () => {
    const carrier = await RawPeer.connect(simulator.port);
    expect((await carrier.call('bind_transceiver', { system_id: 'viettel', password: 'vt-pass' })).command_status).toBe(STATUS.OK);
    const texts = Array.from({ length: 22 }, (_, i) => (i === 21 ? `Ma xac thuc la 4839${i}. ` + 'x'.repeat(200) : `tin ${i}`));
    for (const text of texts) {
      for (const part of encodeSms(text, 5).shortMessages) {
        const resp = await carrier.call('submit_sm', { source_addr: '1414', destination_addr: '0961239999', esm_class: encodeSms(text, 5).esmClass, short_message: part });
        expect(resp.command_status).toBe(STATUS.OK);
      }
    }
    const inbox = await PhoneClient.readInbox({ host: '127.0.0.1', port: simulator.port, password: 'ph-pass' }, '0961239999');
    expect(inbox).toEqual(texts.slice(2).map((text) => ({ from: '1414', text })));
    expect(await PhoneClient.readInbox({ host: '127.0.0.1', port: simulator.port, password: 'ph-pass' }, '0961230000')).toEqual([]);
    await expect(PhoneClient.readInbox({ host: '127.0.0.1', port: simulator.port, password: 'wrong' }, '0961239999')).rejects.toMatchObject({ code: 'SMSC_BIND_REFUSED' });
    carrier.close();
  });
});
