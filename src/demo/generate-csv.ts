/** Writes a demo run as CSV files: the same rows as the database path for the same request. */
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { REFERENCE_PROVINCE_CODE } from '../registry/index.ts';
import { CARRIER_FILE_COLUMNS, carrierFileName, carrierOf, toCarrierFileRow } from './carrier-files.ts';
import type { DemoProgress } from './generate-database.ts';
import { CITIZEN_COLUMNS, DemoRowGenerator, PLANTED_COLUMNS, SUBSCRIBER_COLUMNS, type DemoRequest, type Row } from './row-generator.ts';
import { DEMO_STATISTICS_FILE, demoStatisticsCsv } from './statistics-file.ts';
import type { DemoSummary } from './tally.ts';
import { groupBy } from './group-by.ts';
import { NOTICE_LIST_COLUMNS, noticeListFileName, noticesOf } from './carrier-notices.ts';

export interface GenerateDemoCsvOptions extends DemoRequest {
  onProgress?: DemoProgress;
}

/**
 * The files {@link generateDemoCsv} writes, each with a header row of the table's column names,
 * and beside them one file per carrier in the documented subscriber-file format ({@link carrierFileName}).
 */
export const DEMO_CSV_FILES = {
  citizens: 'citizens.csv',
  subscribers: 'subscribers.csv',
  planted: 'planted.csv',
  adminUnits: 'admin_units.csv',
  statistics: DEMO_STATISTICS_FILE,
} as const;

const ADMIN_UNIT_COLUMNS = ['code', 'name', 'type', 'province_code'] as const;

/**
 * Generates the demo into `dir` as `citizens.csv`, `subscribers.csv`, `planted.csv`,
 * `admin_units.csv`, the population figures as the statistics office's table (`thong-ke-dan-so.csv`,
 * which `tttb import statistics` loads) and each carrier's subscriber file
 * (`thue-bao-<carrier>.csv`, docs/imports.md) and notice list (`nhan-tin-<carrier>.csv`). Empty cells stand for null. Files are
 * written under temporary names and renamed at the end, so a failed run leaves no partial file.
 */
export async function generateDemoCsv(dir: string, options: GenerateDemoCsvOptions): Promise<DemoSummary> {
  const generator = new DemoRowGenerator(options);
  fs.mkdirSync(dir, { recursive: true });
  const files = {
    citizens: new CsvFile(path.join(dir, DEMO_CSV_FILES.citizens), CITIZEN_COLUMNS),
    subscribers: new CsvFile(path.join(dir, DEMO_CSV_FILES.subscribers), SUBSCRIBER_COLUMNS),
    planted: new CsvFile(path.join(dir, DEMO_CSV_FILES.planted), PLANTED_COLUMNS),
    adminUnits: new CsvFile(path.join(dir, DEMO_CSV_FILES.adminUnits), ADMIN_UNIT_COLUMNS),
    statistics: new CsvFile(path.join(dir, DEMO_CSV_FILES.statistics), demoStatisticsCsv(generator.units, generator.population)),
  };
  const carrierFiles = new Map<string, CsvFile>();
  const carrierFile = (carrier: string): CsvFile => {
    let file = carrierFiles.get(carrier);
    if (!file) carrierFiles.set(carrier, (file = new CsvFile(path.join(dir, carrierFileName(carrier)), CARRIER_FILE_COLUMNS)));
    return file;
  };
  const noticeFiles = new Map<string, CsvFile>();
  const noticeFile = (carrier: string): CsvFile => {
    let file = noticeFiles.get(carrier);
    if (!file) noticeFiles.set(carrier, (file = new CsvFile(path.join(dir, noticeListFileName(carrier)), NOTICE_LIST_COLUMNS)));
    return file;
  };
  const all = () => [...Object.values(files), ...carrierFiles.values(), ...noticeFiles.values()];
  try {
    await files.adminUnits.write(generator.units.map((u) => [u.code, u.name, u.type, REFERENCE_PROVINCE_CODE]));
    options.onProgress?.(0, options.lines);
    for (const batch of generator.batches()) {
      await files.citizens.write(batch.citizens);
      await files.subscribers.write(batch.subscribers);
      await files.planted.write(batch.planted);
      for (const [carrier, rows] of groupBy(batch.subscribers, carrierOf)) await carrierFile(carrier).write(rows.map(toCarrierFileRow));
      for (const [carrier, sent] of groupBy(noticesOf(batch, generator.settings.referenceNow), (n) => n.carrier)) {
        await noticeFile(carrier).write(sent.map((n) => [n.msisdn, n.at]));
      }
      options.onProgress?.(batch.linesDone, options.lines);
    }
    for (const file of all()) await file.commit();
  } catch (error) {
    for (const file of all()) file.discard();
    throw error;
  }
  return generator.summary;
}

/** One CSV file written under a temporary name, renamed into place by {@link commit}. */
class CsvFile {
  private readonly partial: string;
  private readonly stream: fs.WriteStream;

  /** Starts with the header row of `columns`, or with `text` as it is (a whole small file). */
  constructor(
    private readonly target: string,
    start: readonly string[] | string,
  ) {
    this.partial = `${target}.partial`;
    this.stream = fs.createWriteStream(this.partial);
    this.stream.write(typeof start === 'string' ? start : stringify([start]));
  }

  async write(rows: readonly Row[]): Promise<void> {
    if (rows.length === 0) return;
    // Respect back-pressure so a 6-million-line run does not buffer the whole file in memory.
    if (!this.stream.write(stringify(rows as Row[]))) await once(this.stream, 'drain');
  }

  async commit(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
    fs.renameSync(this.partial, this.target);
  }

  discard(): void {
    this.stream.destroy();
    fs.rmSync(this.partial, { force: true });
  }
}
