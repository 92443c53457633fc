import type { Kysely } from 'kysely';

/** Runs `fn` in `db`'s transaction when it is one, else in a new one: writes that must commit together. */
export function inTransaction<D, T>(db: Kysely<D>, fn: (trx: Kysely<D>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
