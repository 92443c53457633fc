/**
 * Test support: a handful of citizens and a way to write them into the simulator's population
 * table (`nid_citizens`), for the simulator's tests and the HTTP client's.
 */
import { canonicalName } from '../../domain/index.ts';
import type { Database } from '../../db/open.ts';
import type { PopulationRecord } from './national-id.matching.ts';

export const HOA: PopulationRecord = {
  personalId: '089090001234',
  legacyCmnd: '351234567',
  fullName: 'Nguyễn Văn Hòa',
  birthDate: '1990-05-09',
  deceasedOn: null,
  faceSeed: 101,
};

export const THUY: PopulationRecord = {
  personalId: '091195000777',
  legacyCmnd: null,
  fullName: 'Trần Thị Thủy',
  birthDate: '1995-11-23',
  deceasedOn: null,
  faceSeed: 202,
};

/** Only a birth year on record, as for many older people. */
export const CHAU_SOC: PopulationRecord = {
  personalId: '089045000111',
  legacyCmnd: '350000111',
  fullName: 'Chau Sóc',
  birthDate: '1945',
  deceasedOn: null,
  faceSeed: 303,
};

export const DAO_DECEASED: PopulationRecord = {
  personalId: '089160000555',
  legacyCmnd: null,
  fullName: 'Lê Thị Đào',
  birthDate: '1960-02-14',
  deceasedOn: '2025-08-01',
  faceSeed: 404,
};

export const FIXTURE_CITIZENS: readonly PopulationRecord[] = [HOA, THUY, CHAU_SOC, DAO_DECEASED];

const PRECISION_BY_LENGTH = { 4: 'year', 7: 'month', 10: 'day' } as const;

/** Writes citizens into the simulator's table; the columns matching ignores get plausible values. */
export async function insertCitizens(db: Database, citizens: readonly PopulationRecord[]): Promise<void> {
  await db.kysely
    .insertInto('nid_citizens')
    .values(
      citizens.map((c) => ({
        personal_id: c.personalId,
        legacy_cmnd: c.legacyCmnd,
        full_name: c.fullName,
        name_key: canonicalName(c.fullName),
        birth_date: c.birthDate,
        birth_precision: PRECISION_BY_LENGTH[c.birthDate.length as keyof typeof PRECISION_BY_LENGTH],
        // Digit 4 of the personal ID: even for men, odd for women (docs/domain.md, "Identity documents").
        sex: Number(c.personalId[3]) % 2 === 0 ? ('male' as const) : ('female' as const),
        birth_province_code: c.personalId.slice(0, 3),
        residence_commune_code: '30280',
        nationality: 'VN',
        deceased_on: c.deceasedOn,
        face_seed: c.faceSeed,
      })),
    )
    .execute();
}
