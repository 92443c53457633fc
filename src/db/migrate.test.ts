import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, testDialects } from './testing.ts';
import { migrateToLatest, MigrationError } from './migrate.ts';
import { migrations } from './migrations/index.ts';

for (const dialect of testDialects()) {
  describe(`migrations [${dialect}]`, () => {
    it('apply once, then report nothing pending on the next start', async () => {
      const t = createTestDatabase(dialect);
      const db = t.open();
      try {
        expect(await migrateToLatest(db)).toEqual(Object.keys(migrations));
        expect(await migrateToLatest(db)).toEqual([]);
        const units = await db.kysely.selectFrom('admin_units').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
        expect(Number(units.n)).toBe(0);
      } finally {
        await db.close();
        await t.dispose();
      }
    });

    it('fail loudly, naming the migration, when the schema is in the way', async () => {
      const t = createTestDatabase(dialect);
      const db = t.open();
      try {
        // A table of the same name already there makes the first migration fail.
        await db.kysely.schema.createTable('admin_units').addColumn('x', 'text').execute();
        const failure = await migrateToLatest(db).catch((e: unknown) => e);
        expect(failure).toBeInstanceOf(MigrationError);
        expect((failure as MigrationError).migration).toBe('0001_foundation');
      } finally {
        await db.close();
        await t.dispose();
      }
    });
  });
}

describe('append-only history', () => {
  for (const dialect of testDialects()) {
    it(`refuses to rewrite an audit or event row [${dialect}]`, async () => {
      const t = createTestDatabase(dialect);
      const db = t.open();
      try {
        await migrateToLatest(db);
        const now = new Date().toISOString();
        await db.kysely.insertInto('audit_log').values({ at: now, actor: 'tester', action: 'export' }).execute();
        await expect(db.kysely.updateTable('audit_log').set({ actor: 'someone else' }).execute()).rejects.toThrow(/append-only/);
        expect((await db.kysely.selectFrom('audit_log').select('actor').executeTakeFirstOrThrow()).actor).toBe('tester');
      } finally {
        await db.close();
        await t.dispose();
      }
    });
  }
});
