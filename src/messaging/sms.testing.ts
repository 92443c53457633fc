/**
 * Test fixtures of the SMS link: a logger that keeps its lines, a deterministic reply handler, and
 * a whole loop on 127.0.0.1 (SMSC simulator + the service's gateway + a phone client).
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import type { Database } from '../db/open.ts';
import { CARRIERS, type Carrier } from '../domain/index.ts';
import { loadReferenceData } from '../reference/index.ts';
import type { InboundSmsHandler } from './inbound.ts';
import { SmsGateway } from './gateway/sms.gateway.ts';
import { PhoneClient } from './phone/phone.client.ts';
import type { SmsLog } from './sms-log.ts';
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
export const echoHandler: InboundSmsHandler = (_trx, sms) => Promise.resolve({ text: `OK ${sms.text}`, subscriberId: null });

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
