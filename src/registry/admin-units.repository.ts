import type { Database } from '../db/open.ts';
import type { AdminUnitTable } from '../db/schema.ts';

export type AdminUnitRow = Pick<AdminUnitTable, 'code' | 'name' | 'type' | 'province_code'>;

/**
 * Inserts the units, or refreshes their names and types when they are already there. Their
 * population figures are official statistics, versioned apart (statistics/statistics.repository.ts).
 */
export async function upsertAdminUnits(db: Database, units: readonly AdminUnitRow[]): Promise<void> {
  if (units.length === 0) return;
  await db.kysely
    .insertInto('admin_units')
    .values([...units])
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        type: eb.ref('excluded.type'),
        province_code: eb.ref('excluded.province_code'),
      })),
    )
    .execute();
}

export function listAdminUnits(db: Database) {
  return db.kysely.selectFrom('admin_units').selectAll().orderBy('code').execute();
}
