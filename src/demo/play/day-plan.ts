/**
 * How busy a played campaign day is (assumed, plausible figures: no source gives An Giang's daily
 * rates): each commune verifies a share of its remaining target lines a day, its own base rate
 * (some communes lag, so the dashboard has laggards) rising over the first days and lower at the
 * weekend; people verify through the channels in a fixed mix, and a commune's mobile point works
 * on some days only. Deterministic for a seed.
 */
import { hashString, Random } from '../random.ts';
import type { VerificationChannel } from '../../domain/index.ts';

/** The channels a played verification goes through, with their weights (door-to-door waits for the field teams). */
export const PLAYED_CHANNELS: readonly { channel: VerificationChannel; weight: number }[] = [
  { channel: 'vneid', weight: 30 },
  { channel: 'carrier_app', weight: 14 },
  { channel: 'carrier_store', weight: 26 },
  { channel: 'mobile_point', weight: 12 },
  { channel: 'commune_point', weight: 10 },
  { channel: 'agency_session', weight: 8 },
];

export const DAY_PLAN = {
  /** A commune's base share of its remaining target lines verified a day, drawn in this range. */
  baseRate: { min: 0.05, max: 0.12 },
  /** Share of communes that lag, at this fraction of the base rate. */
  laggards: { share: 0.15, factor: 0.25 },
  /** Days 1, 2, 3 … at these fractions of the base rate, then at the full rate. */
  rampUp: [0.35, 0.55, 0.75, 0.9],
  /** Sunday and Saturday. */
  weekend: { sunday: 0.5, saturday: 0.8 },
  /** Share of the other unverified H2H lines verified a day (people not yet told, verifying anyway). */
  othersRate: 0.004,
  /** Days a week a commune's mobile point works. */
  mobilePointDaysPerWeek: 2,
  /** Share of open lines whose holder texts TTTB to 1414 a day. */
  selfCheckRate: 0.003,
} as const;

/** The share of a commune's remaining target lines verified on the campaign's `dayIndex` (0: first day), weekday 0 = Sunday. */
export function communeRate(seed: number, communeCode: string, dayIndex: number, weekday: number): number {
  const commune = new Random(hashString(`${seed}:rate:${communeCode}`));
  const { min, max } = DAY_PLAN.baseRate;
  let rate = min + commune.float() * (max - min);
  if (commune.chance(DAY_PLAN.laggards.share)) rate *= DAY_PLAN.laggards.factor;
  const ramp = DAY_PLAN.rampUp[dayIndex] ?? 1;
  const weekend = weekday === 0 ? DAY_PLAN.weekend.sunday : weekday === 6 ? DAY_PLAN.weekend.saturday : 1;
  const noise = 0.8 + new Random(hashString(`${seed}:noise:${communeCode}:${dayIndex}`)).float() * 0.4;
  return rate * ramp * weekend * noise;
}

/** Whether the commune's mobile point works on the campaign's `dayIndex`. */
export function mobilePointWorks(seed: number, communeCode: string, dayIndex: number): boolean {
  const week = Math.floor(dayIndex / 7);
  const days = new Set<number>();
  const random = new Random(hashString(`${seed}:point:${communeCode}:${week}`));
  while (days.size < DAY_PLAN.mobilePointDaysPerWeek) days.add(random.int(0, 6));
  return days.has(dayIndex % 7);
}

/** A whole number of `expected` on average: its fraction drawn. */
export function drawCount(random: Random, expected: number): number {
  const whole = Math.floor(expected);
  return whole + (random.chance(expected - whole) ? 1 : 0);
}

/** A channel by weight; a mobile point that does not work today sends its people to a store. */
export function drawChannel(random: Random, pointWorks: boolean): VerificationChannel {
  const total = PLAYED_CHANNELS.reduce((s, c) => s + c.weight, 0);
  let at = random.float() * total;
  for (const { channel, weight } of PLAYED_CHANNELS) {
    at -= weight;
    if (at < 0) return channel === 'mobile_point' && !pointWorks ? 'carrier_store' : channel;
  }
  return 'vneid';
}

/** Shuffles in place (Fisher–Yates) with `random`. */
export function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
