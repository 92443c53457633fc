import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * Sign-in and API access (src/access): people with their role and scope, their sessions, machine
 * clients' tokens, the growing delay after failed sign-ins; the audit log gains the reason given
 * and the client's address. The foundation's `users` table was never written, so it is made anew
 * with scopes (a JSON list of {kind, value}) instead of one unit code.
 */
export const access: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema.dropTable('users').execute();
    await t
      .id(db.schema.createTable('users'))
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('must_change_password', 'integer', (c) => c.notNull())
      .addColumn('password_changed_at', t.timestamp)
      // Base32 TOTP secret: set by the set-up, in force once confirmed (totp_enabled_at).
      .addColumn('totp_secret', 'text')
      .addColumn('totp_enabled_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('disabled_at', t.timestamp)
      .execute();

    await db.schema
      .createTable('sessions')
      // SHA-256 of the cookie's value: a copy of the table does not sign anyone in.
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', t.bigint, (c) => c.notNull().references('users.id'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('ended_at', t.timestamp)
      .addColumn('client_address', 'text')
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id']).execute();

    await t
      .id(db.schema.createTable('api_tokens'))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('last_used_at', t.timestamp)
      .addColumn('revoked_at', t.timestamp)
      .execute();

    await db.schema
      .createTable('sign_in_failures')
      // 'account:<username>', 'client:<address>' or 'pair:<username>|<address>'.
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('last_failure_at', t.timestamp, (c) => c.notNull())
      .execute();

    await db.schema.alterTable('audit_log').addColumn('reason', 'text').execute();
    await db.schema.alterTable('audit_log').addColumn('client_address', 'text').execute();
    await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor', 'at']).execute();
  },
};
