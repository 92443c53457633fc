/**
 * One import in a process of its own, so its peak RSS is its own: `--db URL --file F --carrier C
 * --mode snapshot|delta`. Prints one JSON line: seconds, peak RSS (MB) and the import's report.
 */
import path from 'node:path';
import { migrateToLatest } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/open.ts';
import type { Carrier } from '../src/domain/index.ts';
import { importSubscriberFile, seedReferenceData, subscriberImportDependencies } from '../src/registry/index.ts';

const arg = (name: string) => {
  const at = process.argv.indexOf(name);
  const value = at < 0 ? undefined : process.argv[at + 1];
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
};

const db = openDatabase(arg('--db'));
try {
  await migrateToLatest(db);
  await seedReferenceData(db);
  const file = arg('--file');
  const started = performance.now();
  // Seconds spent in each phase and the peak RSS at its end, so a run says where its time and memory went.
  const phases: Record<string, { seconds: number; peakRssMb: number }> = {};
  const endPhase = (at: number) => {
    phases[phase.name] = { seconds: (at - phase.since) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  };
  let phase = { name: 'start', since: started };
  const report = await importSubscriberFile(subscriberImportDependencies(db), {
    path: file,
    fileName: path.basename(file),
    carrier: arg('--carrier') as Carrier,
    mode: arg('--mode') as 'snapshot' | 'delta',
    policy: 'valid_rows',
    dryRun: false,
    confirmClosures: true,
    actor: 'bench',
    now: () => new Date('2026-05-01T00:00:00Z'),
    onProgress: (progress) => {
      if (progress.phase === phase.name) return;
      const at = performance.now();
      endPhase(at);
      phase = { name: progress.phase, since: at };
    },
  });
  endPhase(performance.now());
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(JSON.stringify({ seconds, phases, peakRssMb: process.resourceUsage().maxRSS / 1024, report }) + '\n');
} finally {
  await db.close();
}
