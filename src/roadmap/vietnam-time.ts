/**
 * Instants as operators type them and as notices print them: Vietnam local time (UTC+7, no
 * daylight saving) unless the text carries its own zone.
 */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** What a date without a time of day means: its first or its last instant in Vietnam. */
export type DateOnlyMeaning = 'start_of_day' | 'end_of_day';

const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/;
const LOCAL_VN = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2}))?$/;

/**
 * Reads an instant: ISO 8601 with a zone (`2026-06-01T03:00:00Z`, `…+07:00`), or Vietnam local
 * time as `YYYY-MM-DD HH:mm` (or with `T`, as a datetime-local form field sends it), `YYYY-MM-DD`,
 * `dd/mm/yyyy HH:mm` or `dd/mm/yyyy`. A date alone means the start or the end of that day, as the
 * caller says. Returns null for anything else, including impossible dates such as 30/02.
 */
export function parseVietnamTime(text: string, dateOnly: DateOnlyMeaning = 'start_of_day'): Date | null {
  const input = text.trim();
  const iso = ISO_WITH_ZONE.exec(input);
  if (iso) {
    const [, y, mo, d, h, mi, s = '0', ms = '0', zone = 'Z'] = iso;
    const offsetMs = zone === 'Z' ? 0 : zoneOffsetMs(zone);
    if (offsetMs === null) return null;
    return compose(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), Number(ms.padEnd(3, '0')), offsetMs);
  }
  const local = LOCAL_ISO.exec(input);
  if (local) {
    const [, y, mo, d, h, mi] = local;
    return composeLocal(Number(y), Number(mo), Number(d), h, mi, dateOnly);
  }
  const vn = LOCAL_VN.exec(input);
  if (vn) {
    const [, d, mo, y, h, mi] = vn;
    return composeLocal(Number(y), Number(mo), Number(d), h, mi, dateOnly);
  }
  return null;
}

/** `dd/mm/yyyy HH:mm` in Vietnam time: how notices and operators read a deadline. */
export function formatVietnamTime(instant: Date): string {
  const local = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ` +
    `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`
  );
}

/** Day 0 of the next month is the last day of this one. */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function zoneOffsetMs(zone: string): number | null {
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 14 || minutes > 59) return null;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

function composeLocal(
  year: number,
  month: number,
  day: number,
  hour: string | undefined,
  minute: string | undefined,
  dateOnly: DateOnlyMeaning,
): Date | null {
  if (hour !== undefined && minute !== undefined) {
    return compose(year, month, day, Number(hour), Number(minute), 0, 0, VIETNAM_OFFSET_MS);
  }
  const start = compose(year, month, day, 0, 0, 0, 0, VIETNAM_OFFSET_MS);
  if (start === null || dateOnly === 'start_of_day') return start;
  return new Date(start.getTime() + 24 * 3600_000 - 1);
}

function compose(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
  offsetMs: number,
): Date | null {
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offsetMs);
}
