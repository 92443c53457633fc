/**
 * Rows in PostgreSQL's COPY text format (`copy … from stdin`, the default format): one line per row,
 * fields separated by a tab, NULL as `\N`, and a backslash, tab, newline or carriage return inside a
 * value escaped with a backslash. Everything else, Vietnamese text included, goes as it is: the
 * connection's client encoding is UTF-8.
 */

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Thrown for a value the text format has no spelling for here; it names the type, never the value. */
export class CopyValueError extends TypeError {
  constructor(readonly field: number, readonly type: string) {
    super(`no COPY text form for a value of type ${type} (field ${field + 1})`);
    this.name = 'CopyValueError';
  }
}

/** One field as COPY text reads it back into the same value; `field` (0-based) names it in errors. */
function copyTextField(value: unknown, field = 0): string {
  switch (typeof value) {
    case 'string':
      return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPED[c] as string) : value;
    case 'number':
      return String(value);
    default:
      if (value === null || value === undefined) return '\\N';
      // The writers hand over text, numbers and nulls only (instants as ISO text, flags as 0/1).
      throw new CopyValueError(field, typeof value);
  }
}

/** One row as a COPY text line, with its line feed. */
export function copyTextLine(row: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < row.length; i++) line += (i === 0 ? '' : '\t') + copyTextField(row[i], i);
  return line + '\n';
}
