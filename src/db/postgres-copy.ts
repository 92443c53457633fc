/**
 * Rows into a PostgreSQL table with `COPY … FROM STDIN`, streamed: the server parses one text stream
 * instead of planning a multi-row INSERT per few thousand rows with its bind parameters.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyTextLine, CopyValueError } from './copy-text.ts';

// Text handed to the stream at a time: large enough that writes are few, small enough to stay cheap.
const CHUNK_CHARS = 1 << 16;

/**
 * A failed COPY, named by table and line (1-based, the row's place in the rows given) only: the
 * server's own message and context quote the offending values, which are personal data here.
 */
export class CopyError extends Error {
  constructor(
    readonly table: string,
    readonly line: number | undefined,
    /** The SQLSTATE of the server's error (`23505` a duplicate key …), when the server refused. */
    readonly code: string | undefined,
    /** The constraint or column the server named, when it named one: schema names, not data. */
    readonly constraint: string | undefined,
    options?: ErrorOptions,
  ) {
    super(
      `COPY into ${table} failed${line === undefined ? '' : ` at line ${line}`}` +
        (code ? ` (SQLSTATE ${code}${constraint ? `, ${constraint}` : ''})` : ''),
      options,
    );
    this.name = 'CopyError';
  }
}

/** Streams `rows` into `table` over `client` (inside the caller's transaction). */
export async function copyRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  if (rows.length === 0) return;
  let line = 0;
  function* text() {
    let chunk = '';
    for (const row of rows) {
      line++;
      chunk += copyTextLine(row);
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk.length > 0) yield chunk;
  }
  try {
    await pipeline(Readable.from(text(), { objectMode: false }), client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`)));
  } catch (error) {
    if (error instanceof CopyValueError) throw new CopyError(table, line, undefined, undefined, { cause: error });
    // Not the server's answer (a lost connection …): its message holds no row values.
    if (!(error instanceof pg.DatabaseError)) throw new CopyError(table, undefined, undefined, undefined, { cause: error });
    // The context reads `COPY table, line 7, column birth_date: "<value>"`: the numbers and names only.
    const where = /line (\d+)(?:, column (\w+))?/.exec(error.where ?? '');
    throw new CopyError(table, where ? Number(where[1]) : undefined, error.code, error.constraint ?? where?.[2]);
  }
}
