/**
 * A commune-level unit (xã, phường, đặc khu from 1/7/2025) named by its name rather than its code,
 * as the statistics office's tables name them. The same reading as old addresses (place-name.ts):
 * the type word is optional (`Long Xuyên`, `P. Long Xuyên`, `Phường Long Xuyên`), case, spacing
 * and tone placement do not matter, and marks may be lost. A name that fits several units is
 * ambiguous and one that fits none unknown: never a near guess.
 */
import { readPlaceName, readTableName, typeWords, unitsNamed, type TableName } from './place-name.ts';
import type { AdminUnit, AdminUnitType } from './reference-data.ts';

const TYPE_WORD: Readonly<Record<AdminUnitType, string>> = { xa: 'Xã', phuong: 'Phường', dac_khu: 'Đặc khu' };

const UNIT_TYPES = typeWords({ [TYPE_WORD.xa]: ['x'], [TYPE_WORD.phuong]: ['p'], [TYPE_WORD.dac_khu]: ['đk'] });

/** Where a written name leads: one unit, several (their codes, sorted), or none. */
export type CommuneNameResolution =
  | { readonly kind: 'found'; readonly code: string }
  | { readonly kind: 'ambiguous'; readonly codes: readonly string[] }
  | { readonly kind: 'unknown' };

interface IndexedUnit {
  code: string;
  name: TableName;
}

/** The province's units indexed by the bare form of their names; build it once with {@link indexCommuneNames}. */
export interface CommuneNameIndex {
  readonly byBareName: ReadonlyMap<string, readonly IndexedUnit[]>;
}

/**
 * Indexes the units (as the reference table holds them: each name starts with its type word).
 * @throws Error when a name does not (the reference loader checks the table).
 */
export function indexCommuneNames(units: readonly Pick<AdminUnit, 'code' | 'name'>[]): CommuneNameIndex {
  const byBareName = new Map<string, IndexedUnit[]>();
  for (const unit of units) {
    const indexed = { code: unit.code, name: readTableName(unit.name, UNIT_TYPES, `unit ${unit.code}`) };
    byBareName.set(indexed.name.bare, [...(byBareName.get(indexed.name.bare) ?? []), indexed]);
  }
  return { byBareName };
}

/** The unit a written name names, if exactly one. */
export function resolveCommuneName(index: CommuneNameIndex, text: string): CommuneNameResolution {
  const written = readPlaceName(text, UNIT_TYPES);
  if (written === null) return { kind: 'unknown' };
  const found = unitsNamed(written, index.byBareName.get(written.bare) ?? []);
  const [only] = found;
  if (only === undefined) return { kind: 'unknown' };
  if (found.length > 1) return { kind: 'ambiguous', codes: found.map((u) => u.code).sort() };
  return { kind: 'found', code: only.code };
}
