/**
 * The one place a caller's scope becomes SQL: every repository that answers rows a role may or
 * may not see filters them with `inScope`, so "outside your scope" is the same "not found"
 * everywhere (docs/access.md).
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Scope, ScopeKind } from '../domain/access.ts';

export type { Scope };

/** Which column of the queried table holds each kind of scope, e.g. `{ commune: 'subscribers.commune_code' }`. */
export type ScopeColumns = Partial<Record<ScopeKind, string>>;

/**
 * The scope columns of a `subscribers` row, by table name or alias: a commune officer reaches the
 * lines of their communes, a carrier's operator or system the lines of its carrier.
 */
export function subscriberScope(table = 'subscribers'): ScopeColumns {
  return { commune: `${table}.commune_code`, carrier: `${table}.carrier` };
}

/**
 * A WHERE condition: within each kind of the scope, any of its values (OR); across kinds, all of
 * them (AND). A kind the table has no column for matches nothing: a carrier's operator sees no
 * commune-only rows, rather than every row. Plain SQL over the named columns, so it fits any query.
 */
export function inScope(scope: Scope, columns: ScopeColumns): RawBuilder<SqlBool> {
  if (scope === 'province') return sql<SqlBool>`1 = 1`;
  const byKind = new Map<ScopeKind, string[]>();
  for (const entry of scope) byKind.set(entry.kind, [...(byKind.get(entry.kind) ?? []), entry.value]);
  if (byKind.size === 0) return sql<SqlBool>`1 = 0`;
  const conditions = [...byKind].map(([kind, values]) => {
    const column = columns[kind];
    return column === undefined ? sql`1 = 0` : sql`${sql.ref(column)} in (${sql.join(values)})`;
  });
  return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}

/** The scope columns of the `subscribers` table, unaliased: a line belongs to its commune and its carrier. */
export const SUBSCRIBER_SCOPE: ScopeColumns = subscriberScope();
