/** The `deployment` row (migration 0008): what this database is for, and a demo's clock. */
import type { Kysely } from 'kysely';
import type { DB, DeploymentMode } from '../db/schema.ts';

export interface DeploymentRow {
  mode: DeploymentMode;
  demoNow: string | null;
  demoNowSetAt: string | null;
}

export async function readDeploymentRow(db: Kysely<DB>): Promise<DeploymentRow | undefined> {
  const row = await db.selectFrom('deployment').select(['mode', 'demo_now', 'demo_now_set_at']).where('id', '=', 1).executeTakeFirst();
  return row && { mode: row.mode, demoNow: row.demo_now, demoNowSetAt: row.demo_now_set_at };
}

/** Records the mode of a new database; a row written meanwhile by another process wins. */
export async function insertDeploymentRow(db: Kysely<DB>, mode: DeploymentMode, wallNow: string): Promise<void> {
  const demoClock = mode === 'demo' ? { demo_now: wallNow, demo_now_set_at: wallNow } : {};
  await db
    .insertInto('deployment')
    .values({ id: 1, mode, created_at: wallNow, ...demoClock })
    .onConflict((c) => c.column('id').doNothing())
    .execute();
}

/** The update that sets a demo's clock to `demoNow` as of the wall-clock instant `setAt`. */
export function setDemoNowQuery(db: Kysely<DB>, demoNow: string, setAt: string) {
  return db.updateTable('deployment').set({ demo_now: demoNow, demo_now_set_at: setAt }).where('id', '=', 1).where('mode', '=', 'demo');
}
