/**
 * Acceptance test of the self-check by SMS (issue 4), end to end over real TCP: the service as
 * `startService` assembles it (HTTP, the built-in SMSC simulator, one SMPP link per carrier, the
 * real self-check handler), and a phone client playing handsets through the simulator file, as
 * `tttb sms send` does. Replies are checked for what they mean (who and what they name, masking),
 * not word for word, so rewording a reply does not break this test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config.ts';
import type { NewSubscriber } from '../src/db/schema.ts';
import { analyzeSms, canonicalName, CARRIERS, maskMsisdn } from '../src/domain/index.ts';
import { PHONES_SYSTEM_ID, PhoneClient, readSimulatorFile, REPLY_NOTICE_KIND, type PhoneReply, type SmsService } from '../src/messaging/index.ts';
import { ConcatAssembler, readShortMessage } from '../src/messaging/smpp/short-message.ts';
import { RawPeer } from '../src/messaging/sms.testing.ts';
import { maskDocumentNumber } from '../src/registry/index.ts';
import { testLine } from '../src/registry/subscriber.testing.ts';
import { DEFAULT_ROADMAP_SETTINGS, formatVietnamTime } from '../src/roadmap/index.ts';
import { startService, type RunningService } from '../src/server.ts';
import { freePort } from './free-port.ts';

const SHORT_CODE = '1414';
const HOUR_MS = 3_600_000;

// Person A: two lines at Viettel (one of them one-way locked by the campaign), one at VinaPhone.
const A_DOCUMENT = '089195012345';
const A_NAME = 'Nguyễn Thị Thanh Hương';
const A_PLAIN = '0971112233';
const A_LOCKED = '0861114455';
const A_VINAPHONE = '0911116677';
// Person B: one line at Viettel.
const B_DOCUMENT = '089090054321';
const B_LINE = '0981118899';
const UNREGISTERED = '0931110000';
const UNKNOWN_DOCUMENT = '092188000111';

/**
 * Every reply: GSM-7 (no diacritics), at most two parts, no phone number in clear (the owner's
 * document number is shown in full: the reply goes only to the line itself).
 */
function expectSendable(reply: PhoneReply): void {
  const size = analyzeSms(reply.text);
  expect(size.encoding, reply.text).toBe('gsm7');
  expect(size.parts, reply.text).toBeLessThanOrEqual(2);
  expect(reply.parts).toBeLessThanOrEqual(2);
  expect(reply.text, 'a full phone number in clear').not.toMatch(/(?<!\d)0\d{9}(?!\d)/);
}

/** The masked phone numbers a reply names (`09******78`). */
const maskedNumbers = (text: string) => [...text.matchAll(/\d{2}\*{6}\d{2}/g)].map((m) => m[0]).sort();

// What tells the kinds of replies apart, in one place (lower case, without diacritics).
const MEANS = {
  notRegistered: /chua co thong tin dang ky/i,
  notHeld: /khong khop dang ky/i,
  oneWayLocked: /khoa goi di/i,
};

describe('self-check by SMS over a real SMPP bind (service + SMSC simulator + phone)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-selfcheck-e2e-'));
  let service: RunningService;
  let sms: SmsService;
  let phone: PhoneClient;
  /** Messages the handsets sent to 1414: each must leave exactly one self-check record. */
  let smsSent = 0;
  const ids: Record<string, number> = {};
  const lockedAt = new Date(Date.now() - HOUR_MS);

  /** A handset texts 1414 and gets its reply, checked sendable. */
  async function ask(from: string, text: string): Promise<string> {
    smsSent += 1;
    const reply = await phone.exchange(from, SHORT_CODE, text, { timeoutMs: 10_000 });
    expectSendable(reply);
    return reply.text;
  }

  const db = () => service.db.kysely;
  const allBound = () => Object.values(sms.gateway.status()).every((link) => link.bound);

  /** One insert per row: the rows need not set the same columns. */
  async function insertLines(rows: NewSubscriber[]): Promise<void> {
    await db()
      .transaction()
      .execute(async (trx) => {
        for (const row of rows) {
          const { id, msisdn } = await trx.insertInto('subscribers').values(row).returning(['id', 'msisdn']).executeTakeFirstOrThrow();
          ids[msisdn] = Number(id);
        }
      });
  }

  beforeAll(async () => {
    const config = loadConfig({
      TTTB_DATA_DIR: dataDir,
      TTTB_DATABASE_URL: `file:${path.join(dataDir, 'tttb.db')}`,
      TTTB_HOST: '127.0.0.1',
      TTTB_PORT: String(await freePort()),
      TTTB_SMSC_SIMULATOR_PORT: '0',
      TTTB_ROADMAP_INTERVAL_SECONDS: '0',
      TTTB_RECONCILE_INTERVAL_HOURS: '0',
      TTTB_LOG_LEVEL: 'silent',
    });
    service = await startService(config, { demo: true, skipDemoData: true });
    // The test needs the simulator (to cut the links) and the gateway (to see them come back).
    if (!service.sms.simulator) throw new Error('startService did not start the SMSC simulator');
    sms = service.sms;
    // Where the simulator listens and the phones' password, as `tttb sms send` finds them.
    const file = readSimulatorFile(dataDir);
    if (!file) throw new Error('no smsc-simulator.json in the data directory');
    phone = await PhoneClient.connect({ host: file.host, port: file.port, password: file.phonesPassword });

    const a = { document_number: A_DOCUMENT, full_name: A_NAME, name_key: canonicalName(A_NAME), birth_date: '1995-03-02', sex: 'female' as const };
    await insertLines([
      testLine({ ...a, msisdn: A_PLAIN, carrier: 'viettel' }),
      testLine({
        ...a,
        msisdn: A_LOCKED,
        carrier: 'viettel',
        lock_level: 'one_way',
        lock_reason: 'campaign_mismatch',
        locked_at: lockedAt.toISOString(),
        verification_required_since: new Date(lockedAt.getTime() - 2 * HOUR_MS).toISOString(),
        verification_required_reason: 'mismatch',
      }),
      testLine({ ...a, msisdn: A_VINAPHONE, carrier: 'vinaphone' }),
      testLine({ msisdn: B_LINE, carrier: 'viettel', document_number: B_DOCUMENT, full_name: 'Trần Văn Bình', name_key: canonicalName('Trần Văn Bình') }),
    ]);
    await vi.waitFor(() => expect(allBound()).toBe(true), { timeout: 10_000 });
  });

  afterAll(async () => {
    await phone?.close();
    await service?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('TTTB: the owner of the sending line, unaccented, birth date, the document number in full, state and deadline', async () => {
    const text = await ask(A_LOCKED, 'TTTB');
    expect(text).toContain('Nguyen Thi Thanh Huong');
    expect(text).toContain('02/03/1995');
    expect(text).toContain(`CCCD ${A_DOCUMENT}.`);
    expect(maskedNumbers(text)).toEqual([maskMsisdn(A_LOCKED)]);
    expect(text).toMatch(MEANS.oneWayLocked);
    // The next step of a one-way locked line: the two-way lock, by its roadmap deadline.
    expect(text).toContain(formatVietnamTime(new Date(lockedAt.getTime() + DEFAULT_ROADMAP_SETTINGS.twoWayLockAfterMs)));
  });

  it('TTTB <own document> however it is typed: the lines of A at the sender\'s carrier, masked, not the other carrier\'s', async () => {
    const typed = [
      `TTTB ${A_DOCUMENT}`,
      `tttb  089.195.012.345`,
      `Tttb 089-195-012-345`,
      `TTTB${A_DOCUMENT}`,
      'TTTB ０８９１９５０１２３４５',
      `tttb cccd ${A_DOCUMENT}`,
    ];
    const replies: string[] = [];
    for (const text of typed) replies.push(await ask(A_PLAIN, text));
    expect(new Set(replies).size, replies.join('\n')).toBe(1);
    const [reply = ''] = replies;
    expect(maskedNumbers(reply)).toEqual([maskMsisdn(A_LOCKED), maskMsisdn(A_PLAIN)].sort());
    expect(reply).not.toContain(maskMsisdn(A_VINAPHONE));
    expect(reply).toContain(`CCCD ${A_DOCUMENT} `);
    expect(reply).not.toContain('Nguyen Thi'); // the lines, not the owner
  });

  it('TTTB <someone else\'s document> answers exactly as an unknown document: nothing to enumerate', async () => {
    const ofB = await ask(A_PLAIN, `TTTB ${B_DOCUMENT}`);
    const unknown = await ask(A_PLAIN, `TTTB ${UNKNOWN_DOCUMENT}`);
    expect(ofB).toBe(unknown);
    expect(ofB).toMatch(MEANS.notHeld);
    expect(maskedNumbers(ofB)).toEqual([maskMsisdn(A_PLAIN)]);
    expect(ofB).not.toContain(maskMsisdn(B_LINE));
    expect(ofB).not.toContain(B_DOCUMENT);
    expect(ofB).not.toContain(maskDocumentNumber(B_DOCUMENT));
    expect(ofB).not.toMatch(/Binh|Tran/);
  });

  it('garbage gets the help (the same for anyone); an unregistered number is told so', async () => {
    const help = await ask(A_PLAIN, 'xin chao, cho hoi so nay cua ai');
    expect(help).toContain('TTTB');
    expect(help).toContain('TTTB SAI');
    expect(help).toContain(SHORT_CODE);
    expect(maskedNumbers(help)).toEqual([]);
    expect(await ask(UNREGISTERED, '??')).toBe(help);

    const notRegistered = await ask(UNREGISTERED, 'TTTB');
    expect(notRegistered).toMatch(MEANS.notRegistered);
    expect(maskedNumbers(notRegistered)).toEqual([maskMsisdn(UNREGISTERED)]);
    expect(await ask(UNREGISTERED, `TTTB ${A_DOCUMENT}`)).toBe(notRegistered);
  });

  it('a message that is not text (UCS-2 of an odd length) is stored unreadable and gets the help', async () => {
    const help = await ask(A_PLAIN, 'xin chao');
    const file = readSimulatorFile(dataDir);
    const handset = await RawPeer.connect(file?.port ?? 0);
    try {
      expect((await handset.call('bind_transceiver', { system_id: PHONES_SYSTEM_ID, password: file?.phonesPassword })).command_status).toBe(0);
      smsSent += 1;
      const submitted = await handset.call('submit_sm', { source_addr: UNREGISTERED, destination_addr: SHORT_CODE, data_coding: 8, short_message: Buffer.from([0x00, 0x54, 0x00]) });
      expect(submitted.command_status).toBe(0);
      const assembler = new ConcatAssembler();
      let reply: { text: string } | null = null;
      while (!reply) {
        const deliver = await handset.next(10_000);
        handset.send('deliver_sm_resp', { sequence_number: deliver.sequence_number });
        reply = assembler.add(UNREGISTERED, readShortMessage(deliver));
      }
      expect(reply.text).toBe(help);
      const stored = await db().selectFrom('sms_inbound').select(['state', 'raw_octets', 'text']).where('source_addr', '=', UNREGISTERED).where('state', '=', 'unreadable').execute();
      expect(stored).toEqual([{ state: 'unreadable', raw_octets: 3, text: '' }]);
    } finally {
      handset.close();
    }
  });

  it('TTTB SAI: the line enters target group mismatch (source selfcheck), its clock starts, the reply names the deadline', async () => {
    const text = await ask(A_PLAIN, 'TTTB SAI');
    const membership = await db()
      .selectFrom('target_memberships')
      .selectAll()
      .where('subscriber_id', '=', ids[A_PLAIN] ?? -1)
      .execute();
    expect(membership).toEqual([expect.objectContaining({ target_group: 'mismatch', source: 'selfcheck', ended_at: null })]);
    const line = await db().selectFrom('subscribers').select(['verification_required_since', 'verification_required_reason']).where('msisdn', '=', A_PLAIN).executeTakeFirstOrThrow();
    expect(line.verification_required_reason).toBe('mismatch');
    expect(line.verification_required_since).not.toBeNull();
    const oneWayDue = Date.parse(line.verification_required_since ?? '') + DEFAULT_ROADMAP_SETTINGS.oneWayLockAfterMs;
    expect(text).toContain(formatVietnamTime(new Date(oneWayDue)));
    expect(maskedNumbers(text)).toEqual([maskMsisdn(A_PLAIN)]);

    // Every message left one self-check record, on the SMS channel.
    const records = await db().selectFrom('self_checks').select(['channel', 'msisdn']).execute();
    expect(records).toHaveLength(smsSent);
    expect(records.every((r) => r.channel === 'sms')).toBe(true);
  });

  it('the web self-check: the code comes over the same SMS link, the answer is the SMS reply to TTTB, the stored code is blanked', async () => {
    const smsReply = await ask(A_LOCKED, 'TTTB');
    const code = phone.receive(A_LOCKED, { timeoutMs: 10_000 });
    const otp = await fetch(`${service.url}/api/v1/selfcheck/otp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ msisdn: '+84 861 114 455' }),
    });
    expect(otp.status).toBe(202);
    const { challengeId } = (await otp.json()) as { challengeId: string };
    const received = await code;
    expectSendable(received);
    const digits = /\d{6}/.exec(received.text)?.[0];
    expect(digits, received.text).toBeDefined();

    const answer = await fetch(`${service.url}/api/v1/selfcheck`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ challengeId, otp: digits }),
    });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { kind: string; text: string; msisdn: string };
    expect(body).toMatchObject({ kind: 'owner', msisdn: maskMsisdn(A_LOCKED), text: smsReply });

    await expect
      .poll(() => db().selectFrom('notices').select(['status', 'text']).where('idempotency_key', '=', `selfcheck.otp:${challengeId}`).executeTakeFirst(), { timeout: 5_000 })
      .toMatchObject({ status: 'sent' });
    const notice = await db().selectFrom('notices').select('text').where('idempotency_key', '=', `selfcheck.otp:${challengeId}`).executeTakeFirstOrThrow();
    expect(notice.text).not.toContain(digits);
    const web = await db().selectFrom('self_checks').select('msisdn').where('channel', '=', 'web').execute();
    expect(web).toEqual([{ msisdn: A_LOCKED }]);
  });

  it('300 handsets, the carriers\' links cut in the middle: they come back, every message gets exactly one reply', async () => {
    const CARRIER_PREFIXES = ['097', '091', '090'] as const; // Viettel, VinaPhone, MobiFone
    const registered = Array.from({ length: 150 }, (_, i) => `${CARRIER_PREFIXES[i % 3]}${String(5_000_000 + i).padStart(7, '0')}`);
    const carriers = { '097': 'viettel', '091': 'vinaphone', '090': 'mobifone' } as const;
    await insertLines(registered.map((msisdn) => testLine({ msisdn, carrier: carriers[msisdn.slice(0, 3) as keyof typeof carriers] })));
    const unknown = Array.from({ length: 150 }, (_, i) => `${['098', '094', '093', '092'][i % 4]}${String(6_000_000 + i).padStart(7, '0')}`);
    // Registered lines ask for their owner; unknown numbers ask too, or send something else.
    const handsets = [...registered.map((from) => ({ from, text: 'TTTB' })), ...unknown.map((from, i) => ({ from, text: i % 2 === 0 ? 'tttb' : 'alo' }))];
    // Interleaved, so the traffic before, during and after the cut holds every kind and carrier.
    handsets.sort((x, y) => x.from.slice(-3).localeCompare(y.from.slice(-3)));

    let answered = 0;
    const send = ({ from, text }: { from: string; text: string }) => {
      smsSent += 1;
      return phone.exchange(from, SHORT_CODE, text, { timeoutMs: 20_000 }).then((reply) => {
        answered += 1;
        return reply;
      });
    };
    // A steady stream, 20 handsets every 10 ms; once a third is sent and replies are coming back,
    // the SMSC drops the carriers' links right behind a burst it has not even read yet. What
    // follows is sent while the links are down: the SMSC keeps it until they bind again.
    const replies: Promise<PhoneReply>[] = [];
    let cut: { sent: number; answered: number; linksDown: number } | undefined;
    for (let next = 0; next < handsets.length; next += 20) {
      replies.push(...handsets.slice(next, next + 20).map(send));
      if (!cut && replies.length >= 100 && answered > 0) {
        const sentAtCut = replies.length;
        const answeredAtCut = answered;
        await sms.simulator?.dropLinks();
        cut = { sent: sentAtCut, answered: answeredAtCut, linksDown: Object.values(sms.gateway.status()).filter((link) => !link.bound).length };
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    if (!cut) throw new Error('the replies never came back before the end of the traffic: no cut in the middle');
    expect(cut.answered).toBeGreaterThan(0);
    expect(cut.answered).toBeLessThan(cut.sent);
    expect(cut.linksDown).toBe(CARRIERS.length);
    await expect.poll(allBound, { timeout: 10_000 }).toBe(true);

    const got = await Promise.all(replies);
    for (const [i, { from, text }] of handsets.entries()) {
      const reply = got[i] as PhoneReply;
      expectSendable(reply);
      expect(maskedNumbers(reply.text), reply.text).toEqual(text === 'alo' ? [] : [maskMsisdn(from)]);
      if (registered.includes(from)) expect(reply.text).toContain('Nguyen Van An');
      else if (text === 'tttb') expect(reply.text).toMatch(MEANS.notRegistered);
      else expect(reply.text).toContain('TTTB SAI'); // the help
    }

    // The SMSC counts one whole message per handset, and nothing more arrives afterwards.
    const numbers = handsets.map((h) => h.from);
    await expect.poll(() => numbers.filter((n) => sms.simulator?.receivedCounts().get(n) !== 1), { timeout: 5_000 }).toEqual([]);
    const notices = await db().selectFrom('notices').select(['msisdn', 'status', 'submit_attempts', 'kind']).where('msisdn', 'in', numbers).execute();
    expect(notices).toHaveLength(numbers.length);
    expect(new Set(notices.map((n) => n.msisdn)).size).toBe(numbers.length);
    expect(notices.filter((n) => n.kind !== REPLY_NOTICE_KIND || n.status !== 'sent' || n.submit_attempts !== 1)).toEqual([]);
    const inbound = await db().selectFrom('sms_inbound').select(['source_addr', 'reply_notice_id']).where('source_addr', 'in', numbers).execute();
    expect(inbound).toHaveLength(numbers.length);
    expect(new Set(inbound.map((r) => r.source_addr)).size).toBe(numbers.length);
    expect(inbound.every((r) => r.reply_notice_id !== null)).toBe(true);
    expect(phone.unsolicited).toBe(0);

    // Over the whole run: one stored message, one reply sent once and one record per message.
    const count = async (table: 'sms_inbound' | 'self_checks') => Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('sms_inbound')).toBe(smsSent);
    expect(await count('self_checks')).toBe(smsSent + 1); // and the web one
    const allReplies = await db().selectFrom('notices').select(['id', 'status', 'submit_attempts']).where('kind', '=', REPLY_NOTICE_KIND).execute();
    expect(allReplies).toHaveLength(smsSent);
    expect(allReplies.filter((n) => n.status !== 'sent' || n.submit_attempts !== 1)).toEqual([]);
  });
});
