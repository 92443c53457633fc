/**
 * The simulator's reads of its own population table, `nid_citizens`. In production these data
 * belong to the Ministry of Public Security: nothing else in tttb (except the demo generator that
 * seeds it) may touch `nid_*` tables — simulator-isolation.test.ts enforces it.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PopulationRecord } from './national-id.matching.ts';
import { chunksOf } from '../../db/chunks.ts';

// Bind parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535, and large enough
// that a full batch (MAX_BATCH_SIZE) is one query.
const NUMBERS_PER_QUERY = 10_000;

/**
 * Finds the citizens known by any of `documentNumbers` (12-digit personal ID or 9-digit legacy
 * CMND), with one set-based query per 10,000 numbers. The map is keyed by the number as asked.
 */
export async function findCitizensByDocument(
  kysely: Kysely<DB>,
  documentNumbers: readonly string[],
): Promise<Map<string, PopulationRecord>> {
  const unique = [...new Set(documentNumbers)];
  const found = new Map<string, PopulationRecord>();
  for (const chunk of chunksOf(unique, NUMBERS_PER_QUERY)) {
    const personalIds = chunk.filter((n) => n.length === 12);
    const legacyCmnds = chunk.filter((n) => n.length === 9);
    const rows = await kysely
      .selectFrom('nid_citizens')
      .select(['personal_id', 'legacy_cmnd', 'full_name', 'birth_date', 'deceased_on', 'face_seed'])
      .where((eb) =>
        eb.or([
          // `in ()` is not valid SQL: an empty list becomes a false condition.
          personalIds.length > 0 ? eb('personal_id', 'in', personalIds) : eb.lit(false),
          legacyCmnds.length > 0 ? eb('legacy_cmnd', 'in', legacyCmnds) : eb.lit(false),
        ]),
      )
      .execute();
    for (const row of rows) {
      const record: PopulationRecord = {
        personalId: row.personal_id,
        legacyCmnd: row.legacy_cmnd,
        fullName: row.full_name,
        birthDate: row.birth_date,
        deceasedOn: row.deceased_on,
        faceSeed: Number(row.face_seed),
      };
      found.set(record.personalId, record);
      if (record.legacyCmnd !== null) found.set(record.legacyCmnd, record);
    }
  }
  return found;
}
