/** SQL of the demo's accounts: which communes the demo's commune officer looks after. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * The `count` communes with the most lines (ties by code), so the officer's screens have lines to
 * show; the first communes by code when the demo has no lines yet.
 */
export async function busiestCommunes(db: Kysely<DB>, count: number): Promise<{ code: string; name: string }[]> {
  const busiest = await db
    .selectFrom('subscribers')
    .innerJoin('admin_units', 'admin_units.code', 'subscribers.commune_code')
    .select(['admin_units.code', 'admin_units.name'])
    .groupBy(['admin_units.code', 'admin_units.name'])
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .orderBy('admin_units.code')
    .limit(count)
    .execute();
  if (busiest.length > 0) return busiest;
  return db.selectFrom('admin_units').select(['code', 'name']).orderBy('code').limit(count).execute();
}
