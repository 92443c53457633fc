/**
 * Loads the reference tables from `data/` (CSV) into the shapes `src/domain` defines, validating
 * every row. Tables are read once per directory and cached: they change only with a release.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import {
  type AdminUnit,
  type CarrierPrefix,
  type ReferenceData,
  isAdminUnitType,
  isCarrier,
} from '../domain/reference-data.ts';

export type { AdminUnit, CarrierPrefix, ReferenceData } from '../domain/reference-data.ts';

/** The repository's `data/` directory. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

const PROVINCE_CODES_FILE = 'id_province_codes.csv';
const CARRIER_PREFIXES_FILE = 'carrier_prefixes.csv';
const ADMIN_UNITS_FILE = 'an_giang_units.csv';

const referenceCache = new Map<string, ReferenceData>();
const adminUnitCache = new Map<string, readonly AdminUnit[]>();

/**
 * Reads the personal-ID province codes and the carrier prefixes from `dir` (default: the repo's
 * `data/`). Throws an Error naming the file, row (line in the file) and field of the first bad value.
 */
export function loadReferenceData(dir: string = DEFAULT_DATA_DIR): ReferenceData {
  const key = resolve(dir);
  let data = referenceCache.get(key);
  if (!data) {
    data = Object.freeze({
      provinceCodes: readProvinceCodes(join(key, PROVINCE_CODES_FILE)),
      carrierPrefixes: readCarrierPrefixes(join(key, CARRIER_PREFIXES_FILE)),
    });
    referenceCache.set(key, data);
  }
  return data;
}

/**
 * Reads the commune-level units of An Giang from `dir` (default: the repo's `data/`), validated and
 * cached like {@link loadReferenceData}.
 */
export function loadAdminUnits(dir: string = DEFAULT_DATA_DIR): readonly AdminUnit[] {
  const key = resolve(dir);
  let units = adminUnitCache.get(key);
  if (!units) {
    units = readAdminUnits(join(key, ADMIN_UNITS_FILE));
    adminUnitCache.set(key, units);
  }
  return units;
}

/** One data row of a CSV file, by column name, with its line number for error messages. */
interface CsvRow {
  line: number;
  get(column: string): string;
}

/** Error for a bad value, naming the file, the row (line in the file) and the field. */
function fieldError(file: string, row: CsvRow, column: string, problem: string): Error {
  return new Error(`${file}, row ${row.line}, field "${column}": ${problem} (got "${row.get(column)}")`);
}

/** Parses a CSV file whose header must be exactly `columns` (in this order). */
function readCsv(path: string, columns: readonly string[]): CsvRow[] {
  const file = fileName(path);
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`${file}: cannot read reference table: ${(err as Error).message}`, { cause: err });
  }
  const checkHeader = (header: string[]): string[] => {
    if (header.join(',') !== columns.join(',')) {
      throw new Error(`${file}, row 1: header must be "${columns.join(',')}" (got "${header.join(',')}")`);
    }
    return header;
  };
  try {
    const rows = parse<CsvRow, Record<string, string>>(content, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      columns: checkHeader,
      on_record: (record, context) => ({ line: context.lines, get: (column) => record[column] ?? '' }),
    });
    if (content.trim() === '') checkHeader([]);
    return rows;
  } catch (err) {
    const message = (err as Error).message;
    if (message.startsWith(file)) throw err;
    throw new Error(`${file}: invalid CSV: ${message}`, { cause: err });
  }
}

function fileName(path: string): string {
  return path.split(/[\\/]/).at(-1) ?? path;
}

/** Checks that no two rows share a value in `column` (a table key). */
function requireUnique(file: string, rows: readonly CsvRow[], column: string): void {
  const seen = new Set<string>();
  for (const row of rows) {
    const value = row.get(column);
    if (value === '') continue; // an empty optional value is not a key
    if (seen.has(value)) throw fieldError(file, row, column, 'duplicate value');
    seen.add(value);
  }
}

function readProvinceCodes(path: string): ReadonlyMap<string, string> {
  const file = fileName(path);
  const rows = readCsv(path, ['code', 'province']);
  requireUnique(file, rows, 'code');
  const codes = new Map<string, string>();
  for (const row of rows) {
    if (!/^\d{3}$/.test(row.get('code'))) throw fieldError(file, row, 'code', 'must be 3 digits');
    if (row.get('province') === '') throw fieldError(file, row, 'province', 'must not be empty');
    codes.set(row.get('code'), row.get('province'));
  }
  return codes;
}

function readCarrierPrefixes(path: string): readonly CarrierPrefix[] {
  const file = fileName(path);
  const rows = readCsv(path, ['prefix', 'carrier', 'old_prefix', 'confidence']);
  requireUnique(file, rows, 'prefix');
  requireUnique(file, rows, 'old_prefix');
  return Object.freeze(
    rows.map((row): CarrierPrefix => {
      const prefix = row.get('prefix');
      const carrier = row.get('carrier');
      const oldPrefix = row.get('old_prefix');
      const confidence = row.get('confidence');
      if (!/^0[3-9]\d$/.test(prefix)) throw fieldError(file, row, 'prefix', 'must be 0 followed by 2 digits, not 01x/02x');
      if (!isCarrier(carrier)) throw fieldError(file, row, 'carrier', 'unknown carrier');
      if (oldPrefix !== '' && !/^01\d{2}$/.test(oldPrefix)) {
        throw fieldError(file, row, 'old_prefix', 'must be empty or 01 followed by 2 digits');
      }
      if (confidence !== 'sure' && confidence !== 'assumed') {
        throw fieldError(file, row, 'confidence', 'must be "sure" or "assumed"');
      }
      return { prefix, carrier, oldPrefix: oldPrefix === '' ? null : oldPrefix, confidence };
    }),
  );
}

function readAdminUnits(path: string): readonly AdminUnit[] {
  const file = fileName(path);
  const rows = readCsv(path, ['code', 'name', 'type']);
  requireUnique(file, rows, 'code');
  return Object.freeze(
    rows.map((row): AdminUnit => {
      const code = row.get('code');
      const name = row.get('name');
      const type = row.get('type');
      if (!/^\d{5}$/.test(code)) throw fieldError(file, row, 'code', 'must be 5 digits');
      if (name === '') throw fieldError(file, row, 'name', 'must not be empty');
      if (!isAdminUnitType(type)) throw fieldError(file, row, 'type', 'must be xa, phuong or dac_khu');
      return { code, name, type };
    }),
  );
}
