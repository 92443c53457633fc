/**
 * The demo's carriers' standardisation notices (target group 2): before the campaign each carrier
 * compared its records with the national database and sent an SMS asking the holder to update
 * them. In the demo a carrier has found most of the lines with a planted problem (their own checks
 * miss some), and sent its notices over the week before the campaign's first day. The database path
 * writes them as memberships; the CSV path as each carrier's notice list (docs/imports.md,
 * "Carriers' events"), which `tttb import events` loads into the same memberships.
 */
import type { DemoBatch, Row } from './row-generator.ts';
import { PLANTED_COLUMNS, SUBSCRIBER_COLUMNS } from './row-generator.ts';

/** Share of the problem lines a carrier's own checks found (assumed). */
const FOUND_PERCENT = 70;
const DAY_MS = 86_400_000;
// 09:00 in Vietnam: the hour carriers' campaigns go out.
const SENT_AT_HOUR_UTC = 2;

export interface DemoNotice {
  msisdn: string;
  carrier: string;
  /** ISO instant the carrier sent it. */
  at: string;
}

/** The header of a carrier's notice list: the events file's number and time columns. */
export const NOTICE_LIST_COLUMNS = ['msisdn', 'at'] as const;

export const noticeListFileName = (carrier: string): string => `nhan-tin-${carrier}.csv`;

const MSISDN = SUBSCRIBER_COLUMNS.indexOf('msisdn');
const CARRIER = SUBSCRIBER_COLUMNS.indexOf('carrier');
const PLANTED_MSISDN = PLANTED_COLUMNS.indexOf('msisdn');

/** The notices the carriers sent for the lines of a batch: a fixed choice by number, a day of the week before `referenceNow`. */
export function noticesOf(batch: Pick<DemoBatch, 'subscribers' | 'planted'>, referenceNow: string): DemoNotice[] {
  const planted = new Set(batch.planted.map((row: Row) => row[PLANTED_MSISDN] as string));
  const firstDay = Date.parse(referenceNow.slice(0, 10)) - 7 * DAY_MS;
  const notices: DemoNotice[] = [];
  for (const row of batch.subscribers) {
    const msisdn = row[MSISDN] as string;
    if (!planted.has(msisdn) || Number(msisdn.slice(-2)) >= FOUND_PERCENT) continue;
    const day = Number(msisdn.slice(-3, -2)) % 7;
    notices.push({ msisdn, carrier: row[CARRIER] as string, at: new Date(firstDay + day * DAY_MS + SENT_AT_HOUR_UTC * 3_600_000).toISOString() });
  }
  return notices;
}
