/**
 * The acceptance of carriers' subscriber files and of the statistics table against the demo:
 * `tttb demo generate --out DIR` writes each carrier's file and the population figures in the
 * documented formats, and importing those files into an empty registry gives the same registry and
 * the same figures the demo writes directly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase } from '../src/db/testing.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Database } from '../src/db/open.ts';
import { generateDemo, generateDemoCsv } from '../src/demo/index.ts';
import { carrierFileName } from '../src/demo/carrier-files.ts';
import { noticeListFileName } from '../src/demo/carrier-notices.ts';
import { recordCarrierEventsFile } from '../src/carriers/index.ts';
import { CARRIERS } from '../src/domain/index.ts';
import { DEMO_CSV_FILES } from '../src/demo/index.ts';
import { figuresAsOf, importSubscriberFile, seedReferenceData, subscriberImportDependencies } from '../src/registry/index.ts';
import { runCli } from './run-cli.ts';

const LINES = 4_000;
const SEED = 11;
const NOW = new Date('2026-05-01T00:00:00Z');
const COMPARED = [
  'msisdn', 'carrier', 'line_class', 'holder_kind', 'document_type', 'document_number', 'full_name', 'name_key', 'birth_date',
  'birth_precision', 'sex', 'commune_code', 'imei', 'registered_at', 'verification_state', 'verified_at', 'lock_level', 'closed_at',
] as const;

const noticeMemberships = async (db: Database) =>
  (
    await db.kysely
      .selectFrom('target_memberships as m')
      .innerJoin('subscribers as s', 's.id', 'm.subscriber_id')
      .select(['s.msisdn', 'm.source', 'm.since', 'm.ended_at'])
      .where('m.target_group', '=', 'carrier_notice')
      .orderBy('s.msisdn')
      .execute()
  ).map((m) => ({ ...m, since: new Date(m.since).toISOString() }));
const registry = (db: Database) => db.kysely.selectFrom('subscribers').select(COMPARED).orderBy('msisdn').execute();

describeEachDatabase('demo carrier files', ({ db, test }) => {
  let dir: string;
  let direct: Database;
  let disposeDirect: () => Promise<void>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-demo-files-'));
    await generateDemoCsv(dir, { lines: LINES, seed: SEED });
    const other = createTestDatabase(test().dialect);
    direct = other.open();
    disposeDirect = async () => {
      await direct.close();
      await other.dispose();
    };
    await migrateToLatest(direct);
    await generateDemo(direct, { lines: LINES, seed: SEED });
    await seedReferenceData(db());
  });
  afterAll(async () => {
    await disposeDirect();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imported into an empty registry give the registry the demo writes directly', async () => {
    const files = CARRIERS.map((carrier) => ({ carrier, file: path.join(dir, carrierFileName(carrier)) })).filter((f) => fs.existsSync(f.file));
    expect(files.length).toBeGreaterThanOrEqual(5);
    let rows = 0;
    for (const { carrier, file } of files) {
      const report = await importSubscriberFile(subscriberImportDependencies(db()), {
        path: file,
        fileName: path.basename(file),
        carrier,
        mode: 'snapshot',
        policy: 'all_or_nothing',
        dryRun: false,
        confirmClosures: false,
        actor: 'test',
        now: () => NOW,
      });
      expect(report, carrier).toMatchObject({ state: 'applied', rowsRejected: 0 });
      rows += report.rowsStaged;
    }
    expect(rows).toBe(LINES);
    expect(await registry(db())).toEqual(await registry(direct));

    // The carriers' notice lists give the target group 2 the demo writes directly.
    let notices = 0;
    for (const { carrier } of files) {
      const list = path.join(dir, noticeListFileName(carrier));
      if (!fs.existsSync(list)) continue;
      const report = await recordCarrierEventsFile({ db: db(), now: () => NOW }, { scope: [{ kind: 'carrier', value: carrier }], actor: 'test' }, list);
      expect(report, carrier).toMatchObject({ skipped: 0, recorded: { unchanged: 0 } });
      notices += report.recorded.applied;
    }
    const group2 = await noticeMemberships(db());
    expect(group2).toHaveLength(notices);
    expect(notices).toBeGreaterThan(LINES / 50);
    expect(group2).toEqual(await noticeMemberships(direct));
  });

  it('give, imported with `tttb import statistics`, the figures the demo writes directly', async () => {
    const t = test();
    const url = t.schema ? `${t.url}${t.url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${t.schema}`)}` : t.url;
    const file = path.join(dir, DEMO_CSV_FILES.statistics);
    const result = runCli(['import', 'statistics', file, '--source', 'Số liệu mô phỏng (demo)', '--published', '2026-04-28'], { TTTB_DATABASE_URL: url, TTTB_DATA_DIR: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ state: 'loaded', communes: 102, problems: [] });
    const [imported, demo] = [await figuresAsOf(db(), '2026-04-28'), await figuresAsOf(direct, '2026-04-28')];
    expect(imported?.figures).toEqual(demo?.figures);
    expect(imported?.figures).toHaveLength(102);
    // The very file the demo's version was made from; loaded by hand, it is not labelled demo.
    expect(imported?.version.file_sha256).toBe(demo?.version.file_sha256);
    expect([imported?.version.is_demo, demo?.version.is_demo]).toEqual([0, 1]);
  });
});
