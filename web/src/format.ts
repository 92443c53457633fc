/** Dates as Vietnamese screens write them: dd/mm/yyyy, in Vietnam time. */

/** `2026-04-28` → `28/04/2026`. */
export function formatDay(isoDay: string): string {
  const [year, month, day] = isoDay.split('-');
  return `${day}/${month}/${year}`;
}

/** An instant in Vietnam (UTC+7), as the SMS replies write it: `2026-05-12T17:30:00Z` → `13/05/2026 00:30`. */
export function formatInstant(iso: string): string {
  const local = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return `${formatDay(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

/** A date known to the day, the month or the year only (birth dates): `1986-03-02` → `02/03/1986`, `1986-03` → `03/1986`, `1986` → `1986`. */
export function formatPartialDay(iso: string): string {
  return iso.split('-').reverse().join('/');
}
