/**
 * A calendar day in a query string (`from`, `to` of the count endpoints): `YYYY-MM-DD` naming a
 * day that exists, by the domain's calendar (leap years included). A day that does not exist is a
 * 400 VALIDATION_FAILED naming the field, never an empty answer that looks like "no data".
 */
import { z } from 'zod';
import { parseCalendarDay } from '../domain/index.ts';

const CALENDAR_DAY_MESSAGE = 'cần một ngày có thật dạng YYYY-MM-DD';

/** The zod schema of a real calendar day written `YYYY-MM-DD`. */
export function calendarDayParam() {
  return z.string().refine((text) => parseCalendarDay(text) !== null, CALENDAR_DAY_MESSAGE);
}
