/**
 * Birth dates as they are known: to the day, or only to the month or year (older people often have
 * only a birth year on record, docs/domain.md, "Birth dates").
 */
import { type CalendarDate, daysInMonth, vietnamCalendarDate } from './calendar.ts';
import { foldFullWidth } from './text-noise.ts';
import type { BirthDateComparison, DatePrecision } from './vocabulary.ts';

/** A birth date known to the day, the month or only the year. Months and days are 1-based. */
export interface BirthDate {
  precision: DatePrecision;
  year: number;
  month?: number;
  day?: number;
}

/** Why a typed birth date was rejected. */
export type BirthDateReason = 'empty' | 'unrecognised_format' | 'impossible_date' | 'in_future' | 'too_old';

export type BirthDateParse = { ok: true; value: BirthDate } | { ok: false; reason: BirthDateReason };

/** Vietnamese explanation of each reason. */
export const BIRTH_DATE_REASON_MESSAGES_VI: Readonly<Record<BirthDateReason, string>> = {
  empty: 'Chưa nhập ngày sinh.',
  unrecognised_format: 'Không đọc được ngày sinh; hãy nhập dạng ngày/tháng/năm, tháng/năm hoặc năm (ví dụ 05/09/1978).',
  impossible_date: 'Ngày sinh không tồn tại (ví dụ 31/02 hoặc tháng 13).',
  in_future: 'Ngày sinh nằm trong tương lai.',
  too_old: 'Năm sinh quá xa (trước năm 1880).',
};

/** Years before this are taken as typing errors rather than a living person. */
const EARLIEST_BIRTH_YEAR = 1880;

// Day-first forms use one separator throughout (`/`, `-` or `.`); spaces around it are tolerated.
const DAY_MONTH_YEAR = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})$/;
const MONTH_YEAR = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/;
const ISO_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const ISO_MONTH = /^(\d{4})-(\d{1,2})$/;
const YEAR_ONLY = /^(\d{4})$/;

/**
 * Parses a typed birth date: `dd/mm/yyyy`, `d/m/yyyy`, `mm/yyyy`, `m/yyyy` (with `/`, `-` or `.`),
 * `yyyy-mm-dd`, `yyyy-mm` or `yyyy`. Rejects dates that do not exist, dates after `asOf`
 * (default now, Vietnam time) and years before 1880.
 */
export function parseBirthDate(text: string, opts: { asOf?: Date } = {}): BirthDateParse {
  const trimmed = foldFullWidth(text).trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  const value = matchBirthDate(trimmed);
  if (!value) return { ok: false, reason: 'unrecognised_format' };
  if (!isPossible(value)) return { ok: false, reason: 'impossible_date' };
  if (value.year < EARLIEST_BIRTH_YEAR) return { ok: false, reason: 'too_old' };
  if (isAfter(value, vietnamCalendarDate(opts.asOf ?? new Date()))) return { ok: false, reason: 'in_future' };
  return { ok: true, value };
}

function matchBirthDate(text: string): BirthDate | null {
  let m = DAY_MONTH_YEAR.exec(text);
  if (m) return dayDate(m[4], m[3], m[1]);
  m = ISO_DAY.exec(text);
  if (m) return dayDate(m[1], m[2], m[3]);
  m = MONTH_YEAR.exec(text);
  if (m) return { precision: 'month', year: Number(m[2]), month: Number(m[1]) };
  m = ISO_MONTH.exec(text);
  if (m) return { precision: 'month', year: Number(m[1]), month: Number(m[2]) };
  m = YEAR_ONLY.exec(text);
  if (m) return { precision: 'year', year: Number(m[1]) };
  return null;
}

function dayDate(year: string | undefined, month: string | undefined, day: string | undefined): BirthDate {
  return { precision: 'day', year: Number(year), month: Number(month), day: Number(day) };
}

function isPossible(d: BirthDate): boolean {
  if (d.precision === 'year') return true;
  const month = d.month ?? 0;
  if (month < 1 || month > 12) return false;
  if (d.precision === 'month') return true;
  const day = d.day ?? 0;
  return day >= 1 && day <= daysInMonth(d.year, month);
}

/** True when every date the birth date may stand for is after `today` (i.e. it is surely in the future). */
function isAfter(d: BirthDate, today: CalendarDate): boolean {
  if (d.year !== today.year || d.precision === 'year') return d.year > today.year;
  const month = d.month ?? 1;
  if (month !== today.month || d.precision === 'month') return month > today.month;
  return (d.day ?? 1) > today.day;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Formats as `YYYY-MM-DD`, `YYYY-MM` or `YYYY` by precision — the stored form. */
export function formatBirthDate(d: BirthDate): string {
  const year = pad(d.year, 4);
  if (d.precision === 'year') return year;
  const month = `${year}-${pad(d.month ?? 0, 2)}`;
  return d.precision === 'month' ? month : `${month}-${pad(d.day ?? 0, 2)}`;
}

const STORED_FORM = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * Reads the stored form written by {@link formatBirthDate}, strictly: exactly `YYYY`, `YYYY-MM` or
 * `YYYY-MM-DD` of an existing date. Returns null for anything else.
 */
export function birthDateFromIso(text: string): BirthDate | null {
  const m = STORED_FORM.exec(text);
  if (!m) return null;
  const [, year, month, day] = m;
  const value: BirthDate =
    day !== undefined
      ? { precision: 'day', year: Number(year), month: Number(month), day: Number(day) }
      : month !== undefined
        ? { precision: 'month', year: Number(year), month: Number(month) }
        : { precision: 'year', year: Number(year) };
  return isPossible(value) ? value : null;
}

/** How two birth dates relate. */
export type { BirthDateComparison } from './vocabulary.ts';

const PRECISION_RANK = { year: 0, month: 1, day: 2 } as const;

/**
 * Compares two birth dates: `match` when equal at the same precision; `compatible` when they agree
 * as far as the coarser one goes (`1978` and `1978-09-05`); `day_month_swapped` when both are full
 * dates of the same year with day and month exchanged (`05/09` typed as `09/05`); else `different`.
 */
export function compareBirthDates(a: BirthDate, b: BirthDate): BirthDateComparison {
  if (a.year !== b.year) return 'different';
  const shared = Math.min(PRECISION_RANK[a.precision], PRECISION_RANK[b.precision]);
  const monthsAgree = shared < PRECISION_RANK.month || a.month === b.month;
  const daysAgree = shared < PRECISION_RANK.day || a.day === b.day;
  if (monthsAgree && daysAgree) return a.precision === b.precision ? 'match' : 'compatible';
  if (a.precision === 'day' && b.precision === 'day' && a.day === b.month && a.month === b.day) {
    return 'day_month_swapped';
  }
  return 'different';
}

/**
 * Completed years of age on `date` (its calendar day in Vietnam, UTC+7). Conservative: an unknown
 * month counts as December and an unknown day as the last day of the month, so a person is never
 * counted older than is certain (someone born "1990" is 18 only from 31/12/2008). A 29/02 birthday
 * completes a year on 01/03 in common years. Negative before the birth year.
 */
export function ageOn(birth: BirthDate, date: Date): number {
  const today = vietnamCalendarDate(date);
  const month = birth.precision !== 'year' && birth.month !== undefined ? birth.month : 12;
  const day = birth.precision === 'day' && birth.day !== undefined ? birth.day : daysInMonth(birth.year, month);
  const birthdayReached = today.month > month || (today.month === month && today.day >= day);
  return today.year - birth.year - (birthdayReached ? 0 : 1);
}
