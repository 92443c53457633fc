/**
 * `tttb demo play --to DAY`: the demo's campaign moved forward day by day through the real
 * services, so the figures, the dashboard and the projection have a history (docs/campaign.md,
 * "A campaign that moves"). Each day, on the demo's one clock: the first day's reconciliation with
 * the national database (which puts lines into their target groups); people verifying through the
 * channels at the day plan's rates by commune (four fields against the national-database simulator,
 * the one-time code read from their phone's SMS where the rules send one); the roadmap's evening
 * run. Deterministic for a seed: the same seed on the same demo plays the same campaign.
 */
import type { Database } from '../../db/open.ts';
import { advanceDemoClock, todaysCampaign, type Deployment } from '../../clock/index.ts';
import { campaignDate, daysFrom, parseCalendarDay, shiftDay, vietnamCalendarDate, vietnamDay, type Principal, type Role, type ScopeEntry, type VerificationChannel } from '../../domain/index.ts';
import { AppError } from '../../errors.ts';
import { runRoadmap, type RoadmapCounts } from '../../roadmap/index.ts';
import { DEFAULT_VERIFICATION_SETTINGS, submitVerification, type VerificationDeps, type VerificationRequest } from '../../verification/attempts/index.ts';
import { createSimulatorNationalIdService, faceTemplateFor, type NationalIdService } from '../../verification/national-id/index.ts';
import { runReconciliation } from '../../verification/reconciliation/index.ts';
import { hashString, Random } from '../random.ts';
import { communeRate, DAY_PLAN, drawChannel, drawCount, mobilePointWorks, shuffle } from './day-plan.ts';
import { codeOnPhone, unverifiedVisitors, type Visitor } from './visitors.repository.ts';
import { playReports, type ReportsPlayed } from './weekly-reports.ts';

export interface PlayOptions {
  /** The last day to play (YYYY-MM-DD, Vietnam), included. */
  to: string;
  seed: number;
  /** The national database the verifications ask: the demo's simulator unless given. */
  nationalId?: NationalIdService;
  onDay?: (played: DayPlayed) => void;
}

export interface DayPlayed {
  day: string;
  /** Verification attempts that ended in a verified line, by channel. */
  verified: Partial<Record<VerificationChannel, number>>;
  /** Attempts that did not verify (a face not matched, a live capture rejected …). */
  notVerified: number;
  roadmap: RoadmapCounts;
  /** The carriers' weekly reports and the Department's reviews of the day. */
  reports: ReportsPlayed;
}

/** The people of the day come from 07:30 to 20:30; the roadmap runs at 22:00 (Vietnam). */
const OPENS_AT_MINUTES = 7 * 60 + 30;
const OPEN_MINUTES = 13 * 60;
const ROADMAP_AT_MINUTES = 22 * 60;

/**
 * Plays the demo's campaign from the demo clock's next day (today, if the clock is before the
 * day's opening) through `to`, and leaves the clock at `to`'s evening.
 * @throws AppError DEMO_ONLY on a production database; DEMO_PLAY_DAY_PASSED when `to` is before the next day to play
 */
export async function playDemo(db: Database, deployment: Deployment, options: PlayOptions): Promise<DayPlayed[]> {
  if (deployment.mode !== 'demo') throw new AppError('DEMO_ONLY', 'chỉ chơi tiếp chiến dịch trên cơ sở dữ liệu mẫu (demo)');
  const to = parseCalendarDay(options.to);
  if (!to) throw new AppError('VALIDATION_FAILED', `cần một ngày có thật dạng YYYY-MM-DD, nhận được "${options.to}"`);
  const campaign = await todaysCampaign(db.kysely, deployment.clock);
  const now = deployment.clock.now();
  const today = vietnamCalendarDate(now);
  const first = minutesIntoDay(now) < OPENS_AT_MINUTES ? today : parse(shiftDay(today, 1));
  const days = daysFrom(first, to);
  if (days.length === 0) throw new AppError('DEMO_PLAY_DAY_PASSED', `bản demo đã ở ${vietnamDay(now)}: ngày tiếp theo là ${shiftDay(today, 1)}`);
  const nationalId = options.nationalId ?? createSimulatorNationalIdService(db);
  const played: DayPlayed[] = [];
  for (const day of days) {
    const result = await playDay(db, deployment, nationalId, { day, startsOn: campaign.startsOn, seed: options.seed });
    played.push(result);
    options.onDay?.(result);
  }
  return played;
}

async function playDay(db: Database, deployment: Deployment, nationalId: NationalIdService, context: { day: string; startsOn: string; seed: number }): Promise<DayPlayed> {
  const { day, seed } = context;
  const dayIndex = daysFrom(campaignDate(context.startsOn), parse(day)).length - 1;
  const random = new Random(hashString(`${seed}:day:${day}`));
  const at = (minutes: number) => new Date(Date.parse(`${day}T00:00:00+07:00`) + minutes * 60_000);

  await advanceDemoClock(db, deployment, at(OPENS_AT_MINUTES - 30));
  // The campaign opens with the national database's answer for every line: the target groups.
  if (day === context.startsOn) await runReconciliation(db, nationalId, { now: () => deployment.clock.now() });

  // The day's visitors are known in the evening, when every visit of the day has happened.
  await advanceDemoClock(db, deployment, at(OPENS_AT_MINUTES + OPEN_MINUTES));
  const visits = dayIndex < 0 ? [] : planVisits(random, await unverifiedVisitors(db.kysely), { seed, dayIndex, weekday: new Date(`${day}T12:00:00+07:00`).getUTCDay() });
  const result: DayPlayed = { day, verified: {}, notVerified: 0, roadmap: { reminder: 0, one_way: 0, two_way: 0, terminated: 0 }, reports: { submitted: 0, refused: 0, accepted: 0, returned: 0 } };
  for (const visit of visits) {
    const outcome = await verify(db, nationalId, visit, at(OPENS_AT_MINUTES + visit.minute));
    if (outcome === 'verified') result.verified[visit.channel] = (result.verified[visit.channel] ?? 0) + 1;
    else result.notVerified++;
  }

  result.reports = await playReports(db, deployment.clock, day, seed, at);

  await advanceDemoClock(db, deployment, at(ROADMAP_AT_MINUTES));
  result.roadmap = (await runRoadmap(db, { at: at(ROADMAP_AT_MINUTES) })).counts;
  return result;
}

interface Visit {
  visitor: Visitor;
  channel: VerificationChannel;
  /** Minutes after the day's opening, with a fraction so no two visits share an instant. */
  minute: number;
}

/** Who verifies today, through which channel and when, in time order. */
function planVisits(random: Random, visitors: readonly Visitor[], day: { seed: number; dayIndex: number; weekday: number }): Visit[] {
  const byCommune = new Map<string, Visitor[]>();
  for (const v of visitors) byCommune.set(v.communeCode, [...(byCommune.get(v.communeCode) ?? []), v]);
  const visits: Visit[] = [];
  for (const [communeCode, here] of [...byCommune].sort(([a], [b]) => a.localeCompare(b))) {
    const targets = here.filter((v) => v.target);
    const others = here.filter((v) => !v.target);
    const coming = [
      ...shuffle(random, targets).slice(0, drawCount(random, targets.length * communeRate(day.seed, communeCode, day.dayIndex, day.weekday))),
      ...shuffle(random, others).slice(0, drawCount(random, others.length * DAY_PLAN.othersRate)),
    ];
    const pointWorks = mobilePointWorks(day.seed, communeCode, day.dayIndex);
    for (const visitor of coming) {
      let channel = drawChannel(random, pointWorks);
      // A line without a commune on record has no commune point to go to.
      if (channel === 'commune_point' && communeCode === '') channel = 'carrier_store';
      visits.push({ visitor, channel, minute: random.float() * OPEN_MINUTES });
    }
  }
  return visits.sort((a, b) => a.minute - b.minute);
}

/** One person's verification at `at`, with the code from their phone when one is sent. */
async function verify(db: Database, nationalId: NationalIdService, visit: Visit, at: Date): Promise<'verified' | 'not_verified'> {
  const { visitor, channel } = visit;
  const principal = staffOf(channel, visitor);
  const request: VerificationRequest = {
    client: `demo-${channel}-${visitor.id}`,
    msisdn: visitor.msisdn,
    channel,
    place: visitor.communeCode || undefined,
    identity: { documentNumber: visitor.personalId, fullName: visitor.fullName, birthDate: visitor.birthDate },
    faceSample: { template: faceTemplateFor(visitor.faceSeed) },
    liveness: { method: 'active', presentation: 'live' },
    consent: true,
  };
  const deps = (instant: Date): VerificationDeps => ({ db, nationalId, settings: DEFAULT_VERIFICATION_SETTINGS, now: () => instant });
  try {
    let answer = await submitVerification(deps(at), principal, request);
    if (answer.outcome === 'otp_required') {
      const otp = await codeOnPhone(db.kysely, visitor.id);
      answer = await submitVerification(deps(new Date(at.getTime() + 45_000)), principal, { ...request, otp });
    }
    return answer.outcome === 'verified' ? 'verified' : 'not_verified';
  } catch (error) {
    // A refusal by the rules (a limit, a lock only a desk lifts …) is a visit that did not verify.
    if (error instanceof AppError) return 'not_verified';
    throw error;
  }
}

/** Who takes the verification at each channel: the systems of VNeID and the carrier's app, a carrier's staff, the commune's officer. */
function staffOf(channel: VerificationChannel, visitor: Visitor): Principal {
  const as = (role: Role, scope: readonly ScopeEntry[] | 'province'): Principal => ({ kind: 'user', id: 0, actor: `demo.${channel}`, displayName: `demo ${channel}`, role, scope });
  switch (channel) {
    case 'vneid':
      return as('vneid_integration', 'province');
    case 'carrier_app':
      return as('carrier_system', [{ kind: 'carrier', value: visitor.carrier }]);
    case 'commune_point':
      return as('commune_officer', [{ kind: 'commune', value: visitor.communeCode }]);
    default:
      return as('carrier_operator', [{ kind: 'carrier', value: visitor.carrier }]);
  }
}

/** Minutes since midnight in Vietnam. */
function minutesIntoDay(instant: Date): number {
  return Math.floor(((instant.getTime() + 7 * 3_600_000) % 86_400_000) / 60_000);
}

function parse(day: string) {
  const date = parseCalendarDay(day);
  if (!date) throw new Error(`not a calendar day: ${day}`);
  return date;
}
