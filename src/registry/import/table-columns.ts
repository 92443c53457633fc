/**
 * How a file's header row maps onto a documented set of columns (a subscriber file, a statistics
 * table): each column by its code, its Vietnamese name or another name it goes by, in any order and
 * case, with or without diacritics.
 */
import { stripDiacritics } from '../../domain/index.ts';

/** One documented column of a file. */
export interface TableColumn<C extends string = string> {
  /** The column's code, the header the template writes. */
  code: C;
  /** Vietnamese name, accepted as a header too, and shown in row reports. */
  label: string;
  required: boolean;
  /** Other headers people write for it. */
  aliases?: readonly string[];
}

/** Where each known column sits in the file, and what the header held that tttb does not know. */
export interface HeaderLayout<C extends string> {
  index: Readonly<Partial<Record<C, number>>>;
  unknown: string[];
  missing: C[];
  duplicated: C[];
}

/** A header written as a code or as a name, in any case, with or without diacritics. */
function headerKey(text: string): string {
  return stripDiacritics(text.normalize('NFC'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** The mapping of header rows onto `columns`, the names' keys computed once. */
export function headerLayout<C extends string>(columns: readonly TableColumn<C>[]): (header: readonly string[]) => HeaderLayout<C> {
  const byHeader = new Map<string, C>(columns.flatMap((c) => [c.code, c.label, ...(c.aliases ?? [])].map((name) => [headerKey(name), c.code] as const)));
  return (header) => {
    const index: Partial<Record<C, number>> = {};
    const unknown: string[] = [];
    const duplicated: C[] = [];
    header.forEach((heading, i) => {
      const code = byHeader.get(headerKey(heading));
      if (code === undefined) {
        if (heading.trim() !== '') unknown.push(heading);
      } else if (index[code] !== undefined) duplicated.push(code);
      else index[code] = i;
    });
    const missing = columns.filter((c) => c.required && index[c.code] === undefined).map((c) => c.code);
    return { index, unknown, missing, duplicated };
  };
}

/** The column at a 0-based position of the file, if it is a documented one. */
export function columnAt<C extends string>(layout: HeaderLayout<C>, position: number): C | null {
  const entry = (Object.entries(layout.index) as [C, number][]).find(([, at]) => at === position);
  return entry?.[0] ?? null;
}

/** What is wrong with a header, in Vietnamese: the missing and doubled columns, and the columns expected. */
export function headerProblem(layout: HeaderLayout<string>, columns: readonly TableColumn[]): string {
  const parts: string[] = [];
  if (layout.missing.length > 0) parts.push(`thiếu cột ${layout.missing.join(', ')}`);
  if (layout.duplicated.length > 0) parts.push(`cột có hai lần: ${layout.duplicated.join(', ')}`);
  return `${parts.join('; ')} (các cột: ${columns.map((c) => c.code).join(', ')})`;
}
