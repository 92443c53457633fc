import type { Database } from '../db/open.ts';

/** True when at least one subscriber line is registered. */
export async function hasAnySubscriber(db: Database): Promise<boolean> {
  const row = await db.kysely.selectFrom('subscribers').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}
