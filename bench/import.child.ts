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
  });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(JSON.stringify({ seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, report }) + '\n');
} finally {
  await db.close();
}
