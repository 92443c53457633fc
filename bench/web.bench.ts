/**
 * `bench web`: what sign-in checks cost, and what the pages weigh.
 *
 * - The same read — a line looked up by number, masked (`POST /api/v1/lines/search`) — in two
 *   builds on the same database (bench/web-read.server.ts), each in a process of its own under the
 *   same autocannon load: with the access hook and a session cookie (a database read of the
 *   session per request, the CSRF check), and with access switched off (one fixed principal).
 *   Goal: the checks add at most 15% CPU per request. The builds run in alternating rounds, so a
 *   neighbour's load on this shared machine falls on both; the verdict is the median round's ratio.
 * - The first page's JavaScript gzipped, per page (web/tools/bundle-sizes.ts): goals ≤ 350 KB for
 *   sign-in plus the shell, ≤ 150 KB for the citizen page.
 *
 * `--lines N` (20,000), `--seconds S` per run (8), `--connections C` (10), `--rounds R` (4).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signedInAs } from '../src/access/access.testing.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/open.ts';
import { generateDemo } from '../src/demo/index.ts';
import { sizeReport } from '../web/tools/bundle-sizes.ts';
import { numberArg } from './args.ts';
import { freePort, startChild, withCpu } from './child-process.ts';
import { loadTest, type LoadResult } from './http-load.ts';

const WARM_UP_SECONDS = 2;

export async function run(args: string[]): Promise<void> {
  const lines = numberArg(args, '--lines', 20_000);
  const seconds = numberArg(args, '--seconds', 8);
  const connections = numberArg(args, '--connections', 10);
  const rounds = Array.from({ length: numberArg(args, '--rounds', 4) }, (_, i) => i + 1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-bench-web-'));
  const file = path.join(dir, 'tttb.db');
  try {
    console.log(`generating ${lines.toLocaleString('en-US')} lines into ${file} …`);
    const db = openDatabase(`file:${file}`);
    let headers: Record<string, string>;
    let numbers: string[];
    try {
      await migrateToLatest(db);
      await generateDemo(db, { lines, seed: 2026 });
      headers = (await signedInAs(db, 'province_viewer')).headers;
      numbers = (await db.kysely.selectFrom('subscribers').select('msisdn').orderBy('id').limit(2000).execute()).map((r) => r.msisdn);
    } finally {
      await db.close();
    }
    const rows: { build: string; round: number; result: LoadResult; cpuUsPerRequest: number | null }[] = [];
    for (const round of rounds) {
      // ABBA: which build runs first alternates too, so a drift in the machine's load favours neither.
      for (const build of round % 2 ? (['access', 'off'] as const) : (['off', 'access'] as const)) {
        rows.push({ build, round, ...(await measure(build, file, build === 'access' ? headers : {}, numbers, connections, seconds)) });
      }
    }
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    console.table(
      rows.map((r) => ({
        build: r.build === 'access' ? 'tttb, access on (session cookie)' : 'tttb, access off (peer)',
        round: r.round,
        'req/s': fmt(r.result.perSecond),
        'p50 ms': r.result.p50Ms,
        'p99 ms': r.result.p99Ms,
        'CPU µs/req': r.cpuUsPerRequest === null ? '–' : fmt(r.cpuUsPerRequest),
        non2xx: r.result.non2xx,
      })),
    );
    const added: number[] = [];
    for (const round of rounds) {
      const on = rows.find((r) => r.round === round && r.build === 'access')?.cpuUsPerRequest;
      const off = rows.find((r) => r.round === round && r.build === 'off')?.cpuUsPerRequest;
      if (!on || !off) continue;
      added.push(((on - off) / off) * 100);
      console.log(`round ${round}: access adds ${added.at(-1)!.toFixed(1)}% CPU per request`);
    }
    if (added.length > 0) {
      const sorted = [...added].sort((a, b) => a - b);
      const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
      console.log(`median of ${added.length} rounds: access adds ${median.toFixed(1)}% CPU per request (goal ≤ 15%: ${median <= 15 ? 'met' : 'MISSED'}; range ${sorted[0]!.toFixed(1)}% … ${sorted.at(-1)!.toFixed(1)}%)`);
    }
    console.log('\nfirst page JavaScript, gzipped (web/dist; `npm run web:build` first):');
    for (const line of sizeReport()) console.log(`  ${line}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(build: 'access' | 'off', file: string, headers: Record<string, string>, numbers: readonly string[], connections: number, seconds: number) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startChild(['bin/run-ts.mjs', 'bench/web-read.server.ts', build, String(port), file], {}, async () => (await fetch(`${url}/api/v1/lines/search`, { method: 'POST' })).status > 0);
  try {
    let next = 0;
    const options = {
      url,
      connections,
      headers,
      next: () => ({ method: 'POST' as const, path: '/api/v1/lines/search', body: JSON.stringify({ msisdn: numbers[next++ % numbers.length] }) }),
    };
    await loadTest({ ...options, durationSeconds: WARM_UP_SECONDS });
    const { result, cpuSeconds } = await withCpu(server.process.pid, () => loadTest({ ...options, durationSeconds: seconds }));
    return { result, cpuUsPerRequest: cpuSeconds === null || result.requests === 0 ? null : (cpuSeconds * 1e6) / result.requests };
  } finally {
    await server.stop();
  }
}
