/**
 * The campaign's calendar as its people count it: "ngày thứ N" from the first day (1), and the
 * days left until the last day (0 on it), all in Vietnam dates (calendar.ts). The plan's
 * 28/4 – 28/5 is day 1 of the "Chiến dịch 30 ngày" with 30 days left.
 */
import { formatCalendarDay, parseCalendarDay, type CalendarDate } from './calendar.ts';

export const CAMPAIGN_PHASES = ['before', 'running', 'ended'] as const;
export type CampaignPhase = (typeof CAMPAIGN_PHASES)[number];

export interface CampaignDay {
  /** 1 on the first day; 0 before it; the last day's number once it has ended. */
  day: number;
  /** Days from today to the last day (0 on it and after). */
  daysLeft: number;
  phase: CampaignPhase;
}

/** Days since 1970-01-01 of a calendar date: differences of these are whole days, whatever the zone. */
function dayNumber({ year, month, day }: CalendarDate): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

function dateOfDayNumber(days: number): CalendarDate {
  const date = new Date(days * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** Where `today` stands in a campaign running from `startsOn` to `endsOn`, both included. */
export function campaignDay(startsOn: CalendarDate, endsOn: CalendarDate, today: CalendarDate): CampaignDay {
  const sinceStart = dayNumber(today) - dayNumber(startsOn);
  const untilEnd = dayNumber(endsOn) - dayNumber(today);
  const length = dayNumber(endsOn) - dayNumber(startsOn) + 1;
  if (sinceStart < 0) return { day: 0, daysLeft: untilEnd, phase: 'before' };
  if (untilEnd < 0) return { day: length, daysLeft: 0, phase: 'ended' };
  return { day: sinceStart + 1, daysLeft: untilEnd, phase: 'running' };
}

export interface CampaignDates {
  /** YYYY-MM-DD */
  startsOn: string;
  /** YYYY-MM-DD */
  endsOn: string;
}

/**
 * The campaign a screen shows today: the one running (the latest started, if several overlap),
 * else the next to start, else the last to have ended; undefined when there is none. `today` is
 * YYYY-MM-DD, so dates compare as text.
 */
export function campaignOfToday<C extends CampaignDates>(campaigns: readonly C[], today: string): C | undefined {
  const byStart = [...campaigns].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const running = byStart.filter((c) => c.startsOn <= today && today <= c.endsOn);
  return running.at(-1) ?? byStart.find((c) => c.startsOn > today) ?? byStart.filter((c) => c.endsOn < today).sort((a, b) => a.endsOn.localeCompare(b.endsOn)).at(-1);
}

/** A stored campaign date, which the table's writers keep as YYYY-MM-DD. */
export function campaignDate(text: string): CalendarDate {
  const date = parseCalendarDay(text);
  if (!date) throw new Error(`campaign date is not YYYY-MM-DD: ${text}`);
  return date;
}

/** A campaign week: seven days from the weekday the campaign starts on, the last cut at its end. */
export interface CampaignWeek {
  /** 1 for the week of the first day. */
  week: number;
  /** YYYY-MM-DD, both included. */
  startsOn: string;
  endsOn: string;
  /** Fewer than seven days: the campaign ends inside it. */
  partial: boolean;
}

/**
 * The campaign's weeks, in order. The plan's 28/4 (a Tuesday) – 28/5 has five: Tuesday to Monday,
 * the fifth 26–28/5 and partial. Weekly reports and the figures "by campaign week" use these.
 */
export function campaignWeeks(startsOn: CalendarDate, endsOn: CalendarDate): CampaignWeek[] {
  const [first, last] = [dayNumber(startsOn), dayNumber(endsOn)];
  const weeks: CampaignWeek[] = [];
  for (let start = first, week = 1; start <= last; start += 7, week++) {
    const end = Math.min(start + 6, last);
    weeks.push({ week, startsOn: formatCalendarDay(dateOfDayNumber(start)), endsOn: formatCalendarDay(dateOfDayNumber(end)), partial: end - start < 6 });
  }
  return weeks;
}

/** The campaign week `date` falls in; undefined before the first day and after the last. */
export function campaignWeekOf(startsOn: CalendarDate, endsOn: CalendarDate, date: CalendarDate): CampaignWeek | undefined {
  const since = dayNumber(date) - dayNumber(startsOn);
  if (since < 0 || dayNumber(date) > dayNumber(endsOn)) return undefined;
  return campaignWeeks(startsOn, endsOn)[Math.floor(since / 7)];
}

/** Every calendar day from `first` to `last`, both included, as `YYYY-MM-DD` (none when last < first). */
export function daysFrom(first: CalendarDate, last: CalendarDate): string[] {
  const days: string[] = [];
  for (let n = dayNumber(first); n <= dayNumber(last); n++) days.push(formatCalendarDay(dateOfDayNumber(n)));
  return days;
}

/** The `YYYY-MM-DD` that is `days` days after `from` (before it when negative). */
export function shiftDay(from: CalendarDate, days: number): string {
  return formatCalendarDay(dateOfDayNumber(dayNumber(from) + days));
}
