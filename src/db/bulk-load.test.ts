import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { DB } from './schema.ts';
import { describeEachDatabase } from './testing.ts';

// A table of the test's own, outside the schema's types: every kind of value the writers hand over.
const TABLE = 'bulk_round_trip' as keyof DB;
const COLUMNS = ['id', 'label', 'amount', 'count'] as const;

// COPY's text format gives these characters a meaning; Vietnamese letters are multi-byte in UTF-8.
const TRICKY = fc.constantFrom('\\', '\t', '\n', '\r', 'N', '.', ',', '"', "'", 'ễ', 'Đ', 'ữ', '😀', ' ');
const text = fc
  .oneof(
    fc.string({ unit: 'binary' }),
    fc.string({ unit: TRICKY }),
    fc.constantFrom('\\N', '\\.', 'Nguyễn Thị Ánh Tuyết', 'Huỳnh\tVăn\nĐức\\', 'NULL', ''),
  )
  // PostgreSQL's text cannot hold NUL at all, through COPY or INSERT.
  .filter((s) => !s.includes('\u0000'));
const rows = fc.array(
  fc.tuple(
    fc.option(text, { nil: null }),
    // -0 reads back as 0 from SQLite; either way it is the same amount.
    fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n)), { nil: null }),
    fc.option(fc.maxSafeInteger(), { nil: null }),
  ),
  { maxLength: 40 },
);

describeEachDatabase('bulk writer', ({ db }) => {
  beforeAll(async () => {
    const real = db().dialect === 'postgres' ? 'double precision' : 'real';
    await sql`create table ${sql.table(TABLE)} (id integer primary key, label text, amount ${sql.raw(real)}, count bigint)`.execute(db().kysely);
  });

  const readBack = () => sql<{ label: string | null; amount: number | null; count: number | null }>`
    select label, amount, count from ${sql.table(TABLE)} order by id`.execute(db().kysely);

  it('round-trips any text (tabs, newlines, backslashes, Vietnamese), numbers and nulls', async () => {
    await fc.assert(
      fc.asyncProperty(rows, async (generated) => {
        await db().bulkLoad((writer) => writer.insert(TABLE, COLUMNS, generated.map((row, i) => [i + 1, ...row])));
        try {
          const back = await readBack();
          expect(back.rows.map((r) => [r.label, r.amount, r.count === null ? null : Number(r.count)])).toEqual(generated);
        } finally {
          await sql`delete from ${sql.table(TABLE)}`.execute(db().kysely);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('runs queries on writer.kysely inside the load: a failed load leaves nothing', async () => {
    const failure = new Error('stop');
    await expect(
      db().bulkLoad(async (writer) => {
        await writer.insert(TABLE, COLUMNS, [[1, 'a', null, null]]);
        await sql`insert into ${sql.table(TABLE)} (id, label) values (2, 'b')`.execute(writer.kysely);
        const seen = await sql<{ n: number }>`select count(*) as n from ${sql.table(TABLE)}`.execute(writer.kysely);
        expect(Number(seen.rows[0]?.n)).toBe(2);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect((await readBack()).rows).toEqual([]);
  });

  it('names the table and the line of a refused row, never its values, and rolls the load back', async () => {
    const secret = 'Trần Văn Bí Mật 0912345678';
    const refused = db().bulkLoad((writer) =>
      writer.insert(TABLE, COLUMNS, [
        [1, 'first', 1, 1],
        [2, secret, 2, 2],
        [2, secret, 3, 3],
      ]),
    );
    const error = await refused.then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(error).toBeInstanceOf(Error);
    expect(JSON.stringify({ message: error?.message, stack: error?.stack, ...error })).not.toContain('Bí Mật');
    if (db().dialect === 'postgres') {
      expect(error?.message).toBe(`COPY into ${TABLE} failed at line 3 (SQLSTATE 23505, ${TABLE}_pkey)`);
      expect(error?.code).toBe('23505');
    }
    expect((await readBack()).rows).toEqual([]);
  });

  it('refuses a value that is not text, a number or null by its type, and the connection stays usable', async () => {
    const refused = db().bulkLoad((writer) => writer.insert(TABLE, COLUMNS, [[1, 'ok', 1, 1], [2, { name: 'Bí Mật' }, 2, 2]]));
    if (db().dialect === 'postgres') {
      await expect(refused).rejects.toThrow(`COPY into ${TABLE} failed at line 2`);
      await expect(refused).rejects.not.toThrow(/Bí Mật/);
    } else await expect(refused).rejects.toThrow();
    await db().bulkLoad((writer) => writer.insert(TABLE, COLUMNS, [[1, 'after', 1, 1]]));
    expect((await readBack()).rows).toEqual([{ label: 'after', amount: 1, count: 1 }]);
    await sql`delete from ${sql.table(TABLE)}`.execute(db().kysely);
  });
});

describeEachDatabase('bulk writer, a table rebuilt around the load', ({ db }) => {
  const PARENT = 'bulk_parent' as keyof DB;
  const CHILD = 'bulk_child' as keyof DB;
  beforeAll(async () => {
    await sql`create table ${sql.table(PARENT)} (code text primary key)`.execute(db().kysely);
    await sql`create table ${sql.table(CHILD)} (id integer primary key, parent text references ${sql.table(PARENT)} (code), note text)`.execute(db().kysely);
    await sql`create index bulk_child_note on ${sql.table(CHILD)} (note)`.execute(db().kysely);
    await sql`insert into ${sql.table(PARENT)} (code) values ('a'), ('b')`.execute(db().kysely);
  });
  const load = (rows: unknown[][]) => db().bulkLoad((writer) => writer.insert(CHILD, ['id', 'parent', 'note'], rows), { rebuildIndexesOf: [CHILD] });

  it('keeps its foreign keys and indexes: a load with a dangling reference fails whole', async () => {
    await load([[1, 'a', 'x'], [2, 'b', 'y'], [3, null, 'z']]);
    await expect(load([[4, 'a', 'x'], [5, 'nowhere', 'y']])).rejects.toThrow(/foreign key/i);
    const ids = await sql<{ id: number }>`select id from ${sql.table(CHILD)} order by id`.execute(db().kysely);
    expect(ids.rows.map((r) => Number(r.id))).toEqual([1, 2, 3]);
    // The key is back (and valid) after the load: a later write is checked as before.
    await expect(sql`insert into ${sql.table(CHILD)} (id, parent) values (6, 'nowhere')`.execute(db().kysely)).rejects.toThrow(/foreign key/i);
    const note = await sql<{ id: number }>`select id from ${sql.table(CHILD)} where note = 'z'`.execute(db().kysely);
    expect(note.rows.map((r) => Number(r.id))).toEqual([3]);
  });
});
