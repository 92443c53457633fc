/**
 * Where the pace leads (docs/campaign.md, "Where the pace leads"): per commune and overall, the
 * target lines' share on the last day at the last 7 complete days' pace, the day 100% would be
 * reached and what is needed per day; and a what-if of a mobile point opened for some days in a
 * commune. Read from the live figures' rollups, within the caller's scope.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../clock/index.ts';
import { todaysCampaign } from '../clock/index.ts';
import {
  campaignDate,
  campaignDay,
  dailyYield,
  daysFrom,
  FLOW_MEASURES,
  parseCalendarDay,
  projectPlace,
  projectTogether,
  shiftDay,
  vietnamCalendarDate,
  vietnamDay,
  type CampaignPhase,
  type CalendarDate,
  type ExtraDays,
  type PaceBasis,
  type PlaceProjection,
  type Scope,
} from '../domain/index.ts';
import { AppError, fieldInvalid as invalid } from '../errors.ts';
import { activeDaysByCommune, communeExists, communeNames, readTotals, sumDaysByCommune, type CommuneSum } from './figures.repository.ts';

/** Complete days the pace is taken over. */
export const PACE_WINDOW_DAYS = 7;

/** The longest what-if: a mobile point for a campaign's length and then some. */
export const MAX_EXTRA_POINT_DAYS = 60;

export interface ProjectionQuery {
  scope: Scope;
  /** One commune of the caller's scope (the answer's overall is then that commune). */
  commune?: string;
  /** What if a mobile point worked `days` more days, from tomorrow, in `communeCode`. */
  extraPoint?: { communeCode: string; days: number };
}

/** A place's projection as the answer gives it. */
export interface ProjectionFigures {
  target: number;
  verified: number;
  remaining: number;
  share: number | null;
  pacePerDay: number | null;
  shareOnEnd: number | null;
  /** YYYY-MM-DD; null when the pace does not get there (or is not known yet). */
  reachesFullOn: string | null;
  /** Reaches 100% by the last day at this pace; null when that is not known. */
  onTrack: boolean | null;
  neededPerDay: number;
}

export interface ProjectionAnswer {
  asOf: string;
  today: string;
  campaign: { code: string; startsOn: string; endsOn: string; phase: CampaignPhase; daysLeft: number };
  /** The complete days the pace is taken over; null before a day is complete. */
  window: { from: string; to: string; days: number } | null;
  whatIf: {
    communeCode: string;
    communeName: string | null;
    days: number;
    /** Mobile-point verifications per day it worked, observed in the commune or, without any, in the province. */
    verificationsPerDay: number;
    source: 'commune' | 'province';
    /** The share of verifications that were of target lines (over the campaign so far, same source). */
    targetShare: number;
    targetLinesPerDay: number;
  } | null;
  overall: ProjectionFigures & {
    /** Projected verified target lines at the end of each day after today through the last day. */
    series: { day: string; verified: number; share: number | null }[];
  };
  communes: (ProjectionFigures & { communeCode: string; communeName: string | null })[];
}

const VERIFICATION_FLOWS = FLOW_MEASURES.filter((m) => m.startsWith('verified_'));

/**
 * The projection within the caller's scope.
 * @throws AppError CAMPAIGN_NOT_FOUND; COMMUNE_NOT_FOUND for a commune that does not exist or is outside the scope
 */
export async function projectionView(db: Kysely<DB>, clock: Clock, query: ProjectionQuery): Promise<ProjectionAnswer> {
  const asOf = clock.now().toISOString();
  const today = vietnamCalendarDate(clock.now());
  const todayText = vietnamDay(asOf);
  const campaign = await todaysCampaign(db, clock);
  const [startsOn, endsOn] = [campaignDate(campaign.startsOn), campaignDate(campaign.endsOn)];
  const standing = campaignDay(startsOn, endsOn, today);
  const scope = query.commune === undefined ? query.scope : await narrowToCommune(db, query.scope, query.commune);
  if (query.extraPoint) {
    if (query.commune !== undefined && query.extraPoint.communeCode !== query.commune) throw invalid('extraPointCommune', 'điểm lưu động giả định phải ở xã đang xem');
    await narrowToCommune(db, query.scope, query.extraPoint.communeCode);
  }

  // The day the figures stand at (the last day once the campaign has ended) and the days still to work.
  const standsAt = standing.phase === 'ended' ? campaign.endsOn : todayText;
  const workDays = standing.phase === 'before' ? daysFrom(startsOn, endsOn) : standing.phase === 'running' ? daysFrom(dayAfter(today), endsOn) : [];
  const window = paceWindow(standing.phase, startsOn, endsOn, today);

  const now = byCommune(await totalsOf(db, scope));
  if (standing.phase === 'ended') subtract(now, await sumDaysByCommune(db, scope, dayAfterText(campaign.endsOn), todayText, ['target', 'target_verified']));
  const gains = byCommune(window ? await sumDaysByCommune(db, scope, window.from, window.to, ['target_verified']) : []);
  const whatIf = query.extraPoint && standing.phase !== 'ended' ? await whatIfOf(db, query.scope, query.extraPoint, campaign.startsOn, standsAt) : null;

  const names = await communeNames(db);
  const codes = new Set([...placesOf(scope, names), ...[...now.entries()].filter(([, m]) => (m.get('target') ?? 0) !== 0).map(([code]) => code)]);
  const places = [...codes].sort().map((communeCode) => {
    const figures = now.get(communeCode);
    const basis: PaceBasis = {
      target: figures?.get('target') ?? 0,
      verified: figures?.get('target_verified') ?? 0,
      windowGain: gains.get(communeCode)?.get('target_verified') ?? 0,
      windowDays: window?.days ?? 0,
    };
    const extra: ExtraDays | undefined = whatIf && whatIf.communeCode === communeCode ? { perDay: whatIf.targetLinesPerDay, days: whatIf.days } : undefined;
    return { communeCode, communeName: names.get(communeCode) ?? null, projection: projectPlace(basis, workDays.length, extra) };
  });
  const overall = projectTogether(
    places.map((p) => p.projection),
    workDays.length,
  );
  const fromDay = standing.phase === 'before' ? shiftDay(startsOn, -1) : standsAt;
  return {
    asOf,
    today: todayText,
    campaign: { code: campaign.code, startsOn: campaign.startsOn, endsOn: campaign.endsOn, phase: standing.phase, daysLeft: standing.daysLeft },
    window,
    whatIf,
    overall: {
      ...answerOf(overall, fromDay, campaign.endsOn),
      series: workDays.map((day, i) => ({ day, verified: Math.round(overall.projected[i] ?? overall.verified), share: overall.target > 0 ? round((overall.projected[i] ?? overall.verified) / overall.target, 4) : null })),
    },
    communes: places.map((p) => ({ communeCode: p.communeCode, communeName: p.communeName, ...answerOf(p.projection, fromDay, campaign.endsOn) })),
  };
}

/** The last complete days of the campaign before today (or its last days once ended). */
function paceWindow(phase: CampaignPhase, startsOn: CalendarDate, endsOn: CalendarDate, today: CalendarDate): ProjectionAnswer['window'] {
  if (phase === 'before') return null;
  const last = phase === 'ended' ? endsOn : parse(shiftDay(today, -1));
  const days = daysFrom(startsOn, last).slice(-PACE_WINDOW_DAYS);
  const [from, to] = [days[0], days.at(-1)];
  return from !== undefined && to !== undefined ? { from, to, days: days.length } : null;
}

async function totalsOf(db: Kysely<DB>, scope: Scope): Promise<CommuneSum[]> {
  return (await readTotals(db, scope)).filter((r) => r.measure === 'target' || r.measure === 'target_verified');
}

/**
 * The what-if's yield: the commune's mobile-point verifications per day it worked, or the
 * province's (within the caller's carrier, if any) where it has none; and the share of those
 * verifications that were of target lines, from the same place.
 */
async function whatIfOf(db: Kysely<DB>, scope: Scope, extra: { communeCode: string; days: number }, first: string, last: string): Promise<ProjectionAnswer['whatIf']> {
  const wider = withoutCommunes(scope);
  const active = await activeDaysByCommune(db, wider, first, last, 'verified_mobile_point');
  const here = active.find((a) => a.commune_code === extra.communeCode);
  const all = active.reduce((s, a) => ({ verifications: s.verifications + a.n, activeDays: s.activeDays + a.days }), { verifications: 0, activeDays: 0 });
  const yieldOf = dailyYield({ verifications: here?.n ?? 0, activeDays: here?.days ?? 0 }, all);
  if (!yieldOf) throw new AppError('PROJECTION_NO_MOBILE_POINT_YIELD');
  const sums = await sumDaysByCommune(db, wider, first, last, ['target_verified', ...VERIFICATION_FLOWS]);
  const shareIn = (rows: readonly CommuneSum[]) => {
    const verifications = rows.filter((r) => r.measure !== 'target_verified').reduce((s, r) => s + r.n, 0);
    const gained = rows.filter((r) => r.measure === 'target_verified').reduce((s, r) => s + r.n, 0);
    return verifications > 0 ? Math.min(1, Math.max(0, gained / verifications)) : 1;
  };
  const targetShare = shareIn(yieldOf.source === 'commune' ? sums.filter((r) => r.commune_code === extra.communeCode) : sums);
  return {
    communeCode: extra.communeCode,
    communeName: (await communeNames(db)).get(extra.communeCode) ?? null,
    days: extra.days,
    verificationsPerDay: round(yieldOf.perDay, 2),
    source: yieldOf.source,
    targetShare: round(targetShare, 4),
    targetLinesPerDay: round(yieldOf.perDay * targetShare, 2),
  };
}

function answerOf(p: PlaceProjection, fromDay: string, endsOn: string): ProjectionFigures {
  const reachesFullOn = p.daysToFull === null ? null : shiftDay(parse(fromDay), p.daysToFull);
  return {
    target: p.target,
    verified: p.verified,
    remaining: p.remaining,
    share: p.share === null ? null : round(p.share, 4),
    pacePerDay: p.pacePerDay === null ? null : round(p.pacePerDay, 2),
    shareOnEnd: p.shareOnEnd === null ? null : round(p.shareOnEnd, 4),
    reachesFullOn,
    onTrack: p.remaining === 0 ? true : reachesFullOn === null ? (p.pacePerDay === null ? null : false) : reachesFullOn <= endsOn,
    neededPerDay: p.neededPerDay,
  };
}

/**
 * The caller's scope narrowed to one commune; a commune that does not exist or lies outside the
 * scope is the same "not found".
 */
async function narrowToCommune(db: Kysely<DB>, scope: Scope, commune: string): Promise<Scope> {
  const communes = scope === 'province' ? [] : scope.filter((e) => e.kind === 'commune').map((e) => e.value);
  if ((communes.length > 0 && !communes.includes(commune)) || !(await communeExists(db, commune))) throw new AppError('COMMUNE_NOT_FOUND');
  return [...(scope === 'province' ? [] : scope.filter((e) => e.kind !== 'commune')), { kind: 'commune', value: commune }];
}

function withoutCommunes(scope: Scope): Scope {
  if (scope === 'province') return scope;
  const rest = scope.filter((e) => e.kind !== 'commune');
  return rest.length === 0 ? 'province' : rest;
}

/** The communes a scope lists, or every commune when it lists none. */
function placesOf(scope: Scope, names: ReadonlyMap<string, string>): string[] {
  const listed = scope === 'province' ? [] : scope.filter((e) => e.kind === 'commune').map((e) => e.value);
  return listed.length > 0 ? listed : [...names.keys()];
}

function byCommune(rows: readonly CommuneSum[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const m = out.get(r.commune_code) ?? new Map<string, number>();
    m.set(r.measure, (m.get(r.measure) ?? 0) + r.n);
    out.set(r.commune_code, m);
  }
  return out;
}

function subtract(from: Map<string, Map<string, number>>, rows: readonly CommuneSum[]): void {
  for (const r of rows) {
    const m = from.get(r.commune_code) ?? new Map<string, number>();
    m.set(r.measure, (m.get(r.measure) ?? 0) - r.n);
    from.set(r.commune_code, m);
  }
}

function dayAfter(date: CalendarDate): CalendarDate {
  return parse(shiftDay(date, 1));
}

function dayAfterText(day: string): string {
  return shiftDay(parse(day), 1);
}

function parse(day: string): CalendarDate {
  const date = parseCalendarDay(day);
  if (!date) throw new Error(`not a calendar day: ${day}`);
  return date;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
