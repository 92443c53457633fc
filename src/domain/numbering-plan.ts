/**
 * What Vietnam's national numbering plan says a number is, as `libphonenumber-js` knows it
 * (Google's metadata, updated with each country's plan). tttb's own prefix table
 * (`data/carrier_prefixes.csv`) is kept by hand; the plan is the second opinion that keeps a real
 * mobile number from being rejected because the table is older than the plan.
 *
 * The full ("max") metadata is needed: the smaller sets cannot tell a mobile from a fixed line.
 * This module must stay out of the web app's bundle (lint forbids web/ to import it).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** What the plan says a national number is, as far as telling a mobile from the rest needs. */
export type PlanVerdict = 'mobile' | 'landline' | 'other';

/** Digits after the trunk `0` of a current 10-digit mobile number. */
const MOBILE_NSN_LENGTH = 9;

/**
 * How many leading digits of a 9-digit national significant number (NSN) decide the plan's verdict.
 * Three are not enough: the plan knows `0522…` but not `0521…`, `0896…` but not `0895…`, and
 * `0121[0-3]…` but not `0124…`. The VN patterns of libphonenumber-js 1.13 never look past the 4th
 * digit of a 9-digit NSN; `numbering-plan.test.ts` holds the memo equal to the plan itself, so a
 * metadata update that looks further fails the test instead of giving wrong answers.
 */
export const PLAN_MEMO_KEY_DIGITS = 4;

const VERDICT_CODES: readonly PlanVerdict[] = ['mobile', 'landline', 'other'];

// One byte per possible key, 0 = not asked yet, else the verdict's index + 1: the memo can never
// hold more than 10^4 entries, and an importer normalising millions of numbers asks the plan
// (about 15 µs a call) at most 10^4 times.
const memo = new Uint8Array(10 ** PLAN_MEMO_KEY_DIGITS);

/**
 * The plan's verdict on a national significant number (the digits after the trunk `0`), asking
 * libphonenumber every time. It is the reference `numberingPlanVerdict` is tested against.
 */
export function numberingPlanVerdictUncached(nsn: string): PlanVerdict {
  // No Vietnamese NSN starts with 0, and `00…` would be read as an international call prefix,
  // i.e. possibly as another country's valid number.
  if (nsn.startsWith('0')) return 'other';
  const phone = parsePhoneNumberFromString(`0${nsn}`, 'VN');
  if (!phone?.isValid()) return 'other';
  const type = phone.getType();
  if (type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE') return 'mobile';
  return type === 'FIXED_LINE' ? 'landline' : 'other';
}

/**
 * The plan's verdict on a national significant number of digits only, remembered per first
 * `PLAN_MEMO_KEY_DIGITS` digits for the 9-digit numbers of current mobiles (other lengths are
 * asked directly: tttb never asks the plan about them on a hot path).
 */
export function numberingPlanVerdict(nsn: string): PlanVerdict {
  if (nsn.length !== MOBILE_NSN_LENGTH) return numberingPlanVerdictUncached(nsn);
  const key = Number(nsn.slice(0, PLAN_MEMO_KEY_DIGITS));
  const known = memo[key] ?? 0;
  if (known !== 0) return VERDICT_CODES[known - 1] as PlanVerdict;
  const verdict = numberingPlanVerdictUncached(nsn);
  memo[key] = VERDICT_CODES.indexOf(verdict) + 1;
  return verdict;
}
