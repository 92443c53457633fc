/**
 * The carriers' weekly reports in the demo's campaign (docs/reports.md): on the day after a week
 * ends, each carrier's system checks tttb's draft and submits it — most before the 17:00 deadline,
 * one in four the next morning (late); one carrier's first try of week 1 has an error the rules
 * refuse (verified above its target lines), corrected within the hour; another explains a figure
 * off tttb's with a comment. The Department reviews the morning after the deadline: it accepts each
 * report awaiting review, except one it returns once, which its carrier sends again that day.
 * Plausible rather than sourced; deterministic for the seed.
 */
import type { Database } from '../../db/open.ts';
import type { Clock } from '../../clock/index.ts';
import { campaignDate, shiftDay, type Principal } from '../../domain/index.ts';
import { draftReport, reportOfWeek, reviewReport, submitReport } from '../../reports/index.ts';
import { reportWeeks } from '../../reports/weekly-reports.service.ts';
import { reportingCarriers } from '../../reports/weekly-reports.repository.ts';
import { hashString } from '../random.ts';

export interface ReportsPlayed {
  submitted: number;
  /** Submissions the rules refused (nothing kept). */
  refused: number;
  accepted: number;
  returned: number;
}

const carrierSystem = (carrier: string): Principal => ({ kind: 'token', id: 0, actor: `token:demo-${carrier}`, displayName: `Hệ thống ${carrier}`, role: 'carrier_system', scope: [{ kind: 'carrier', value: carrier }] });
const department: Principal = { kind: 'user', id: 0, actor: 'demo.so-khcn', displayName: 'Sở KH&CN (demo)', role: 'province_admin', scope: 'province' };

/** Whether `carrier`'s report of `week` comes in late, for the seed: one in four. */
const isLate = (seed: number, carrier: string, week: number) => hashString(`${seed}:report:${carrier}:${week}`) % 4 === 0;

/** The reports and reviews of `day`, at their own instants of that day (`at(minutes)` in Vietnam). */
export async function playReports(db: Database, clock: Clock, day: string, seed: number, at: (minutes: number) => Date): Promise<ReportsPlayed> {
  const played: ReportsPlayed = { submitted: 0, refused: 0, accepted: 0, returned: 0 };
  const carriers = await reportingCarriers(db.kysely);
  const [refusedOnce, explained, returnedOnce] = [carriers[0], carriers[1], carriers.at(-1)];
  for (const { week } of await reportWeeks(db.kysely, clock)) {
    const end = campaignDate(week.endsOn);
    for (const [i, carrier] of carriers.entries()) {
      const late = isLate(seed, carrier, week.week);
      const submitOn = shiftDay(end, late ? 2 : 1);
      if (day === submitOn) {
        const minute = (late ? 9 * 60 : 10 * 60) + ((hashString(`${seed}:${carrier}:${week.week}`) + i * 37) % (6 * 60));
        if (week.week === 1 && carrier === refusedOnce && (await submit(db, clock, carrier, week.week, at(minute - 60), { error: true })) === 'refused') played.refused++;
        if ((await submit(db, clock, carrier, week.week, at(minute), { explain: carrier === explained })) === 'submitted') played.submitted++;
      }
      // The Department's review, the morning after the last report could come in.
      if (day === shiftDay(end, 3)) {
        const report = await reportOfWeek(db, clock, 'province', carrier, week.week);
        const awaiting = report.revisions.find((r) => r.status === 'submitted');
        if (!awaiting) continue;
        const returning = week.week === 1 && carrier === returnedOnce && report.revisions.length === 1;
        await reviewReport(db, clock, carrier, week.week, awaiting.revision, returning ? { decision: 'return', comment: 'Số lượt tự kiểm tra của một số xã chưa khớp: đề nghị kiểm tra lại.' } : { decision: 'accept', comment: null }, change(department, at(8 * 60 + i)));
        if (returning) {
          played.returned++;
          if ((await submit(db, clock, carrier, week.week, at(14 * 60), {})) === 'submitted') played.submitted++;
        } else played.accepted++;
      }
    }
  }
  return played;
}

/**
 * The carrier's system submits tttb's draft, with an error planted or a figure explained; a
 * warning tttb's own figures raise (deliveries of last week's notices) is explained and sent again.
 */
async function submit(db: Database, clock: Clock, carrier: string, week: number, instant: Date, how: { error?: boolean; explain?: boolean }): Promise<'submitted' | 'refused'> {
  const draft = await draftReport(db, clock, 'province', carrier, week);
  const largest = [...draft.rows].sort((a, b) => b.figures.target_lines - a.figures.target_lines)[0]?.communeCode;
  const rows = draft.rows.map((r, i) => {
    const figures = { ...r.figures, certified_to_date: Math.round(r.figures.target_verified * 0.6), certified_week: Math.round(r.figures.target_verified * 0.2) };
    if (how.error && r.communeCode === largest) return { row: i + 1, communeCode: r.communeCode, figures: { ...figures, target_verified: figures.target_lines + 3 }, comment: null };
    if (how.explain && r.communeCode === largest) return { row: i + 1, communeCode: r.communeCode, figures: { ...figures, selfchecks_week: figures.selfchecks_week + 40 }, comment: 'Gồm lượt tự kiểm tra qua tổng đài của nhà mạng' };
    return { row: i + 1, communeCode: r.communeCode, figures, comment: null };
  });
  const send = (list: typeof rows) => submitReport(db, clock, carrier, week, { rows: list, source: 'draft', sheet: null }, change(carrierSystem(carrier), instant));
  const answer = await send(rows);
  if (answer.state === 'submitted' || how.error) return answer.state;
  if (answer.problems.some((p) => p.code !== 'REPORT_WARNING_NEEDS_COMMENT')) return 'refused';
  const unexplained = new Set(answer.problems.map((p) => p.communeCode));
  return (await send(rows.map((r) => (unexplained.has(r.communeCode) ? { ...r, comment: 'Theo số liệu của nhà mạng' } : r)))).state;
}

const change = (principal: Principal, now: Date) => ({ principal, now });
