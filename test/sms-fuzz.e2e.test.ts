/**
 * No content of a deliver_sm ends the service or stalls its link (issue 9.1): `tttb serve` runs as
 * its own process, bound over real TCP to an SMSC played by this test, which sends it random
 * short_message octets in every data_coding, with a user data header absent, well-formed or
 * broken, each followed by a well-formed `TTTB` from another handset. Every message gets its
 * deliver_sm_resp OK and exactly one reply, on the one bind the service opened.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS, type Pdu } from '../src/messaging/smpp/pdu.ts';
import { encodeText } from '../src/messaging/smpp/short-message.ts';
import { FakeSmsc, type RawPeer } from '../src/messaging/sms.testing.ts';
import { freePort } from './free-port.ts';
import { spawnCli } from './run-cli.ts';

const UDHI = 0x40;

const octets = (maxLength: number) => fc.uint8Array({ maxLength }).map((bytes) => Buffer.from(bytes));

/** A short_message and the esm_class it goes with: no header, a well-formed one, or a broken one. */
const shortMessage = fc.oneof(
  octets(140).map((body) => ({ esmClass: 0, bytes: body })),
  // A header tttb reads past (national language shift), or a one-part concatenation.
  fc.tuple(fc.constantFrom([3, 0x24, 1, 0], [5, 0, 3, 9, 1, 1]), octets(120)).map(([header, body]) => ({ esmClass: UDHI, bytes: Buffer.concat([Buffer.from(header), body]) })),
  // A header length past the end (or no octets at all).
  fc.tuple(octets(60), fc.integer({ min: 1, max: 40 })).map(([body, over]) => ({ esmClass: UDHI, bytes: Buffer.concat([Buffer.from([Math.min(255, body.length + over)]), body]) })),
  // An element running past the header.
  octets(100).map((body) => ({ esmClass: UDHI, bytes: Buffer.concat([Buffer.from([4, 0, 9, 1, 2]), body]) })),
  // A concatenated part numbered 0, or beyond its total.
  fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 254 }), octets(100)).map(([ref, total, body]) => ({
    esmClass: UDHI,
    bytes: Buffer.concat([Buffer.from([5, 0, 3, ref, total, total === 0 || ref % 2 === 0 ? 0 : total + 1]), body]),
  })),
);
const dataCoding = fc.oneof(fc.constantFrom(0, 1, 2, 3, 4, 5, 8, 0x0b, 0xf0, 0xf4), fc.integer({ min: 0, max: 255 }));

describe('tttb serve against an SMSC sending whatever octets it likes', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-sms-fuzz-'));
  const smsc = new FakeSmsc();
  let child: ReturnType<typeof spawnCli>;
  let log = '';
  let peer: RawPeer;
  let httpPort = 0;

  beforeAll(async () => {
    await smsc.listen();
    httpPort = await freePort();
    const link = { carrier: 'viettel', host: '127.0.0.1', port: smsc.port, systemId: 'tttb-vt', password: 'secret', systemType: '', windowSize: 10 };
    // A demo database (the SMSC is the test's own, named by TTTB_SMSC): production would refuse
    // to start without the national service and a session secret.
    child = spawnCli(['serve', '--demo'], {
      TTTB_DEMO_LINES: '200',
      TTTB_DATA_DIR: dataDir,
      TTTB_HOST: '127.0.0.1',
      TTTB_PORT: String(httpPort),
      TTTB_SMSC: JSON.stringify([link]),
      TTTB_ROADMAP_INTERVAL_SECONDS: '0',
      TTTB_RECONCILE_INTERVAL_HOURS: '0',
    });
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    peer = await smsc.accept(STATUS.OK, 60_000);
  }, 70_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    peer?.close();
    await smsc.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  let sender = 0;
  /** Reads PDUs until both messages have their deliver_sm_resp and both senders one whole reply. */
  async function exchange(odd: { esmClass: number; bytes: Buffer }, coding: number): Promise<void> {
    sender += 1;
    const [fuzzed, plain] = [`096${String(1_000_000 + sender)}`, `097${String(1_000_000 + sender)}`];
    const fuzzedSeq = peer.send('deliver_sm', { source_addr: fuzzed, destination_addr: '1414', esm_class: odd.esmClass, data_coding: coding, short_message: odd.bytes });
    const plainSeq = peer.send('deliver_sm', { source_addr: plain, destination_addr: '1414', data_coding: 0, short_message: encodeText('TTTB', 0) });
    const resps = new Map<number, number>();
    const replies = new Map<string, number>([[fuzzed, 0], [plain, 0]]);
    const done = () => resps.size === 2 && [...replies.values()].every((n) => n >= 1);
    while (!done()) {
      const pdu: Pdu = await peer.next(5_000);
      if (pdu.command === 'deliver_sm_resp') resps.set(pdu.sequence_number, pdu.command_status);
      else if (pdu.command === 'enquire_link') peer.send('enquire_link_resp', { sequence_number: pdu.sequence_number });
      else if (pdu.command === 'submit_sm') {
        peer.send('submit_sm_resp', { sequence_number: pdu.sequence_number, message_id: `m${pdu.sequence_number}` });
        const to = String(pdu['destination_addr']).replace(/^84/, '0');
        const raw = pdu['short_message'] as Buffer;
        // A long reply counts once, by its first part.
        const firstPart = (Number(pdu['esm_class']) & UDHI) === 0 || raw[5] === 1;
        if (firstPart) replies.set(to, (replies.get(to) ?? 0) + 1);
      } else throw new Error(`unexpected ${pdu.command} from the service`);
    }
    expect(Object.fromEntries(resps)).toEqual({ [fuzzedSeq]: STATUS.OK, [plainSeq]: STATUS.OK });
    expect(Object.fromEntries(replies)).toEqual({ [fuzzed]: 1, [plain]: 1 });
  }

  it('acknowledges and answers every message once, stays up and keeps its one bind', async () => {
    await fc.assert(fc.asyncProperty(shortMessage, dataCoding, (odd, coding) => exchange(odd, coding)), { numRuns: 60 });
    expect(child.exitCode).toBeNull();
    expect(smsc.unaccepted).toBe(0); // the service never opened a second connection
    const health = await fetch(`http://127.0.0.1:${httpPort}/healthz`);
    expect(health.status).toBe(200);
    expect(log).toContain('không đọc được');
    expect(log).not.toMatch(/"level":(50|60)/);
  }, 60_000);
});
