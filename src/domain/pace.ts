/**
 * Where the pace leads (docs/campaign.md, "Where the pace leads"): from a place's target lines and
 * verified ones now, and how many it verified over the last complete days, the share on the last
 * day, the day all would be verified and what each day still needs. Pure arithmetic, so that the
 * cards, the table and the chart say the same thing.
 *
 * The projection starts from now and adds the pace on each day after today: today's rest is not
 * counted (a half-day's figures would read as a slow day, and an optimistic card is the one that
 * misleads). The denominator is held at today's target lines.
 */

/** A place's standing now and its recent pace. */
export interface PaceBasis {
  /** Target lines now (open H2H lines in a target group, each once). */
  target: number;
  /** Of them, verified now. */
  verified: number;
  /** The net gain of verified target lines over the window (a line that loses its verification counts −1). */
  windowGain: number;
  /** Complete days in the window (0: no pace yet). */
  windowDays: number;
}

/** Verifications added on some days after today (a what-if: a mobile point opened there). */
export interface ExtraDays {
  /** Target lines each added day verifies. */
  perDay: number;
  /** Days after today it runs, from tomorrow. */
  days: number;
}

export interface PlaceProjection {
  target: number;
  verified: number;
  remaining: number;
  /** verified / target; null when the place has no target line (unknown, not 0%). */
  share: number | null;
  /** Verified target lines per day at the window's pace; null without a complete day yet. */
  pacePerDay: number | null;
  /** Verified at the end of each day after today through the last day (capped at the target). */
  projected: number[];
  /** The share on the last day; null without a target or a pace. */
  shareOnEnd: number | null;
  /** Days from today until every target line is verified (0: already); null if the pace never gets there. */
  daysToFull: number | null;
  /** Target lines to verify per day after today to reach 100% on the last day (on the last day itself: all that remain). */
  neededPerDay: number;
}

/** How far ahead "when would it reach 100%" is looked for: beyond ten years it is "never at this pace". */
export const MAX_DAYS_AHEAD = 3650;

/** The projection of one place, `daysLeft` days after today through the campaign's last day. */
export function projectPlace(basis: PaceBasis, daysLeft: number, extra?: ExtraDays): PlaceProjection {
  const { target, verified } = basis;
  const remaining = Math.max(0, target - verified);
  const pacePerDay = basis.windowDays > 0 ? basis.windowGain / basis.windowDays : null;
  const after = (k: number) => Math.min(target, verified + Math.max(0, pacePerDay ?? 0) * k + (extra ? extra.perDay * Math.min(k, extra.days) : 0));
  const projected = Array.from({ length: Math.max(0, daysLeft) }, (_, i) => after(i + 1));
  const hasPace = pacePerDay !== null || (extra !== undefined && extra.perDay > 0 && extra.days > 0);
  return {
    target,
    verified,
    remaining,
    share: target > 0 ? verified / target : null,
    pacePerDay,
    projected,
    shareOnEnd: target > 0 && hasPace ? (projected.at(-1) ?? verified) / target : null,
    daysToFull: remaining === 0 ? 0 : hasPace ? daysUntil(remaining, Math.max(0, pacePerDay ?? 0), extra) : null,
    neededPerDay: daysLeft > 0 ? Math.ceil(remaining / daysLeft) : remaining,
  };
}

/** The first day after today on which the gain covers `remaining`, or null within {@link MAX_DAYS_AHEAD}. */
function daysUntil(remaining: number, pace: number, extra: ExtraDays | undefined): number | null {
  const extraTotal = extra ? extra.perDay * extra.days : 0;
  // Within the extra days both add each day; after them the pace alone.
  const both = pace + (extra?.perDay ?? 0);
  if (extra && both > 0 && both * extra.days >= remaining) return Math.ceil(remaining / both - 1e-9);
  if (pace <= 0) return null;
  const days = Math.max(extra?.days ?? 0, Math.ceil((remaining - extraTotal) / pace - 1e-9));
  return days <= MAX_DAYS_AHEAD ? days : null;
}

/**
 * The projection of several places together: their sums, each place capped at its own target, so
 * the whole reaches 100% exactly when every place has (a stalled commune keeps it from it).
 */
export function projectTogether(places: readonly PlaceProjection[], daysLeft: number): PlaceProjection {
  const sum = (f: (p: PlaceProjection) => number) => places.reduce((s, p) => s + f(p), 0);
  const target = sum((p) => p.target);
  const verified = sum((p) => p.verified);
  const remaining = sum((p) => p.remaining);
  const paced = places.filter((p) => p.pacePerDay !== null);
  const projected = Array.from({ length: Math.max(0, daysLeft) }, (_, i) => sum((p) => p.projected[i] ?? p.verified));
  const known = places.every((p) => p.remaining === 0 || p.daysToFull !== null);
  return {
    target,
    verified,
    remaining,
    share: target > 0 ? verified / target : null,
    pacePerDay: paced.length > 0 ? sum((p) => p.pacePerDay ?? 0) : null,
    projected,
    shareOnEnd: target > 0 && places.some((p) => p.shareOnEnd !== null) ? (projected.at(-1) ?? verified) / target : null,
    daysToFull: remaining === 0 ? 0 : known ? Math.max(...places.map((p) => p.daysToFull ?? 0)) : null,
    neededPerDay: daysLeft > 0 ? Math.ceil(remaining / daysLeft) : remaining,
  };
}

/** A channel's observed yield: verifications on the days it worked, and how many such days. */
export interface ChannelYield {
  verifications: number;
  activeDays: number;
}

/**
 * Verifications per working day of a channel in a place, or the wider area's where the place has
 * none; null when neither has any.
 */
export function dailyYield(place: ChannelYield, wider: ChannelYield): { perDay: number; source: 'commune' | 'province' } | null {
  if (place.activeDays > 0) return { perDay: place.verifications / place.activeDays, source: 'commune' };
  if (wider.activeDays > 0) return { perDay: wider.verifications / wider.activeDays, source: 'province' };
  return null;
}
