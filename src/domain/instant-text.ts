/**
 * Instants as carriers write them in their files: ISO 8601 with a zone (`2021-03-15T02:30:00Z`,
 * `…+07:00`), or a local date and time without one, taken as Vietnam time (UTC+7) because that is
 * the clock the carrier's staff read: `2021-03-15 09:30`, `15/03/2021 09:30:00`, or a date alone
 * (midnight in Vietnam).
 */
import { daysInMonth } from './calendar.ts';
import { foldFullWidth } from './text-noise.ts';

export type InstantReason = 'empty' | 'unrecognised_format' | 'impossible_date';

export type InstantParse = { ok: true; iso: string; ms: number } | { ok: false; reason: InstantReason };

/** Vietnamese explanation of each reason. */
export const INSTANT_REASON_MESSAGES_VI: Readonly<Record<InstantReason, string>> = {
  empty: 'Chưa có thời điểm.',
  unrecognised_format: 'Không đọc được thời điểm; hãy ghi dạng yyyy-mm-ddThh:mm:ssZ hoặc dd/mm/yyyy hh:mm (giờ Việt Nam).',
  impossible_date: 'Ngày hoặc giờ không tồn tại (ví dụ 31/02 hoặc 25:00).',
};

const VIETNAM_OFFSET_MINUTES = 7 * 60;
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;
const TIME = String.raw`(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?`;
const ZONE = String.raw`(Z|[+-]\d{2}:?\d{2})?`;
const ISO_FORM = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})${TIME}\s*${ZONE}$`, 'i');
const DAY_FIRST_FORM = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME.replace('[T ]', '\\s+')}$`);

/** Parses one of the forms above into a UTC instant; a local time without zone is Vietnam time. */
export function parseInstant(text: string): InstantParse {
  // The form machines write (and tttb's own exports) first, read digit by digit: it is on every
  // row of a carrier's file, and Date.parse with toISOString was a sixth of a row's check.
  if (CANONICAL_UTC.test(text)) {
    const canonical = canonicalUtc(text);
    if (canonical !== null) return canonical;
  }
  const trimmed = foldFullWidth(text).trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  let parts: { year: string; month: string; day: string; time: (string | undefined)[]; zone: string | undefined } | null = null;
  let m = ISO_FORM.exec(trimmed);
  if (m) parts = { year: m[1] as string, month: m[2] as string, day: m[3] as string, time: m.slice(4, 8), zone: m[8] };
  else if ((m = DAY_FIRST_FORM.exec(trimmed))) {
    parts = { year: m[3] as string, month: m[2] as string, day: m[1] as string, time: m.slice(4, 8), zone: undefined };
  }
  if (!parts) return { ok: false, reason: 'unrecognised_format' };
  const [year, month, day] = [Number(parts.year), Number(parts.month), Number(parts.day)];
  const [hour, minute, second] = parts.time.slice(0, 3).map((v) => Number(v ?? 0)) as [number, number, number];
  const fraction = Number(`0.${parts.time[3] ?? '0'}`);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: 'impossible_date' };
  }
  const offset = zoneOffsetMinutes(parts.zone);
  if (offset === null) return { ok: false, reason: 'unrecognised_format' };
  const ms = utcMs(year, month, day, hour, minute, second) + Math.round(fraction * 1000) - offset * 60_000;
  return { ok: true, iso: new Date(ms).toISOString(), ms };
}

/** `yyyy-mm-ddThh:mm:ss[.sss]Z` (already matched by CANONICAL_UTC) when its date and time exist; else null, for the general path to say why. */
function canonicalUtc(text: string): { ok: true; iso: string; ms: number } | null {
  const [year, month, day, hour, minute, second] = [
    digitsAt(text, 0, 4), digitsAt(text, 5, 2), digitsAt(text, 8, 2), digitsAt(text, 11, 2), digitsAt(text, 14, 2), digitsAt(text, 17, 2),
  ];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  const millis = text.length === 24 ? digitsAt(text, 20, 3) : 0;
  return { ok: true, iso: text.length === 24 ? text : `${text.slice(0, 19)}.000Z`, ms: utcMs(year, month, day, hour, minute, second) + millis };
}

/** The number written by `length` ASCII digits of `text` from `from` (already matched as digits). */
function digitsAt(text: string, from: number, length: number): number {
  let value = 0;
  for (let i = from; i < from + length; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}

const GREGORIAN_CYCLE_MS = 146_097 * 86_400_000;

/** Date.UTC, except that it reads years 0–99 as themselves (Date.UTC takes them as 1900–1999): shifted by a 400-year cycle and back. */
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const shift = year < 100 ? 400 : 0;
  return Date.UTC(year + shift, month - 1, day, hour, minute, second) - (shift / 400) * GREGORIAN_CYCLE_MS;
}

function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (zone === undefined) return VIETNAM_OFFSET_MINUTES;
  if (zone.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (Number(m[2]) > 14 || Number(m[3]) > 59) return null;
  return m[1] === '-' ? -minutes : minutes;
}
