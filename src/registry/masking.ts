/**
 * Masks for personal data in answers and exports (docs/domain.md, "Personal data"): enough to recognise a record at
 * the counter, not enough to identify a stranger.
 */
import { tidyName } from '../domain/index.ts';

/** `089090001234` → `089*******34`; `351234567` → `351****67`; short values fully masked. */
export function maskDocumentNumber(value: string): string {
  if (value.length < 6) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 5) + value.slice(-2);
}

/** `Nguyễn Văn Hòa` → `N. V. H.` (the initials, upper case). */
export function maskName(value: string): string {
  // As written: an invisible or bidirectional character first is no one's initial.
  return tidyName(value)
    .split(' ')
    .filter(Boolean)
    .map((word) => `${[...word][0]?.toLocaleUpperCase('vi') ?? ''}.`)
    .join(' ');
}

/** Only the year of a stored birth date (`1990-05-09` → `1990`). */
export function maskBirthDate(value: string): string {
  return value.slice(0, 4);
}
