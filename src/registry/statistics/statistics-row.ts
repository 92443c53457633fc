/**
 * One row of the statistics office's table checked: a commune's figures, or the problems that keep
 * the row out, each with its column, stable code and Vietnamese message. Statistics are public, so
 * a message may quote what the cell holds (a subscriber file's messages never do). Checks across
 * rows (a commune twice, communes missing) are the import's.
 */
import { resolveCommuneName, type CommuneNameIndex } from '../../domain/index.ts';
import type { CommuneFigures } from './statistics.repository.ts';
import type { StatisticsColumnCode, StatisticsLayout } from './statistics-columns.ts';

/** A problem of the table: where (row and column, when it has them), its code and what to do. */
export interface StatisticsProblem {
  /** The row as the operator sees it; null for the table as a whole (a commune missing from it). */
  row: number | null;
  column: StatisticsColumnCode | null;
  code: string;
  message: string;
  /** The cell as written, when the problem is about one. */
  value: string | null;
}

export type RowFinding = Omit<StatisticsProblem, 'row'>;

export interface StatisticsRowContext {
  /** The province's units by code, with their names for messages. */
  unitNames: ReadonlyMap<string, string>;
  names: CommuneNameIndex;
  /**
   * Whether counts may group their digits (`12.345`, `12,345`, `12 345`): a CSV holds what a person
   * or Excel's regional format wrote; an xlsx cell holds the number itself, so a dot there is a
   * fraction.
   */
  groupedDigits: boolean;
}

export const STATISTICS_ROW_MESSAGES_VI = {
  ROW_VALUE_REQUIRED: 'Cột bắt buộc nhưng đang để trống.',
  ROW_COMMUNE_REQUIRED: 'Cần mã xã hoặc tên xã.',
  ROW_COUNT_INVALID: 'Phải là một số nguyên không âm (số người).',
  ROW_14PLUS_ABOVE_POPULATION: 'Dân số từ 14 tuổi trở lên lớn hơn dân số.',
  ROW_COMMUNE_UNKNOWN: 'Mã xã không có trong danh mục đơn vị hành chính của tỉnh.',
  ROW_COMMUNE_NAME_UNKNOWN: 'Tên xã không khớp với xã, phường, đặc khu nào của tỉnh.',
} as const;

const PLAIN = /^\d+$/;
// One separator, used between every group of three: `1.234.567`, `1,234,567`, `1 234 567`.
const GROUPED = /^\d{1,3}([.,\u00a0\u202f ])\d{3}(?:\1\d{3})*$/u;

/** A count of people as written: a whole number ≥ 0 (digits grouped by threes where allowed); null otherwise. */
export function parseCount(text: string, groupedDigits: boolean): number | null {
  const value = text.trim();
  const digits = PLAIN.test(value) ? value : groupedDigits && GROUPED.test(value) ? value.replace(/\D/g, '') : null;
  if (digits === null) return null;
  const count = Number(digits);
  return Number.isSafeInteger(count) ? count : null;
}

/**
 * What one row says: the commune it names (when that could be told, even if its counts are wrong:
 * the commune is then not missing from the table), its figures when all is well, or its problems.
 */
export interface RowCheck {
  communeCode: string | null;
  figures: CommuneFigures | null;
  problems: RowFinding[];
}

/** Checks one data row; `values` are the file's cells, placed by `layout`. */
export function checkStatisticsRow(values: readonly string[], layout: StatisticsLayout, ctx: StatisticsRowContext): RowCheck {
  const problems: RowFinding[] = [];
  const cell = (column: StatisticsColumnCode): string => {
    const at = layout.index[column];
    return at === undefined ? '' : (values[at] ?? '').trim();
  };
  const fail = (column: StatisticsColumnCode | null, code: string, message: string, value: string | null) => problems.push({ column, code, message, value });

  const communeCode = checkCommune(cell('commune_code'), cell('commune_name'), ctx, fail);
  const count = (column: 'population' | 'population_14plus'): number | null => {
    const text = cell(column);
    if (text === '') {
      fail(column, 'ROW_VALUE_REQUIRED', STATISTICS_ROW_MESSAGES_VI.ROW_VALUE_REQUIRED, null);
      return null;
    }
    const parsed = parseCount(text, ctx.groupedDigits);
    if (parsed === null) fail(column, 'ROW_COUNT_INVALID', STATISTICS_ROW_MESSAGES_VI.ROW_COUNT_INVALID, text);
    return parsed;
  };
  const population = count('population');
  const population14plus = count('population_14plus');
  if (population !== null && population14plus !== null && population14plus > population) {
    fail('population_14plus', 'ROW_14PLUS_ABOVE_POPULATION', STATISTICS_ROW_MESSAGES_VI.ROW_14PLUS_ABOVE_POPULATION, cell('population_14plus'));
  }
  if (problems.length > 0 || communeCode === null || population === null || population14plus === null) return { communeCode, figures: null, problems };
  return { communeCode, figures: { communeCode, population, population14plus }, problems };
}

type Fail = (column: StatisticsColumnCode | null, code: string, message: string, value: string | null) => void;

/** The commune of a row by its code, its name, or both (which must name the same unit). */
function checkCommune(code: string, name: string, ctx: StatisticsRowContext, fail: Fail): string | null {
  if (code === '' && name === '') {
    fail(null, 'ROW_COMMUNE_REQUIRED', STATISTICS_ROW_MESSAGES_VI.ROW_COMMUNE_REQUIRED, null);
    return null;
  }
  if (code !== '' && !ctx.unitNames.has(code)) {
    fail('commune_code', 'ROW_COMMUNE_UNKNOWN', STATISTICS_ROW_MESSAGES_VI.ROW_COMMUNE_UNKNOWN, code);
    return null;
  }
  if (name === '') return code;
  const named = resolveCommuneName(ctx.names, name);
  if (code !== '' && (named.kind !== 'found' || named.code !== code)) {
    fail('commune_name', 'ROW_COMMUNE_NAME_MISMATCH', `Tên xã không phải tên của đơn vị mã ${code} (${ctx.unitNames.get(code)}).`, name);
    return null;
  }
  switch (named.kind) {
    case 'found':
      return named.code;
    case 'unknown':
      fail('commune_name', 'ROW_COMMUNE_NAME_UNKNOWN', STATISTICS_ROW_MESSAGES_VI.ROW_COMMUNE_NAME_UNKNOWN, name);
      return null;
    case 'ambiguous': {
      const units = named.codes.map((c) => `${ctx.unitNames.get(c)} (mã ${c})`).join(', ');
      fail('commune_name', 'ROW_COMMUNE_NAME_AMBIGUOUS', `Tên xã khớp với nhiều đơn vị: ${units}. Hãy ghi rõ xã, phường hay đặc khu, hoặc ghi mã xã.`, name);
      return null;
    }
  }
}
