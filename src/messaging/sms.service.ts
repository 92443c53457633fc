/**
 * Starts the SMS side of the service: the gateway on the configured carriers' SMSCs, or — for the
 * demo, when no SMSC is configured — on the built-in SMSC simulator, started here with random
 * passwords for this run.
 */
import type { Config, SmscLink } from '../config.ts';
import type { Database } from '../db/open.ts';
import { CARRIERS, type ReferenceData } from '../domain/index.ts';
import type { InboundSmsHandler } from './inbound.ts';
import { SmsGateway, type SmsGatewayOptions } from './gateway/sms.gateway.ts';
import type { SmsLog } from './sms-log.ts';
import { PHONES_SYSTEM_ID, randomCarrierPasswords, randomPassword, startSmscSimulator, type SmscSimulator } from './smsc/smsc.simulator.ts';
import { removeSimulatorFile, writeSimulatorFile } from './smsc/simulator-file.ts';

/** The simulator's links carry a whole benchmark: a wide window. */
const SIMULATOR_WINDOW = 200;
const SIMULATOR_HOST = '127.0.0.1';

export interface SmsServiceOptions {
  db: Database;
  config: Pick<Config, 'sms' | 'dataDir'>;
  reference: ReferenceData;
  log: SmsLog;
  /** Answers messages sent to the short code. */
  handler: InboundSmsHandler;
  /** The service's clock: notices are due by it. */
  now?: () => Date;
  /** Gateway timings (tests shorten them). */
  tuning?: Pick<SmsGatewayOptions, 'pollIntervalMs' | 'batchWindowMs' | 'enquireLinkMs' | 'responseTimeoutMs' | 'reconnect'>;
}

export interface SmsService {
  gateway: SmsGateway;
  /** The built-in SMSC, when the configuration asks for it. */
  simulator: SmscSimulator | null;
  /** Unbinds the links, writes every outcome down, stops the simulator. */
  stop(): Promise<void>;
}

/** Starts the simulator (if configured) and the gateway; links bind in the background. */
export async function startSmsService(options: SmsServiceOptions): Promise<SmsService> {
  const { config, log } = options;
  let simulator: SmscSimulator | null = null;
  let links: readonly SmscLink[];
  if ('links' in config.sms.smsc) {
    links = config.sms.smsc.links;
  } else {
    const carrierPasswords = randomCarrierPasswords();
    const phonesPassword = randomPassword();
    const simulatorOptions = { reference: options.reference, carrierPasswords, phonesPassword, log, host: SIMULATOR_HOST };
    try {
      simulator = await startSmscSimulator({ ...simulatorOptions, port: config.sms.smsc.simulator.port });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      // The demo must come up even when another program holds the port: the file below says where it went.
      log.warn({ port: config.sms.smsc.simulator.port }, 'cổng của SMSC mô phỏng đang bận: dùng một cổng trống khác');
      simulator = await startSmscSimulator({ ...simulatorOptions, port: 0 });
    }
    writeSimulatorFile(config.dataDir, { host: simulator.host, port: simulator.port, phonesSystemId: PHONES_SYSTEM_ID, phonesPassword });
    links = CARRIERS.map((carrier) => ({
      carrier,
      host: SIMULATOR_HOST,
      port: (simulator as SmscSimulator).port,
      systemId: carrier,
      password: carrierPasswords[carrier],
      systemType: '',
      windowSize: SIMULATOR_WINDOW,
    }));
  }
  const gateway = new SmsGateway({
    db: options.db,
    reference: options.reference,
    shortCode: config.sms.shortCode,
    links,
    handler: options.handler,
    log,
    ...(options.now ? { now: options.now } : {}),
    ...options.tuning,
  });
  gateway.start();
  return {
    gateway,
    simulator,
    async stop() {
      await gateway.stop();
      if (simulator) {
        removeSimulatorFile(config.dataDir);
        await simulator.stop();
      }
    },
  };
}
