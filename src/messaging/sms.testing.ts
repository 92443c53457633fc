/**
 * Test fixtures of the SMS link: a logger that keeps its lines, a deterministic reply handler, and
 * a whole loop on 127.0.0.1 (SMSC simulator + the service's gateway + a phone client).
 */
import net from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { Database } from '../db/open.ts';
import { CARRIERS, type Carrier } from '../domain/index.ts';
import { loadReferenceData } from '../reference/index.ts';
import type { InboundSmsHandler } from './inbound.ts';
import { SmsGateway } from './gateway/sms.gateway.ts';
import { PhoneClient } from './phone/phone.client.ts';
import type { SmsLog } from './sms-log.ts';
import { decodePdu, encodePdu, STATUS, type Pdu } from './smpp/pdu.ts';
import { randomCarrierPasswords, randomPassword, startSmscSimulator, type SmscSimulator, type SmscSimulatorOptions } from './smsc/smsc.simulator.ts';

/** A pino logger whose JSON lines a test can read. */
export function memoryLog(level = 'debug'): { log: SmsLog; lines(): Record<string, unknown>[]; text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const log = pino({ level }, stream);
  const text = () => chunks.join('');
  return {
    log,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** Replies `OK <text>` (the sender's own text back): what a test expects is known in advance. */
export const echoHandler: InboundSmsHandler = (_trx, batch) => Promise.resolve(batch.map((sms) => ({ text: `OK ${sms.text}`, subscriberId: null })));

export interface SmsLoop {
  simulator: SmscSimulator;
  gateway: SmsGateway;
  phone: PhoneClient;
  log: ReturnType<typeof memoryLog>;
  /** Resolves once every carrier's link is bound. */
  bound(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts simulator, gateway (short timings) and a phone client against `db`. */
export async function startSmsLoop(
  db: Database,
  options: { handler?: InboundSmsHandler; shortCode?: string; windowSize?: number; logLevel?: string; simulator?: Partial<SmscSimulatorOptions> } = {},
): Promise<SmsLoop> {
  const reference = loadReferenceData();
  const log = memoryLog(options.logLevel);
  const carrierPasswords = randomCarrierPasswords();
  const phonesPassword = randomPassword();
  const simulator = await startSmscSimulator({ reference, carrierPasswords, phonesPassword, log: log.log, port: 0, ...options.simulator });
  const gateway = new SmsGateway({
    db,
    reference,
    shortCode: options.shortCode ?? '1414',
    links: CARRIERS.map((carrier: Carrier) => ({
      carrier,
      host: '127.0.0.1',
      port: simulator.port,
      systemId: carrier,
      password: carrierPasswords[carrier],
      systemType: '',
      windowSize: options.windowSize ?? 100,
    })),
    handler: options.handler ?? echoHandler,
    log: log.log,
    pollIntervalMs: 100,
    reconnect: { minMs: 20, maxMs: 200 },
  });
  gateway.start();
  const phone = await PhoneClient.connect({ host: '127.0.0.1', port: simulator.port, password: phonesPassword });
  const bound = async () => {
    const deadline = Date.now() + 5_000;
    while (!Object.values(gateway.status()).every((s) => s.bound)) {
      if (Date.now() > deadline) throw new Error('links did not bind');
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return {
    simulator,
    gateway,
    phone,
    log,
    bound,
    async stop() {
      await phone.close();
      await gateway.stop();
      await simulator.stop();
    },
  };
}

/**
 * One end of an SMPP connection driven byte by byte: a test writes whatever it likes (garbage
 * included) and reads the PDUs the other side answers, one at a time.
 */
export class RawPeer {
  private buffer = Buffer.alloc(0);
  private readonly pdus: Pdu[] = [];
  private wake: (() => void) | undefined;
  private sequence = 1000;
  /** Resolves when the other side closed the connection. */
  readonly closed: Promise<void>;

  constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      while (this.buffer.length >= 16 && this.buffer.length >= this.buffer.readUInt32BE(0)) {
        const length = this.buffer.readUInt32BE(0);
        const decoded = decodePdu(this.buffer.subarray(0, length));
        if (!decoded.ok) throw new Error(`the other side sent a malformed PDU: ${decoded.problem}`);
        this.pdus.push(decoded.pdu);
        this.buffer = this.buffer.subarray(length);
      }
      this.wake?.();
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  /** Connects to 127.0.0.1:port. */
  static async connect(port: number): Promise<RawPeer> {
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise((resolve) => socket.once('connect', resolve));
    return new RawPeer(socket);
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Sends a PDU; returns its sequence number. */
  send(command: string, fields: Record<string, unknown> = {}): number {
    const sequenceNumber = (fields['sequence_number'] as number | undefined) ?? ++this.sequence;
    this.write(encodePdu(command, { ...fields, sequence_number: sequenceNumber }));
    return sequenceNumber;
  }

  /** The next PDU from the other side. */
  async next(timeoutMs = 3_000): Promise<Pdu> {
    const deadline = Date.now() + timeoutMs;
    while (this.pdus.length === 0) {
      if (Date.now() > deadline) throw new Error('no PDU in time');
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 20);
      });
    }
    return this.pdus.shift() as Pdu;
  }

  /** Sends a request and returns the next PDU (its answer). */
  async call(command: string, fields: Record<string, unknown> = {}): Promise<Pdu> {
    this.send(command, fields);
    return this.next();
  }

  close(): void {
    this.socket.destroy();
  }
}

/**
 * A carrier SMSC played by the test: every connection the link opens arrives as a RawPeer, and
 * must bind as `systemId` / `password`.
 */
export class FakeSmsc {
  private readonly server = net.createServer((socket) => this.arrived.push(new RawPeer(socket)));
  private readonly arrived: RawPeer[] = [];
  port = 0;

  constructor(private readonly credentials = { systemId: 'tttb-vt', password: 'secret' }) {}

  /** Connections opened and not yet taken by {@link accept}. */
  get unaccepted(): number {
    return this.arrived.length;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** The link's next connection, answered to its bind with `status`. */
  async accept(status: number = STATUS.OK, timeoutMs = 5_000): Promise<RawPeer> {
    const deadline = Date.now() + timeoutMs;
    while (this.arrived.length === 0) {
      if (Date.now() > deadline) throw new Error('the link did not connect');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const peer = this.arrived.shift() as RawPeer;
    const bind = await peer.next(timeoutMs);
    if (bind.command !== 'bind_transceiver' || bind['system_id'] !== this.credentials.systemId || bind['password'] !== this.credentials.password) {
      throw new Error(`expected the link's bind_transceiver, got ${bind.command}`);
    }
    peer.send('bind_transceiver_resp', { sequence_number: bind.sequence_number, command_status: status, system_id: 'fake' });
    return peer;
  }

  async close(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** A PDU header with any command_length, command id and body: for malformed input. */
export function rawPdu(commandId: number, body: Buffer = Buffer.alloc(0), commandLength = 16 + body.length, sequenceNumber = 7): Buffer {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(commandLength, 0);
  header.writeUInt32BE(commandId, 4);
  header.writeUInt32BE(0, 8);
  header.writeUInt32BE(sequenceNumber, 12);
  return Buffer.concat([header, body]);
}
