/**
 * A small SMSC speaking SMPP 3.4, for the demo, the tests and the benchmarks. Accounts: one per
 * carrier (system_id = carrier name, e.g. `viettel`) for the service's links, and `phones`, through
 * which a test, a benchmark or `tttb sms send` plays handsets.
 *
 * Routing: a phone's submit_sm (source = its number) becomes a deliver_sm to the bound transceiver
 * of the carrier owning the number's prefix, stored until that carrier answers it (a message whose
 * deliver_sm was not answered before its link dropped is delivered again after the next bind). The
 * service's submit_sm goes to the phone: to the `phones` session that last sent from that number
 * (else the latest `phones` session bound, else straight to a simulated handset); then, when
 * registered_delivery asks, a delivery receipt goes back to the carrier account.
 *
 * A `phones` bind_receiver whose address_range names a number reads that handset's inbox (`tttb sms
 * inbox`): the simulator delivers the latest 20 texts the number received, oldest first, each with
 * its sender, right behind its bind_resp, so they all come before the answer to the reader's next
 * request. Such a session plays no handset afterwards.
 *
 * Answers follow SMPP 3.4: wrong password ESME_RINVPASWD, unknown system_id ESME_RINVSYSID, a
 * request before bind ESME_RINVBNDSTS, an unknown command generic_nack ESME_RINVCMDID, a malformed
 * PDU or impossible command_length generic_nack ESME_RINVCMDLEN and close, a short_message over
 * 160 septets / 140 octets ESME_RINVMSGLEN, throttling (optional) ESME_RTHROTTLED.
 */
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { CARRIERS, maskMsisdn, normalizeMsisdn, type Carrier, type ReferenceData } from '../../domain/index.ts';
import { SmppConnection, type MalformedPdu } from '../smpp/connection.ts';
import { numberField, stringField, STATUS, isTransientStatus, statusName, isResponse, type Pdu } from '../smpp/pdu.ts';
import {
  ConcatAssembler,
  DATA_CODING,
  ESM_CLASS,
  encodeSms,
  shortMessageOf,
  readShortMessage,
  receiptText,
} from '../smpp/short-message.ts';
import type { SmsLog } from '../sms-log.ts';

/** system_id of the account that plays handsets. */
export const PHONES_SYSTEM_ID = 'phones';

export interface SmscSimulatorOptions {
  reference: ReferenceData;
  /** Password of each carrier account; a carrier left out has no account. */
  carrierPasswords: Partial<Record<Carrier, string>>;
  phonesPassword: string;
  log: SmsLog;
  /** Listen address (default 127.0.0.1) and port (0 = any free port). */
  host?: string;
  port?: number;
  /** Most submit_sm per second taken from carrier accounts; more are refused with ESME_RTHROTTLED. */
  maxSubmitsPerSecond?: number;
  /** deliver_sm sent and not yet answered, per session. */
  windowSize?: number;
  /** Wait before a message refused with a temporary error is delivered again. */
  retryDelayMs?: number;
}

/** What the simulator did, for tests and the demo. */
export interface SmscSimulatorStats {
  /** Whole messages (parts put together) delivered to handsets. */
  deliveredToPhones: number;
  /** Messages from phones waiting for their carrier's link, by carrier. */
  waiting: Partial<Record<Carrier, number>>;
  submitsFromCarriers: number;
  throttled: number;
}

type Account = { kind: 'carrier'; carrier: Carrier } | { kind: 'phones' };

interface Session {
  id: number;
  connection: SmppConnection;
  account: Account | null;
  /** deliver_sm sent to this session and not yet answered. */
  inFlight: number;
  /** The number whose inbox this session reads (a receiver bind with an address_range), else null. */
  inboxOf: string | null;
}

/** A text a handset received, and who sent it. */
export interface InboxText {
  from: string;
  text: string;
}

/** A deliver_sm waiting for (or travelling to) a carrier's link. */
interface Delivery {
  carrier: Carrier;
  fields: Record<string, unknown>;
  /** Masked number for logs. */
  party: string;
}

const BIND_COMMANDS = new Set(['bind_transceiver', 'bind_transmitter', 'bind_receiver']);
const GSM_MAX_OCTETS = 160;
const INBOX_TEXTS_KEPT = 20;
const OTHER_MAX_OCTETS = 140;

/** Starts an SMSC simulator listening on `host:port`; resolves once it accepts connections. */
export async function startSmscSimulator(options: SmscSimulatorOptions): Promise<SmscSimulator> {
  const simulator = new SmscSimulator(options);
  await simulator.listen(options.host ?? '127.0.0.1', options.port ?? 0);
  return simulator;
}

/** The running simulator: see the module comment. */
export class SmscSimulator {
  private readonly server: net.Server;
  private readonly sessions = new Set<Session>();
  private readonly queues = new Map<Carrier, Delivery[]>();
  /** The `phones` session a number last sent from: its replies go there. */
  private readonly phoneSessions = new Map<string, Session>();
  private readonly inbox = new Map<string, InboxText[]>();
  private readonly inboxCounts = new Map<string, number>();
  private readonly assembler = new ConcatAssembler();
  private readonly idPrefix = randomBytes(3).toString('hex');
  private nextSessionId = 1;
  private nextMessageId = 1;
  private second = 0;
  private submitsThisSecond = 0;
  private maxSubmitsPerSecond: number | undefined;
  private readonly counters = { deliveredToPhones: 0, submitsFromCarriers: 0, throttled: 0 };
  private readonly log: SmsLog;
  host = '';
  port = 0;

  constructor(private readonly options: SmscSimulatorOptions) {
    this.log = options.log.child({ component: 'smsc-simulator' });
    this.maxSubmitsPerSecond = options.maxSubmitsPerSecond;
    this.server = net.createServer((socket) => this.accept(socket));
  }

  /** @internal used by {@link startSmscSimulator}. */
  async listen(host: string, port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as net.AddressInfo;
    this.host = host;
    this.port = address.port;
    this.log.info({ host, port: this.port }, 'SMSC mô phỏng đang chạy');
  }

  /** Sets (or with undefined lifts) the limit of submit_sm per second from carrier accounts. */
  setThrottle(maxSubmitsPerSecond: number | undefined): void {
    this.maxSubmitsPerSecond = maxSubmitsPerSecond;
  }

  /**
   * Cuts every carrier link as an SMSC restart does: stops reading (requests not yet handled are
   * never answered), lets the responses already written go out, closes. Messages whose deliver_sm
   * was not answered are delivered again when the carrier binds again.
   */
  async dropLinks(): Promise<void> {
    const carriers = [...this.sessions].filter((s) => s.account?.kind === 'carrier');
    this.log.warn({ links: carriers.length }, 'SMSC mô phỏng: cắt các kết nối nhà mạng');
    for (const session of carriers) session.connection.stopReading();
    await Promise.all(carriers.map((session) => session.connection.end()));
  }

  /** The latest whole messages (up to 20) a handset received, oldest first. */
  received(msisdn: string): readonly string[] {
    return (this.inbox.get(msisdn) ?? []).map((entry) => entry.text);
  }

  /** Numbers that received anything, with how many whole messages. */
  receivedCounts(): ReadonlyMap<string, number> {
    return this.inboxCounts;
  }

  stats(): SmscSimulatorStats {
    const waiting: Partial<Record<Carrier, number>> = {};
    for (const [carrier, queue] of this.queues) if (queue.length > 0) waiting[carrier] = queue.length;
    return { ...this.counters, waiting };
  }

  /** Closes every session and stops listening. */
  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const session of this.sessions) session.connection.destroy();
    await closed;
    this.log.info({}, 'SMSC mô phỏng đã dừng');
  }

  private accept(socket: net.Socket): void {
    const session: Session = { id: this.nextSessionId++, connection: new SmppConnection(socket), account: null, inFlight: 0, inboxOf: null };
    this.sessions.add(session);
    const log = this.log.child({ session: session.id });
    log.debug({ remote: `${socket.remoteAddress}:${socket.remotePort}` }, 'kết nối mới');
    session.connection.on('pdu', (pdu) => this.onPdu(session, pdu, log));
    session.connection.on('malformed', (bad) => this.onMalformed(session, bad, log));
    session.connection.on('close', () => {
      this.sessions.delete(session);
      for (const [msisdn, owner] of this.phoneSessions) if (owner === session) this.phoneSessions.delete(msisdn);
      log.info({ account: accountName(session.account) }, 'kết nối đã đóng');
    });
  }

  private onMalformed(session: Session, bad: MalformedPdu, log: SmsLog): void {
    log.warn({ kind: bad.kind, commandLength: bad.commandLength, commandId: bad.commandId, problem: bad.problem }, 'PDU hỏng: generic_nack ESME_RINVCMDLEN rồi đóng kết nối');
    session.connection.send('generic_nack', bad.sequenceNumber, STATUS.RINVCMDLEN);
    void session.connection.end();
  }

  private onPdu(session: Session, pdu: Pdu, log: SmsLog): void {
    const { connection } = session;
    if (pdu.command === 'unknown') {
      log.warn({ commandId: pdu.command_id }, 'lệnh không biết: generic_nack ESME_RINVCMDID');
      connection.respond(pdu, STATUS.RINVCMDID);
      return;
    }
    if (isResponse(pdu)) {
      log.debug({ command: pdu.command }, 'phản hồi không ai chờ: bỏ qua');
      return;
    }
    if (pdu.command === 'enquire_link') return connection.respond(pdu);
    if (pdu.command === 'unbind') {
      connection.respond(pdu);
      void connection.end();
      return;
    }
    if (BIND_COMMANDS.has(pdu.command)) return this.bind(session, pdu, log);
    if (!session.account) {
      log.warn({ command: pdu.command }, 'yêu cầu trước khi bind: ESME_RINVBNDSTS');
      connection.respond(pdu, STATUS.RINVBNDSTS);
      return;
    }
    if (pdu.command === 'submit_sm') return this.submit(session, session.account, pdu, log);
    log.warn({ command: pdu.command }, 'lệnh không hỗ trợ: ESME_RINVCMDID');
    connection.respond(pdu, STATUS.RINVCMDID);
  }

  private bind(session: Session, pdu: Pdu, log: SmsLog): void {
    const systemId = stringField(pdu, 'system_id');
    const password = stringField(pdu, 'password');
    if (session.account) {
      session.connection.respond(pdu, STATUS.RINVBNDSTS, { system_id: 'tttb-smsc' });
      return;
    }
    const expected = systemId === PHONES_SYSTEM_ID ? this.options.phonesPassword : this.options.carrierPasswords[systemId as Carrier];
    if (expected === undefined) {
      log.warn({ systemId }, 'bind bị từ chối: system_id không có');
      session.connection.respond(pdu, STATUS.RINVSYSID, { system_id: 'tttb-smsc' });
      return;
    }
    if (password !== expected) {
      log.warn({ systemId }, 'bind bị từ chối: sai mật khẩu');
      session.connection.respond(pdu, STATUS.RINVPASWD, { system_id: 'tttb-smsc' });
      return;
    }
    const inboxOf = systemId === PHONES_SYSTEM_ID && pdu.command === 'bind_receiver' ? stringField(pdu, 'address_range') : '';
    const reader = inboxOf === '' ? null : normalizeMsisdn(inboxOf, this.options.reference);
    if (reader && (!reader.valid || !reader.msisdn)) {
      session.connection.respond(pdu, STATUS.RINVSRCADR, { system_id: 'tttb-smsc' });
      return;
    }
    session.account = systemId === PHONES_SYSTEM_ID ? { kind: 'phones' } : { kind: 'carrier', carrier: systemId as Carrier };
    session.inboxOf = reader?.msisdn ?? null;
    session.connection.respond(pdu, STATUS.OK, { system_id: 'tttb-smsc' });
    log.info({ account: systemId, command: pdu.command }, 'đã bind');
    if (session.account.kind === 'carrier') this.pump(session.account.carrier);
    if (session.inboxOf) this.replayInbox(session, session.inboxOf);
  }

  /** Delivers the texts `msisdn` received to an inbox reader (see the module comment). */
  private replayInbox(session: Session, msisdn: string): void {
    for (const [i, entry] of (this.inbox.get(msisdn) ?? []).entries()) {
      const encoded = encodeSms(entry.text, i);
      for (const shortMessage of encoded.shortMessages) {
        // The reader's answers change nothing: the texts stay in the inbox.
        session.connection
          .request('deliver_sm', {
            source_addr: entry.from,
            destination_addr: msisdn,
            esm_class: encoded.esmClass,
            data_coding: encoded.dataCoding,
            short_message: shortMessage,
          })
          .catch(() => undefined);
      }
    }
  }

  private submit(session: Session, account: Account, pdu: Pdu, log: SmsLog): void {
    const shortMessage = shortMessageOf(pdu);
    const dataCoding = numberField(pdu, 'data_coding');
    const limit = dataCoding === DATA_CODING.DEFAULT || dataCoding === DATA_CODING.IA5 ? GSM_MAX_OCTETS : OTHER_MAX_OCTETS;
    if (shortMessage.length > limit) {
      log.warn({ octets: shortMessage.length, limit }, 'short_message quá dài: ESME_RINVMSGLEN');
      session.connection.respond(pdu, STATUS.RINVMSGLEN);
      return;
    }
    if (account.kind === 'phones') this.submitFromPhone(session, pdu, shortMessage, log);
    else this.submitFromCarrier(session, account.carrier, pdu, shortMessage, log);
  }

  /** A handset sends: to the carrier of its number, stored until the carrier takes it. */
  private submitFromPhone(session: Session, pdu: Pdu, shortMessage: Buffer, log: SmsLog): void {
    const source = normalizeMsisdn(stringField(pdu, 'source_addr'), this.options.reference);
    if (!source.valid || !source.msisdn || !source.carrier) {
      log.warn({}, 'số gửi không hợp lệ: ESME_RINVSRCADR');
      session.connection.respond(pdu, STATUS.RINVSRCADR);
      return;
    }
    const destination = stringField(pdu, 'destination_addr');
    if (destination === '') {
      session.connection.respond(pdu, STATUS.RINVDSTADR);
      return;
    }
    session.connection.respond(pdu, STATUS.OK, { message_id: this.messageId() });
    this.phoneSessions.set(source.msisdn, session);
    const queue = this.queueOf(source.carrier);
    queue.push({
      carrier: source.carrier,
      party: maskMsisdn(source.msisdn),
      fields: {
        source_addr_ton: 2,
        source_addr_npi: 1,
        source_addr: source.msisdn,
        destination_addr: destination,
        esm_class: numberField(pdu, 'esm_class') & ESM_CLASS.UDH,
        data_coding: numberField(pdu, 'data_coding'),
        short_message: shortMessage,
      },
    });
    log.debug({ from: maskMsisdn(source.msisdn), to: maskMsisdn(destination), carrier: source.carrier }, 'tin từ máy điện thoại');
    this.pump(source.carrier);
  }

  /** The service sends: accepted (or throttled), delivered to the handset, receipt when asked. */
  private submitFromCarrier(session: Session, carrier: Carrier, pdu: Pdu, shortMessage: Buffer, log: SmsLog): void {
    const nowSecond = Math.floor(Date.now() / 1000);
    if (nowSecond !== this.second) {
      this.second = nowSecond;
      this.submitsThisSecond = 0;
    }
    if (this.maxSubmitsPerSecond !== undefined && this.submitsThisSecond >= this.maxSubmitsPerSecond) {
      this.counters.throttled += 1;
      session.connection.respond(pdu, STATUS.RTHROTTLED);
      return;
    }
    const destination = normalizeMsisdn(stringField(pdu, 'destination_addr'), this.options.reference);
    if (!destination.valid || !destination.msisdn) {
      log.warn({ carrier }, 'số nhận không hợp lệ: ESME_RINVDSTADR');
      session.connection.respond(pdu, STATUS.RINVDSTADR);
      return;
    }
    this.submitsThisSecond += 1;
    this.counters.submitsFromCarriers += 1;
    const messageId = this.messageId();
    const submittedAt = new Date();
    session.connection.respond(pdu, STATUS.OK, { message_id: messageId });
    const msisdn = destination.msisdn;
    const source = stringField(pdu, 'source_addr');
    const dataCoding = numberField(pdu, 'data_coding');
    const esmClass = numberField(pdu, 'esm_class') & ESM_CLASS.UDH;
    const delivered = () => {
      const text = readShortMessage(pdu).text;
      this.recordDelivery(msisdn, source, pdu);
      if ((numberField(pdu, 'registered_delivery') & 0x03) !== 0x01) return;
      this.queueOf(carrier).push({
        carrier,
        party: maskMsisdn(msisdn),
        fields: {
          source_addr_ton: 2,
          source_addr_npi: 1,
          source_addr: msisdn,
          destination_addr: source,
          esm_class: ESM_CLASS.RECEIPT,
          data_coding: DATA_CODING.DEFAULT,
          short_message: Buffer.from(receiptText({ messageId, stat: 'DELIVRD', submittedAt, doneAt: new Date(), text }), 'ascii'),
          receipted_message_id: messageId,
          message_state: 2,
        },
      });
      this.pump(carrier);
    };
    const phone = this.phoneSessionFor(msisdn);
    if (!phone) {
      delivered(); // no test is playing this handset: it is switched on and takes the message
      return;
    }
    phone.connection
      .request('deliver_sm', { source_addr: source, destination_addr: msisdn, esm_class: esmClass, data_coding: dataCoding, short_message: shortMessage })
      .then(
        (resp) => {
          if (resp.command_status !== STATUS.OK) log.warn({ to: maskMsisdn(msisdn), status: statusName(resp.command_status) }, 'máy điện thoại từ chối tin');
          delivered();
        },
        () => delivered(), // the test's phone went away: the handset itself still gets it
      );
  }

  /**
   * The `phones` session that plays this handset: the one the number last sent from, else the
   * latest `phones` session bound (a test waiting for a code), else none (a simulated handset).
   */
  private phoneSessionFor(msisdn: string): Session | undefined {
    const own = this.phoneSessions.get(msisdn);
    if (own?.connection.open) return own;
    let latest: Session | undefined;
    for (const session of this.sessions) if (session.account?.kind === 'phones' && !session.inboxOf && session.connection.open) latest = session;
    return latest;
  }

  private recordDelivery(msisdn: string, from: string, pdu: Pdu): void {
    const whole = this.assembler.add(msisdn, readShortMessage(pdu));
    if (!whole) return;
    this.counters.deliveredToPhones += 1;
    let texts = this.inbox.get(msisdn);
    if (!texts) {
      texts = [];
      this.inbox.set(msisdn, texts);
    }
    texts.push({ from, text: whole.text });
    // A demo runs for days: keep the latest texts of each number, count them all.
    if (texts.length > INBOX_TEXTS_KEPT) texts.shift();
    this.inboxCounts.set(msisdn, (this.inboxCounts.get(msisdn) ?? 0) + 1);
  }

  private queueOf(carrier: Carrier): Delivery[] {
    let queue = this.queues.get(carrier);
    if (!queue) {
      queue = [];
      this.queues.set(carrier, queue);
    }
    return queue;
  }

  /** Sends what waits for `carrier` to its bound sessions, within each session's window. */
  private pump(carrier: Carrier): void {
    const queue = this.queues.get(carrier);
    if (!queue || queue.length === 0) return;
    const window = this.options.windowSize ?? 500;
    for (const session of this.sessions) {
      if (session.account?.kind !== 'carrier' || session.account.carrier !== carrier || !session.connection.open) continue;
      while (queue.length > 0 && session.inFlight < window) {
        const delivery = queue.shift() as Delivery;
        this.deliver(session, delivery);
      }
    }
  }

  private deliver(session: Session, delivery: Delivery): void {
    session.inFlight += 1;
    session.connection.request('deliver_sm', delivery.fields).then(
      (resp) => {
        session.inFlight -= 1;
        if (resp.command_status === STATUS.OK) {
          this.pump(delivery.carrier);
        } else if (isTransientStatus(resp.command_status)) {
          setTimeout(() => {
            this.queueOf(delivery.carrier).push(delivery);
            this.pump(delivery.carrier);
          }, this.options.retryDelayMs ?? 1_000).unref();
        } else {
          this.log.warn({ carrier: delivery.carrier, from: delivery.party, status: statusName(resp.command_status) }, 'nhà mạng từ chối deliver_sm: bỏ tin');
          this.pump(delivery.carrier);
        }
      },
      () => {
        // The link dropped before the answer: the message waits for the next bind (store and forward).
        session.inFlight -= 1;
        this.queueOf(delivery.carrier).unshift(delivery);
        this.pump(delivery.carrier);
      },
    );
  }

  private messageId(): string {
    return this.idPrefix + (this.nextMessageId++).toString(16).padStart(8, '0');
  }
}

function accountName(account: Account | null): string {
  if (!account) return '-';
  return account.kind === 'phones' ? PHONES_SYSTEM_ID : account.carrier;
}

/** A carrier password for every carrier: random at each start of the demo, never stored in code. */
export function randomCarrierPasswords(): Record<Carrier, string> {
  return Object.fromEntries(CARRIERS.map((carrier) => [carrier, randomPassword()])) as Record<Carrier, string>;
}

/** 8 random characters: the most SMPP 3.4 allows in a password. */
export function randomPassword(): string {
  return randomBytes(6).toString('base64url');
}
