/**
 * The peer of the SMPP benchmark: the same SMSC simulator with, bound on every carrier account, a
 * bare ESME that answers each message with a constant reply — no database, no parsing, no outbox.
 * `run-ts.mjs bench/smpp-echo.server.ts DATA_DIR` writes DATA_DIR/smsc-simulator.json when ready.
 */
import net from 'node:net';
import pino from 'pino';
import { CARRIERS } from '../src/domain/index.ts';
import { loadReferenceData } from '../src/reference/index.ts';
import { SmppConnection } from '../src/messaging/smpp/connection.ts';
import { STATUS, stringField, type Pdu } from '../src/messaging/smpp/pdu.ts';
import { encodeSms } from '../src/messaging/smpp/short-message.ts';
import { PHONES_SYSTEM_ID, randomCarrierPasswords, randomPassword, startSmscSimulator } from '../src/messaging/smsc/smsc.simulator.ts';
import { writeSimulatorFile } from '../src/messaging/smsc/simulator-file.ts';

const REPLY = encodeSms('TTTB: So 09******78 dang ky ten NGUYEN VAN A, sinh 01/01/1990, giay to 089******789. Trang thai: da xac thuc.', 0);

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: smpp-echo.server.ts DATA_DIR');
const carrierPasswords = randomCarrierPasswords();
const phonesPassword = randomPassword();
const simulator = await startSmscSimulator({
  reference: loadReferenceData(),
  carrierPasswords,
  phonesPassword,
  log: pino({ level: 'warn' }),
  host: '127.0.0.1',
  port: 0,
});
for (const carrier of CARRIERS) {
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
writeSimulatorFile(dataDir, { host: simulator.host, port: simulator.port, phonesSystemId: PHONES_SYSTEM_ID, phonesPassword });
