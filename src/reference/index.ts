/**
 * Loads the reference tables from `data/` (CSV) into the shapes `src/domain` defines, validating
 * every row. Tables are read once per directory and cached: they change only with a release.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { canonicalName } from '../domain/person-name.ts';
import {
  type AdminUnit,
  type CarrierPrefix,
  type OldUnit,
  type ReferenceData,
  isAdminUnitType,
  isCarrier,
  isOldProvince,
  OLD_COMMUNE_TYPE_WORDS,
  OLD_DISTRICT_TYPE_WORDS,
} from '../domain/reference-data.ts';

export type { AdminUnit, CarrierPrefix, OldUnit, ReferenceData } from '../domain/reference-data.ts';

/** The repository's `data/` directory. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

const PROVINCE_CODES_FILE = 'id_province_codes.csv';
const CARRIER_PREFIXES_FILE = 'carrier_prefixes.csv';
const ADMIN_UNITS_FILE = 'an_giang_units.csv';
const OLD_UNITS_FILE = 'an_giang_units_before_2025.csv';

const referenceCache = new Map<string, ReferenceData>();
const adminUnitCache = new Map<string, readonly AdminUnit[]>();
const oldUnitCache = new Map<string, readonly OldUnit[]>();

/** The table `read` makes of directory `dir`, read once per directory. */
function cachedPerDir<T>(cache: Map<string, T>, dir: string, read: (dir: string) => T): T {
  const key = resolve(dir);
  let table = cache.get(key);
  if (table === undefined) {
    table = read(key);
    cache.set(key, table);
  }
  return table;
}

/**
 * Reads the personal-ID province codes and the carrier prefixes from `dir` (default: the repo's
 * `data/`). Throws an Error naming the file, row (line in the file) and field of the first bad value.
 */
export function loadReferenceData(dir: string = DEFAULT_DATA_DIR): ReferenceData {
  return cachedPerDir(referenceCache, dir, (key) =>
    Object.freeze({
      provinceCodes: readProvinceCodes(join(key, PROVINCE_CODES_FILE)),
      carrierPrefixes: readCarrierPrefixes(join(key, CARRIER_PREFIXES_FILE)),
    }),
  );
}

/**
 * Reads the commune-level units of An Giang from `dir` (default: the repo's `data/`), validated and
 * cached like {@link loadReferenceData}.
 */
export function loadAdminUnits(dir: string = DEFAULT_DATA_DIR): readonly AdminUnit[] {
  return cachedPerDir(adminUnitCache, dir, (key) => readAdminUnits(join(key, ADMIN_UNITS_FILE)));
}

/**
 * Reads the table of commune-level units before 1/7/2025 (old An Giang and Kiên Giang → the new
 * unit) from `dir`, one row per CSV row, validated against the new units of the same directory and
 * cached like {@link loadReferenceData}. An old unit split between new ones has one row per new
 * unit, all with `split`; any other old unit has exactly one row.
 */
export function loadOldUnits(dir: string = DEFAULT_DATA_DIR): readonly OldUnit[] {
  return cachedPerDir(oldUnitCache, dir, (key) =>
    readOldUnits(join(key, OLD_UNITS_FILE), new Set(loadAdminUnits(key).map((unit) => unit.code))),
  );
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

/** Whether `name` is one of `typeWords` followed by a name (`Xã Vĩnh Châu`, not `Vĩnh Châu` or `Xã`). */
function startsWithTypeWord(name: string, typeWords: readonly string[]): boolean {
  return typeWords.some((type) => name.startsWith(`${type} `) && name.length > type.length + 1);
}

function readOldUnits(path: string, newCodes: ReadonlySet<string>): readonly OldUnit[] {
  const file = fileName(path);
  const rows = readCsv(path, ['old_code', 'old_name', 'old_district', 'old_province', 'new_code', 'split']);
  const units = rows.map((row): OldUnit => {
    const oldCode = row.get('old_code');
    const oldName = row.get('old_name');
    const oldDistrict = row.get('old_district');
    const oldProvince = row.get('old_province');
    const newCode = row.get('new_code');
    const split = row.get('split');
    if (!/^\d{5}$/.test(oldCode)) throw fieldError(file, row, 'old_code', 'must be 5 digits');
    if (!startsWithTypeWord(oldName, OLD_COMMUNE_TYPE_WORDS)) {
      throw fieldError(file, row, 'old_name', `must be a name after its type word (${OLD_COMMUNE_TYPE_WORDS.join(', ')})`);
    }
    if (!startsWithTypeWord(oldDistrict, OLD_DISTRICT_TYPE_WORDS)) {
      throw fieldError(file, row, 'old_district', `must be a name after its type word (${OLD_DISTRICT_TYPE_WORDS.join(', ')})`);
    }
    if (!isOldProvince(oldProvince)) throw fieldError(file, row, 'old_province', 'must be "An Giang" or "Kiên Giang"');
    if (!newCodes.has(newCode)) throw fieldError(file, row, 'new_code', `must be a code of ${ADMIN_UNITS_FILE}`);
    if (split !== 'yes' && split !== 'no') throw fieldError(file, row, 'split', 'must be "yes" or "no"');
    return { oldCode, oldName, oldDistrict, oldProvince, newCode, split: split === 'yes' };
  });
  requireOldUnitGroups(file, rows, units);
  return Object.freeze(units);
}

/**
 * Checks how rows make old units: the rows of one old code agree on its name, district and
 * province and name different new units, and there are several of them exactly when `split=yes`;
 * no two old units share a name in one district (an address there could never be resolved).
 */
function requireOldUnitGroups(file: string, rows: readonly CsvRow[], units: readonly OldUnit[]): void {
  const groups = new Map<string, { first: OldUnit; firstRow: CsvRow; newCodes: Set<string> }>();
  const unitByPlace = new Map<string, string>();
  units.forEach((unit, i) => {
    const row = rows[i] as CsvRow;
    const group = groups.get(unit.oldCode);
    if (group === undefined) {
      groups.set(unit.oldCode, { first: unit, firstRow: row, newCodes: new Set([unit.newCode]) });
      const place = [unit.oldName, unit.oldDistrict, unit.oldProvince].map(canonicalName).join('\u0000');
      if (unitByPlace.has(place)) {
        throw fieldError(file, row, 'old_name', `duplicate value in the same district (old_code ${unitByPlace.get(place)})`);
      }
      unitByPlace.set(place, unit.oldCode);
      return;
    }
    if (!group.first.split && !unit.split) throw fieldError(file, row, 'old_code', 'duplicate value (only a split unit has several rows)');
    if (group.first.split !== unit.split) throw fieldError(file, row, 'split', `must be the same on every row of old_code ${unit.oldCode}`);
    const fields = [
      ['old_name', unit.oldName !== group.first.oldName],
      ['old_district', unit.oldDistrict !== group.first.oldDistrict],
      ['old_province', unit.oldProvince !== group.first.oldProvince],
    ] as const;
    for (const [field, differs] of fields) {
      if (differs) throw fieldError(file, row, field, `must be the same on every row of old_code ${unit.oldCode}`);
    }
    if (group.newCodes.has(unit.newCode)) throw fieldError(file, row, 'new_code', `duplicate value for old_code ${unit.oldCode}`);
    group.newCodes.add(unit.newCode);
  });
  for (const { first, firstRow, newCodes } of groups.values()) {
    if (first.split && newCodes.size < 2) {
      throw fieldError(file, firstRow, 'split', `"yes" needs a row for each of at least 2 new units (old_code ${first.oldCode} has 1)`);
    }
  }
}
