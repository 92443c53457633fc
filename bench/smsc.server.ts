/**
 * The SMSC simulator in a process of its own, as a carrier's SMSC is in production:
 * `run-ts.mjs bench/smsc.server.ts DATA_DIR CARRIER_PASSWORDS_JSON [--echo]` writes
 * DATA_DIR/smsc-simulator.json once it listens. With `--echo` it is also the peer of the SMPP
 * benchmark: a bare ESME bound on every carrier account answers each message with a constant
 * reply — no database, no parsing, no outbox.
 */
import net from 'node:net';
import pino from 'pino';
import { CARRIERS, type Carrier } from '../src/domain/index.ts';
import { loadReferenceData } from '../src/reference/index.ts';
import { SmppConnection } from '../src/messaging/smpp/connection.ts';
import { STATUS, stringField, type Pdu } from '../src/messaging/smpp/pdu.ts';
import { encodeSms } from '../src/messaging/smpp/short-message.ts';
import { PHONES_SYSTEM_ID, randomPassword, startSmscSimulator } from '../src/messaging/smsc/smsc.simulator.ts';
import { writeSimulatorFile } from '../src/messaging/smsc/simulator-file.ts';

const REPLY = encodeSms('TTTB: So 09******78 dang ky ten NGUYEN VAN A, sinh 01/01/1990, giay to 089******789. Trang thai: da xac thuc.', 0);

const [dataDir, passwordsJson] = process.argv.slice(2);
if (!dataDir || !passwordsJson) throw new Error('usage: smsc.server.ts DATA_DIR CARRIER_PASSWORDS_JSON [--echo]');
const carrierPasswords = JSON.parse(passwordsJson) as Record<Carrier, string>;
const phonesPassword = randomPassword();
const simulator = await startSmscSimulator({
  reference: loadReferenceData(),
  carrierPasswords,
  phonesPassword,
  log: pino({ level: 'warn' }),
  host: '127.0.0.1',
  port: 0,
});
if (process.argv.includes('--echo')) {
  for (const carrier of CARRIERS) await bindEcho(carrier);
}
writeSimulatorFile(dataDir, { host: simulator.host, port: simulator.port, phonesSystemId: PHONES_SYSTEM_ID, phonesPassword });

async function bindEcho(carrier: Carrier): Promise<void> {
  const socket = net.connect({ host: simulator.host, port: simulator.port });
  await new Promise((resolve) => socket.once('connect', resolve));
  const connection = new SmppConnection(socket);
  const bound = await connection.request('bind_transceiver', { system_id: carrier, password: carrierPasswords[carrier], interface_version: 0x34 });
  if (bound.command_status !== STATUS.OK) throw new Error(`bind ${carrier} refused`);
  connection.on('pdu', (pdu: Pdu) => {
    if (pdu.command !== 'deliver_sm') {
      if (pdu.command === 'enquire_link') connection.respond(pdu);
      return;
    }
    connection.respond(pdu);
    void connection.request('submit_sm', {
      source_addr: stringField(pdu, 'destination_addr'),
      destination_addr: stringField(pdu, 'source_addr'),
      data_coding: REPLY.dataCoding,
      esm_class: REPLY.esmClass,
      short_message: REPLY.shortMessages[0],
    });
  });
}
