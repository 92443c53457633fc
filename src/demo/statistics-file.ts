/**
 * The demo's official statistics: its made-up population figures as the statistics office's table
 * (docs/imports.md, "Official statistics"), and that table as the version the demo database holds.
 * One text serves both, so `demo generate --out` writes the very file whose figures (and hash) the
 * database path records, and importing it gives the same figures.
 */
import crypto from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { NewStatisticsVersion } from '../registry/index.ts';
import { STATISTICS_FILE_COLUMNS } from '../registry/index.ts';
import type { AdminUnit } from '../domain/index.ts';
import { formatCalendarDay, vietnamCalendarDate } from '../domain/index.ts';
import type { UnitPopulation } from './geography.ts';

/** The source every demo version names, so no screen takes its figures for the statistics office's. */
export const DEMO_STATISTICS_SOURCE = 'Số liệu mô phỏng (demo)';
export const DEMO_STATISTICS_FILE = 'thong-ke-dan-so.csv';

/** Above the header, passed over by the reader: the file itself says what it is. */
const TITLE = 'SỐ LIỆU MÔ PHỎNG (DEMO) - không phải số liệu thống kê chính thức';

/** The table as CSV: a title row, the documented column codes, one row per unit in code order. */
export function demoStatisticsCsv(units: readonly AdminUnit[], figures: readonly UnitPopulation[]): string {
  const byCode = new Map(figures.map((f) => [f.code, f]));
  const rows = [...units]
    .sort((a, b) => a.code.localeCompare(b.code))
    .flatMap((u) => {
      const f = byCode.get(u.code);
      return f ? [[u.code, u.name, f.population, f.population14plus]] : [];
    });
  return stringify([[TITLE], STATISTICS_FILE_COLUMNS.map((c) => c.code), ...rows]);
}

/** The version of that table in a demo database: in force from the campaign's first day, labelled demo. */
export function demoStatisticsVersion(csv: string, referenceNow: string): NewStatisticsVersion {
  const firstDay = formatCalendarDay(vietnamCalendarDate(new Date(referenceNow)));
  return {
    source: DEMO_STATISTICS_SOURCE,
    published_on: firstDay,
    effective_from: firstDay,
    loaded_at: referenceNow,
    loaded_by: 'demo',
    file_name: DEMO_STATISTICS_FILE,
    file_sha256: crypto.createHash('sha256').update(csv).digest('hex'),
    is_demo: 1,
  };
}
