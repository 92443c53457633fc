/**
 * Calendar dates as seen in Vietnam. The campaign runs in one time zone (UTC+7, no daylight saving),
 * so "today" and "this year" are taken there rather than in the server's local zone.
 */

const VIETNAM_UTC_OFFSET_MS = 7 * 60 * 60 * 1000;

/** A calendar date with a 1-based month. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** The calendar date in Vietnam (UTC+7) at the given instant. */
export function vietnamCalendarDate(instant: Date): CalendarDate {
  const shifted = new Date(instant.getTime() + VIETNAM_UTC_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Gregorian leap-year rule. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days of a month (1–12) in the given year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * The calendar date an ISO `YYYY-MM-DD` names, or null when the text has another shape or names
 * a day no calendar has (2026-02-30, 2026-13-45).
 */
export function parseCalendarDay(text: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** `YYYY-MM-DD` of a calendar date. */
export function formatCalendarDay({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` of the Vietnam calendar date at an instant (ISO text or Date). */
export function vietnamDay(instant: string | Date): string {
  return formatCalendarDay(vietnamCalendarDate(typeof instant === 'string' ? new Date(instant) : instant));
}
