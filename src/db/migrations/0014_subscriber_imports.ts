import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * Carriers' subscriber files (src/registry/import, docs/imports.md):
 * - `imports`: one row per file loaded (or tried), with its SHA-256 so the same file twice changes
 *   nothing, its counts, and the cursor an interrupted run resumes from;
 * - `import_rows`: the file's valid rows staged in committed chunks before they are applied to the
 *   registry in one transaction (deleted once applied);
 * - `import_problems`: every rejected row and every warning, by row, column and stable code — the
 *   report the carrier downloads. No cell values (the carrier holds its own file), only the
 *   row's normalised number when it could be read;
 * - `subscribers.closed_at/closed_reason`: a line the carrier has closed (missing from a snapshot,
 *   or a row marked closed) stays in the registry with its history, no longer active.
 */
export const subscriberImports: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await t
      .id(db.schema.createTable('imports'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('carrier', 'text', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('policy', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('file_sha256', 'text', (c) => c.notNull())
      .addColumn('file_bytes', t.bigint, (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('encoding', 'text')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('started_at', t.timestamp, (c) => c.notNull())
      .addColumn('finished_at', t.timestamp)
      .addColumn('rows_read', t.bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('rows_staged', t.bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('rows_rejected', t.bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('rows_warned', t.bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('lines_added', t.bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('lines_changed', t.bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('lines_unchanged', t.bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('lines_closed', t.bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('lines_ported_in', t.bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('conflicts', t.bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('outcome_code', 'text')
      .execute();
    await db.schema.createIndex('imports_by_file').on('imports').columns(['kind', 'carrier', 'file_sha256']).execute();

    await db.schema
      .createTable('import_rows')
      .addColumn('import_id', t.bigint, (c) => c.notNull().references('imports.id'))
      .addColumn('row', t.bigint, (c) => c.notNull())
      .addColumn('msisdn', 'text', (c) => c.notNull())
      .addColumn('line_class', 'text', (c) => c.notNull())
      .addColumn('holder_kind', 'text', (c) => c.notNull())
      .addColumn('document_type', 'text', (c) => c.notNull())
      .addColumn('document_number', 'text', (c) => c.notNull())
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addColumn('birth_date', 'text', (c) => c.notNull())
      .addColumn('birth_precision', 'text', (c) => c.notNull())
      .addColumn('sex', 'text')
      .addColumn('commune_code', 'text')
      .addColumn('imei', 'text')
      .addColumn('registered_at', t.timestamp, (c) => c.notNull())
      .addColumn('verified_at', t.timestamp)
      .addColumn('closed', 'integer', (c) => c.notNull())
      .addColumn('ported_in', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('import_rows_pk', ['import_id', 'row'])
      .execute();

    await db.schema
      .createTable('import_problems')
      .addColumn('import_id', t.bigint, (c) => c.notNull().references('imports.id'))
      .addColumn('row', t.bigint, (c) => c.notNull())
      .addColumn('column_name', 'text')
      // The row's number when it could be read: a rejected row still names its line, so a
      // snapshot does not close it and a number twice in the file keeps both rows out.
      .addColumn('msisdn', 'text')
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('import_problems_by_import').on('import_problems').columns(['import_id', 'row']).execute();

    await db.schema.alterTable('subscribers').addColumn('closed_at', t.timestamp).execute();
    await db.schema.alterTable('subscribers').addColumn('closed_reason', 'text').execute();
  },
};
