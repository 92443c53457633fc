/**
 * Plays handsets against the SMSC simulator: binds as `phones`, sends a message from any number
 * and resolves with the reply that number receives, or waits for what a number receives. Many
 * sends can be in flight at once (pipelined); replies are matched by phone number, first sent
 * first answered.
 */
import net from 'node:net';
import { AppError } from '../../errors.ts';
import { normalizeMsisdn, type ReferenceData } from '../../domain/index.ts';
import { loadReferenceData } from '../../reference/index.ts';
import { SmppConnection } from '../smpp/connection.ts';
import { stringField, STATUS, statusName, isResponse, type Pdu } from '../smpp/pdu.ts';
import { ConcatAssembler, encodeSms, readShortMessage } from '../smpp/short-message.ts';
import { PHONES_SYSTEM_ID, type InboxText } from '../smsc/smsc.simulator.ts';

export interface PhoneClientOptions {
  host: string;
  port: number;
  password: string;
  systemId?: string;
  reference?: ReferenceData;
}

/** A reply as the handset shows it: the whole text and how many SMS parts it came in. */
export interface PhoneReply {
  text: string;
  parts: number;
}

interface Waiter {
  resolve(reply: PhoneReply): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** See the module comment; open one with {@link PhoneClient.connect}. */
export class PhoneClient {
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly assembler = new ConcatAssembler();
  private nextReference = 0;
  /** Messages that arrived for a number nobody was waiting on (notices, late replies). */
  unsolicited = 0;

  private constructor(
    private readonly connection: SmppConnection,
    private readonly reference: ReferenceData,
  ) {
    connection.on('pdu', (pdu) => this.onPdu(pdu));
    connection.on('close', () => this.failAll(new AppError('SMSC_NOT_RUNNING', 'kết nối tới SMSC đã đóng')));
  }

  /**
   * Connects and binds. Rejects with AppError SMSC_NOT_RUNNING when nothing listens there, and
   * SMSC_BIND_REFUSED when the SMSC refuses the account.
   */
  static async connect(options: PhoneClientOptions): Promise<PhoneClient> {
    return new PhoneClient(await bound(options, 'bind_transceiver'), options.reference ?? loadReferenceData());
  }

  /**
   * The latest texts (up to 20, oldest first) the simulator delivered to `msisdn`, e.g. the web
   * self-check's one-time code. A receiver bind for the number makes the simulator deliver them
   * right behind its bind_resp; the answer to an enquire_link sent next marks the end.
   */
  static async readInbox(options: PhoneClientOptions, msisdn: string): Promise<InboxText[]> {
    const reference = options.reference ?? loadReferenceData();
    const number = normalizeMsisdn(msisdn, reference);
    if (!number.valid || !number.msisdn) throw new AppError('MSISDN_INVALID', msisdn);
    const texts: InboxText[] = [];
    const assembler = new ConcatAssembler();
    const connection = await bound(options, 'bind_receiver', number.msisdn, (pdu, respond) => {
      respond();
      const whole = assembler.add(stringField(pdu, 'source_addr'), readShortMessage(pdu));
      if (whole) texts.push({ from: stringField(pdu, 'source_addr'), text: whole.text });
    });
    try {
      await connection.request('enquire_link', {}, 5_000);
      return texts;
    } finally {
      await connection.request('unbind', {}, 2_000).catch(() => undefined);
      await connection.end();
    }
  }

  /** Sends `text` from `from` to `to` and resolves with the reply's text. */
  async send(from: string, to: string, text: string, options: { timeoutMs?: number } = {}): Promise<string> {
    return (await this.exchange(from, to, text, options)).text;
  }

  /** Like {@link send}, with the number of parts the reply came in. */
  async exchange(from: string, to: string, text: string, options: { timeoutMs?: number } = {}): Promise<PhoneReply> {
    const msisdn = this.national(from);
    const reply = this.receive(msisdn, options);
    // When the submit itself fails the caller gets that error instead, and this promise is dropped.
    void reply.catch(() => undefined);
    this.nextReference = (this.nextReference + 1) & 0xff;
    const encoded = encodeSms(text, this.nextReference);
    const answers = await Promise.all(
      encoded.shortMessages.map((shortMessage) =>
        this.connection.request('submit_sm', {
          source_addr_ton: 2,
          source_addr_npi: 1,
          source_addr: msisdn,
          destination_addr: to,
          esm_class: encoded.esmClass,
          data_coding: encoded.dataCoding,
          short_message: shortMessage,
        }),
      ),
    ).catch((error: unknown) => {
      this.cancel(msisdn, error as Error);
      throw error;
    });
    const refused = answers.find((resp) => resp.command_status !== STATUS.OK);
    if (refused) {
      const error = new AppError('SMSC_SUBMIT_REFUSED', statusName(refused.command_status));
      this.cancel(msisdn, error);
      throw error;
    }
    return reply;
  }

  /**
   * Waits for the next message to `msisdn` (a reply, a one-time code…), without sending anything.
   * Call it before whatever makes the message go out.
   */
  receive(msisdn: string, options: { timeoutMs?: number } = {}): Promise<PhoneReply> {
    const number = this.national(msisdn);
    const timeoutMs = options.timeoutMs ?? 10_000;
    return new Promise<PhoneReply>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.removeWaiter(number, waiter);
          reject(new AppError('SMS_REPLY_TIMEOUT', `${timeoutMs} ms`));
        }, timeoutMs),
      };
      const queue = this.waiters.get(number);
      if (queue) queue.push(waiter);
      else this.waiters.set(number, [waiter]);
    });
  }

  private national(msisdn: string): string {
    const number = normalizeMsisdn(msisdn, this.reference);
    if (!number.valid || !number.msisdn) throw new AppError('MSISDN_INVALID', msisdn);
    return number.msisdn;
  }

  /** Unbinds and closes. */
  async close(): Promise<void> {
    if (this.connection.open) await this.connection.request('unbind', {}, 2_000).catch(() => undefined);
    await this.connection.end();
  }

  private onPdu(pdu: Pdu): void {
    if (pdu.command !== 'deliver_sm') {
      if (!isResponse(pdu)) this.connection.respond(pdu, pdu.command === 'enquire_link' ? STATUS.OK : STATUS.RINVCMDID);
      return;
    }
    this.connection.respond(pdu);
    const to = normalizeMsisdn(stringField(pdu, 'destination_addr'), this.reference).msisdn ?? '';
    const whole = this.assembler.add(to, readShortMessage(pdu));
    if (!whole) return;
    const waiter = this.waiters.get(to)?.shift();
    if (!waiter) {
      this.unsolicited += 1;
      return;
    }
    if (this.waiters.get(to)?.length === 0) this.waiters.delete(to);
    clearTimeout(waiter.timer);
    waiter.resolve(whole);
  }

  private removeWaiter(msisdn: string, waiter: Waiter): void {
    const queue = this.waiters.get(msisdn);
    if (!queue) return;
    const index = queue.indexOf(waiter);
    if (index >= 0) queue.splice(index, 1);
    if (queue.length === 0) this.waiters.delete(msisdn);
  }

  /** Drops the latest waiter of a number whose message did not go out. */
  private cancel(msisdn: string, error: Error): void {
    const waiter = this.waiters.get(msisdn)?.at(-1);
    if (!waiter) return;
    this.removeWaiter(msisdn, waiter);
    clearTimeout(waiter.timer);
    waiter.reject(error);
  }

  private failAll(error: Error): void {
    for (const queue of this.waiters.values()) {
      for (const waiter of queue) {
        clearTimeout(waiter.timer);
        waiter.reject(error);
      }
    }
    this.waiters.clear();
  }
}

/**
 * Connects and binds as the phones account. Rejects with AppError SMSC_NOT_RUNNING when nothing
 * listens there, SMSC_BIND_REFUSED when the SMSC refuses the account. `onDeliver` sees the
 * deliver_sm that arrive right behind the bind_resp (before the owner could listen).
 */
async function bound(
  options: PhoneClientOptions,
  command: 'bind_transceiver' | 'bind_receiver',
  addressRange = '',
  onDeliver?: (pdu: Pdu, respond: () => void) => void,
): Promise<SmppConnection> {
  const socket = net.connect({ host: options.host, port: options.port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', (error) => reject(new AppError('SMSC_NOT_RUNNING', `${options.host}:${options.port} (${error.message})`)));
  });
  const connection = new SmppConnection(socket);
  if (onDeliver) connection.on('pdu', (pdu) => (pdu.command === 'deliver_sm' ? onDeliver(pdu, () => connection.respond(pdu)) : undefined));
  const resp = await connection.request(command, {
    system_id: options.systemId ?? PHONES_SYSTEM_ID,
    password: options.password,
    interface_version: 0x34,
    address_range: addressRange,
  });
  if (resp.command_status !== STATUS.OK) {
    connection.destroy();
    throw new AppError('SMSC_BIND_REFUSED', statusName(resp.command_status));
  }
  return connection;
}
