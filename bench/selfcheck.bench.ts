/**
 * Self-check against a 1,000,000-line demo database on SQLite, two ways in one run:
 *
 * - HTTP: `POST /api/v1/selfcheck` with session tokens (obtained the real way: OTP requested, the
 *   code received by a simulated handset over SMPP, exchanged for a session), half asking for the
 *   owner, half for the lines under the person's own document; next to the peer, a bare Fastify
 *   route answering a constant. Both servers run in a child process of their own and take the same
 *   autocannon load from this process. ratio = tttb requests/s ÷ bare requests/s.
 * - SMPP: handsets (this process) text 1414 through the SMSC simulator, which runs in a process of
 *   its own as a carrier's SMSC would, tttb bound to it as every carrier (`TTTB_SMSC`); each round
 *   trip is submit_sm → deliver_sm to tttb → answer and reply stored → submit_sm → deliver_sm to the
 *   handset. The peer: the same simulator with a bare ESME that echoes a constant (no database).
 *
 * `--lines N` (1,000,000), `--seconds S` per HTTP run (10), `--connections C` (10),
 * `--messages M` SMS round trips (20,000), `--in-flight F` handsets texting at once (1,000), `--profile DIR`: the tttb server
 * writes a V8 CPU profile there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { migrateToLatest } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/open.ts';
import { generateDemo } from '../src/demo/index.ts';
import { PhoneClient } from '../src/messaging/phone/phone.client.ts';
import { readSimulatorFile, type SimulatorFile } from '../src/messaging/smsc/simulator-file.ts';
import { randomCarrierPasswords } from '../src/messaging/smsc/smsc.simulator.ts';
import { CARRIERS, type Carrier } from '../src/domain/index.ts';
import { numberArg } from './args.ts';
import { answers, freePort, startChild, withCpu, type Child } from './child-process.ts';
import { loadTest, type LoadResult } from './http-load.ts';

const SESSIONS = 400;
const SESSIONS_AT_ONCE = 100;
const WARM_UP_SECONDS = 2;

interface Line {
  msisdn: string;
  document: string;
}

export async function run(args: string[]): Promise<void> {
  const lines = numberArg(args, '--lines', 1_000_000);
  const seconds = numberArg(args, '--seconds', 10);
  const connections = numberArg(args, '--connections', 10);
  const messages = numberArg(args, '--messages', 20_000);
  const inFlight = numberArg(args, '--in-flight', 1000);
  const profileDir = args.includes('--profile') ? path.resolve(args[args.indexOf('--profile') + 1] ?? 'var/profiles') : undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-bench-selfcheck-'));
  const file = path.join(dir, 'tttb.db');
  try {
    console.log(`generating ${lines.toLocaleString('en-US')} lines into ${file} …`);
    const db = openDatabase(`file:${file}`);
    try {
      await migrateToLatest(db);
      await generateDemo(db, { lines, seed: 2026 });
    } finally {
      await db.close();
    }
    // The fresh file's pages are written back to disk now, not by the kernel during the measurement.
    flushToDisk(file);
    const sample = sampleLines(file, Math.max(SESSIONS, inFlight));

    // The SMSC runs in a process of its own, as a carrier's does; tttb binds to it as every carrier.
    const smscDir = path.join(dir, 'smsc');
    const passwords = randomCarrierPasswords();
    const smsc = await startSmsc(smscDir, passwords, { echo: false });
    const simulator = readSimulatorFile(smscDir) as SimulatorFile;
    const links = CARRIERS.map((carrier) => ({ carrier, host: simulator.host, port: simulator.port, systemId: carrier, password: passwords[carrier], windowSize: 200 }));
    const tttbDir = path.join(dir, 'tttb');
    const port = await freePort();
    const tttb = await startChild(
      [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), 'bin/tttb.mjs', 'serve'],
      {
        TTTB_DATABASE_URL: `file:${file}`,
        TTTB_DATA_DIR: tttbDir,
        TTTB_PORT: String(port),
        TTTB_HOST: '127.0.0.1',
        TTTB_SMSC: JSON.stringify(links),
        TTTB_LOG_LEVEL: 'warn',
        TTTB_ROADMAP_INTERVAL_SECONDS: '0',
        TTTB_RECONCILE_INTERVAL_HOURS: '0',
        // The limiter stays on (its cost is measured) with a limit the load never reaches.
        TTTB_SELFCHECK_REQUESTS_PER_CLIENT_PER_MINUTE: '1000000000',
      },
      () => answers(`http://127.0.0.1:${port}/healthz`),
    );
    let http: { tttb: Measured<LoadResult>; bare: Measured<LoadResult> };
    let smpp: { tttb: Measured<SmppResult>; echo: SmppResult };
    try {
      const phones = await phonesOf(smscDir);
      try {
        const sessions = await openSessions(`http://127.0.0.1:${port}`, phones, sample.slice(0, SESSIONS));
        const tttbHttp = await measureHttp(`http://127.0.0.1:${port}`, tttb.process.pid, sessions, connections, seconds);
        const tttbSmpp = await perRequestCpu(tttb.process.pid, () => measureSmpp(phones, sample, messages, inFlight), (r) => messages - r.failed);
        http = { tttb: tttbHttp, bare: await bareFastify(sessions, connections, seconds) };
        smpp = { tttb: tttbSmpp, echo: { perSecond: 0, p50Ms: 0, p99Ms: 0, failed: 0 } };
      } finally {
        await phones.close();
      }
    } finally {
      await tttb.stop();
      await smsc.stop();
    }
    smpp.echo = await smppEcho(path.join(dir, 'echo'), sample, messages, inFlight);
    report(http, smpp, { connections, seconds, inFlight, handsets: sample.length });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function flushToDisk(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Registered citizens' lines, spread over the whole table. */
function sampleLines(file: string, count: number): Line[] {
  const sqlite = new SqliteDatabase(file, { readonly: true });
  try {
    const total = (sqlite.prepare(`select max(id) as n from subscribers`).get() as { n: number }).n;
    const step = Math.max(1, Math.floor(total / (count * 2)));
    return (
      sqlite
        .prepare(`select msisdn, document_number as document from subscribers where holder_kind = 'citizen' and id % ? = 0 limit ?`)
        .all(step, count) as Line[]
    );
  } finally {
    sqlite.close();
  }
}

async function phonesOf(dataDir: string): Promise<PhoneClient> {
  const simulator = readSimulatorFile(dataDir);
  if (!simulator) throw new Error('the SMSC simulator is not running');
  return PhoneClient.connect({ host: simulator.host, port: simulator.port, password: simulator.phonesPassword });
}

interface Session {
  token: string;
  document: string;
}

/** Each sampled line asks for a code, its handset receives it over SMPP, and trades it for a session. */
async function openSessions(base: string, phones: PhoneClient, sample: readonly Line[]): Promise<Session[]> {
  const post = async (url: string, body: unknown) => {
    const res = await fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const open = async (line: Line): Promise<Session> => {
    const code = phones.receive(line.msisdn, { timeoutMs: 10_000 });
    const { challengeId } = await post('/api/v1/selfcheck/otp', { msisdn: line.msisdn });
    const otp = /\b(\d{6})\b/.exec((await code).text)?.[1];
    if (!otp) throw new Error('no code in the OTP message');
    const answer = await post('/api/v1/selfcheck', { challengeId, otp });
    return { token: (answer['session'] as { token: string }).token, document: line.document };
  };
  // The outbox sends codes on its next round: open them many at a time.
  const sessions: Session[] = [];
  for (let start = 0; start < sample.length; start += SESSIONS_AT_ONCE) {
    sessions.push(...(await Promise.all(sample.slice(start, start + SESSIONS_AT_ONCE).map(open))));
  }
  return sessions;
}

function bodies(sessions: readonly Session[]): string[] {
  // Half ask for the owner, half for the lines under their own document.
  return sessions.map((s, i) => JSON.stringify(i % 2 === 0 ? { sessionToken: s.token } : { sessionToken: s.token, document: s.document }));
}

type Measured<T> = T & { cpuUsPerRequest: number | null };

/** What the server process `pid` spent per request, in CPU microseconds, while `work` ran. */
async function perRequestCpu<T>(pid: number | undefined, work: () => Promise<T>, requestsOf: (result: T) => number): Promise<Measured<T>> {
  const { result, cpuSeconds } = await withCpu(pid, work);
  const requests = requestsOf(result);
  return { ...result, cpuUsPerRequest: cpuSeconds === null || requests === 0 ? null : (cpuSeconds * 1e6) / requests };
}

async function measureHttp(base: string, pid: number | undefined, sessions: readonly Session[], connections: number, seconds: number): Promise<Measured<LoadResult>> {
  const all = bodies(sessions);
  let next = 0;
  const options = {
    url: base,
    connections,
    next: () => ({ method: 'POST' as const, path: '/api/v1/selfcheck', body: all[next++ % all.length] }),
  };
  await loadTest({ ...options, durationSeconds: WARM_UP_SECONDS });
  return perRequestCpu(pid, () => loadTest({ ...options, durationSeconds: seconds }), (r) => r.requests);
}

async function bareFastify(sessions: readonly Session[], connections: number, seconds: number): Promise<Measured<LoadResult>> {
  const port = await freePort();
  const bare: Child = await startChild(['bin/run-ts.mjs', 'bench/bare-fastify.server.ts', String(port)], {}, () =>
    answers(`http://127.0.0.1:${port}/api/v1/selfcheck`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
  );
  try {
    return await measureHttp(`http://127.0.0.1:${port}`, bare.process.pid, sessions, connections, seconds);
  } finally {
    await bare.stop();
  }
}

interface SmppResult {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  failed: number;
}

/** `messages` round trips, `inFlight` at a time, from the sampled lines in turn (TTTB and TTTB <own document>). */
async function measureSmpp(phones: PhoneClient, sample: readonly Line[], messages: number, inFlight: number): Promise<SmppResult> {
  const latencies: number[] = [];
  let failed = 0;
  let sent = 0;
  // One request per number at a time (each worker keeps its own number): replies are matched to
  // a number in order.
  const workers = Math.min(inFlight, sample.length);
  const worker = async (slot: number) => {
    for (let i = slot; i < messages; i += workers) {
      const line = sample[i % sample.length] as Line;
      const started = performance.now();
      try {
        await phones.send(line.msisdn, '1414', i % 2 === 0 ? 'TTTB' : `TTTB ${line.document}`, { timeoutMs: 30_000 });
        latencies.push(performance.now() - started);
      } catch {
        failed += 1;
      }
      sent += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: workers }, (_, slot) => worker(slot)));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { perSecond: (sent - failed) / elapsed, p50Ms: at(0.5), p99Ms: at(0.99), failed };
}

/** The SMSC simulator in its own process (bench/smsc.server.ts), ready once its file is written. */
function startSmsc(dataDir: string, passwords: Record<Carrier, string>, options: { echo: boolean }): Promise<Child> {
  const args = ['bin/run-ts.mjs', 'bench/smsc.server.ts', dataDir, JSON.stringify(passwords), ...(options.echo ? ['--echo'] : [])];
  return startChild(args, {}, () => Promise.resolve(readSimulatorFile(dataDir) !== null));
}

async function smppEcho(dataDir: string, sample: readonly Line[], messages: number, inFlight: number): Promise<SmppResult> {
  const echo = await startSmsc(dataDir, randomCarrierPasswords(), { echo: true });
  try {
    const phones = await phonesOf(dataDir);
    try {
      return await measureSmpp(phones, sample, messages, inFlight);
    } finally {
      await phones.close();
    }
  } finally {
    await echo.stop();
  }
}

function report(
  http: { tttb: Measured<LoadResult>; bare: Measured<LoadResult> },
  smpp: { tttb: Measured<SmppResult>; echo: SmppResult },
  load: { connections: number; seconds: number; inFlight: number; handsets: number },
): void {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const cpu = (r: { cpuUsPerRequest: number | null }) => (r.cpuUsPerRequest === null ? '–' : fmt(r.cpuUsPerRequest));
  console.table([
    { what: 'tttb POST /api/v1/selfcheck (session token)', 'requests/s': fmt(http.tttb.perSecond), 'p50 ms': http.tttb.p50Ms, 'p99 ms': http.tttb.p99Ms, 'errors/non-2xx': http.tttb.errors + http.tttb.non2xx, 'server CPU µs/req': cpu(http.tttb) },
    { what: 'peer: bare Fastify route, constant answer', 'requests/s': fmt(http.bare.perSecond), 'p50 ms': http.bare.p50Ms, 'p99 ms': http.bare.p99Ms, 'errors/non-2xx': http.bare.errors + http.bare.non2xx, 'server CPU µs/req': cpu(http.bare) },
    { what: 'tttb SMS round trip TTTB → 1414 → reply', 'requests/s': fmt(smpp.tttb.perSecond), 'p50 ms': smpp.tttb.p50Ms.toFixed(1), 'p99 ms': smpp.tttb.p99Ms.toFixed(1), 'errors/non-2xx': smpp.tttb.failed, 'server CPU µs/req': cpu(smpp.tttb) },
    { what: 'peer: same SMSC simulator, bare echo ESME', 'requests/s': fmt(smpp.echo.perSecond), 'p50 ms': smpp.echo.p50Ms.toFixed(1), 'p99 ms': smpp.echo.p99Ms.toFixed(1), 'errors/non-2xx': smpp.echo.failed, 'server CPU µs/req': '–' },
  ]);
  console.log(`HTTP: ${load.connections} connections, ${load.seconds} s each; SMS: ${Math.min(load.inFlight, load.handsets)} handsets texting at once`);
  console.log(`ratio (tttb / bare Fastify requests/s): ${(http.tttb.perSecond / http.bare.perSecond).toFixed(2)}  (goal ≥ 0.6, p99 < 10 ms: tttb p99 ${http.tttb.p99Ms} ms)`);
  console.log(`smpp: ${fmt(smpp.tttb.perSecond)}/s  (goal ≥ 5,000/s; echo peer ${fmt(smpp.echo.perSecond)}/s, ratio ${(smpp.tttb.perSecond / smpp.echo.perSecond).toFixed(2)})`);
}
