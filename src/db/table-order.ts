/**
 * The database's tables in an order that deletes safely: every table before the tables it
 * references. Read from the schema's own foreign keys, so a table a later migration adds (and
 * its references) is covered without anyone keeping a list.
 */
import { sql } from 'kysely';
import type { Database } from './open.ts';

/** A foreign key, as a table that references another. */
export interface TableReference {
  table: string;
  references: string;
}

/** Every table of the database (in the current schema on PostgreSQL) and its foreign keys. */
export async function readTableReferences(db: Database): Promise<{ tables: string[]; references: TableReference[] }> {
  if (db.dialect === 'sqlite') {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db.kysely);
    const references = await sql<TableReference>`
      select m.name as "table", f."table" as "references"
      from sqlite_master m join pragma_foreign_key_list(m.name) f
      where m.type = 'table'`.execute(db.kysely);
    return { tables: tables.rows.map((r) => r.name), references: references.rows };
  }
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db.kysely);
  const references = await sql<TableReference>`
    select child.relname as "table", parent.relname as "references"
    from pg_constraint c
      join pg_class child on child.oid = c.conrelid
      join pg_class parent on parent.oid = c.confrelid
    where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`.execute(db.kysely);
  return { tables: tables.rows.map((r) => r.name), references: references.rows };
}

/**
 * `tables` ordered so that each comes before every table it references (a table's reference to
 * itself is ignored: its rows go in one statement). Throws on a cycle, which no order can clear.
 */
export function referencingTablesFirst(tables: readonly string[], references: readonly TableReference[]): string[] {
  const known = new Set(tables);
  // How many tables still to be placed reference each table.
  const referencedBy = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]));
  for (const r of references) {
    if (r.table !== r.references && known.has(r.table) && known.has(r.references)) referencedBy.get(r.references)?.add(r.table);
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.filter((t) => !placed.has(t) && [...(referencedBy.get(t) ?? [])].every((child) => placed.has(child)));
    if (next.length === 0) throw new Error(`foreign keys form a cycle among: ${tables.filter((t) => !placed.has(t)).join(', ')}`);
    for (const t of next) {
      placed.add(t);
      ordered.push(t);
    }
  }
  return ordered;
}

/** `delete from TABLE`, for a bulk writer clearing tables in {@link referencingTablesFirst} order. */
export function deleteEveryRow(db: Database, table: string) {
  return { compile: () => sql`delete from ${sql.table(table)}`.compile(db.kysely) };
}
