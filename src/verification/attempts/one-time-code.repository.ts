/** SQL of the one store of one-time codes (`one_time_codes`), for every purpose. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import { holdUntilCommit } from '../../db/hold-until-commit.ts';
import type { DB, OneTimeCodePurpose, OneTimeCodeTable } from '../../db/schema.ts';

export type OneTimeCodeRow = Selectable<OneTimeCodeTable>;

export async function insertOneTimeCode(db: Kysely<DB>, row: Insertable<OneTimeCodeTable>): Promise<void> {
  await db.insertInto('one_time_codes').values(row).execute();
}

export function findOneTimeCode(db: Kysely<DB>, id: string): Promise<OneTimeCodeRow | undefined> {
  return db.selectFrom('one_time_codes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The line's latest code for a purpose: only the latest counts, a new one supersedes the others. */
export function latestOneTimeCodeOf(db: Kysely<DB>, purpose: OneTimeCodePurpose, subscriberId: number): Promise<OneTimeCodeRow | undefined> {
  return db
    .selectFrom('one_time_codes')
    .selectAll()
    .where('subscriber_id', '=', subscriberId)
    .where('purpose', '=', purpose)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * When the codes of a purpose sent to a number since an instant were made, and for whom, oldest
 * first (the self-check's limits). On PostgreSQL the number is held (an advisory lock) until the
 * caller's transaction ends, so requests at the same moment are judged one after another and cannot
 * all slip under a limit; SQLite runs one write transaction at a time already.
 */
export async function listCodesSentSince(
  db: Kysely<DB>,
  purpose: OneTimeCodePurpose,
  msisdn: string,
  since: string,
): Promise<{ createdAt: string; clientKey: string | null }[]> {
  await holdUntilCommit(db, `one_time_codes:${purpose}:${msisdn}`);
  const rows = await db
    .selectFrom('one_time_codes')
    .select(['created_at', 'client_key'])
    .where('msisdn', '=', msisdn)
    .where('purpose', '=', purpose)
    .where('created_at', '>', since)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ createdAt: r.created_at, clientKey: r.client_key }));
}

/** Counts a wrong code; returns the tries made so far. */
export async function countOneTimeCodeTry(db: Kysely<DB>, id: string): Promise<number> {
  const row = await db
    .updateTable('one_time_codes')
    .set((eb) => ({ tries: eb('tries', '+', 1) }))
    .where('id', '=', id)
    .returning('tries')
    .executeTakeFirstOrThrow();
  return Number(row.tries);
}

/** Spends a code; false when it was already spent (two requests racing with one code). */
export async function consumeOneTimeCode(db: Kysely<DB>, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('one_time_codes')
    .set({ consumed_at: at })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
