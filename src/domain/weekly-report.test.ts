import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkReportFigures, REPORT_COLUMN_CODES, reportDueAt, reportTimeliness, type ReportFigures } from './weekly-report.ts';

const figuresArb = fc.record(Object.fromEntries(REPORT_COLUMN_CODES.map((c) => [c, fc.nat({ max: 100_000 })])) as Record<keyof ReportFigures, fc.Arbitrary<number>>);

describe('reportDueAt', () => {
  it('is 17:00 in Vietnam on the day after the week ends, by default', () => {
    // Week 1 of the plan: 28/4 – 4/5/2026.
    expect(reportDueAt('2026-05-04', { daysAfter: 1, time: '17:00' })).toBe('2026-05-05T10:00:00.000Z');
    // Across a month's and a year's end.
    expect(reportDueAt('2026-05-31', { daysAfter: 1, time: '00:00' })).toBe('2026-05-31T17:00:00.000Z');
    expect(reportDueAt('2026-12-31', { daysAfter: 2, time: '08:30' })).toBe('2027-01-02T01:30:00.000Z');
  });

  it('refuses a time that is not HH:MM', () => {
    expect(() => reportDueAt('2026-05-04', { daysAfter: 1, time: '24:00' })).toThrow();
    expect(() => reportDueAt('2026-02-30', { daysAfter: 1, time: '17:00' })).toThrow();
  });
});

describe('reportTimeliness', () => {
  const due = '2026-05-05T10:00:00.000Z';
  it('reads the week by Vietnam dates: on the last day it has not ended, the next morning it awaits, then it is missing', () => {
    expect(reportTimeliness('2026-05-04', due, null, new Date('2026-05-04T16:59:59Z'))).toBe('not_ended');
    expect(reportTimeliness('2026-05-04', due, null, new Date('2026-05-04T17:00:00Z'))).toBe('awaiting');
    expect(reportTimeliness('2026-05-04', due, null, new Date('2026-05-05T10:00:01Z'))).toBe('missing');
  });
  it('judges a report by its first submission against the deadline, to the millisecond', () => {
    expect(reportTimeliness('2026-05-04', due, due, new Date('2026-06-01T00:00:00Z'))).toBe('on_time');
    expect(reportTimeliness('2026-05-04', due, '2026-05-05T10:00:00.001Z', new Date('2026-06-01T00:00:00Z'))).toBe('late');
  });
});

describe('checkReportFigures', () => {
  it('finds nothing in figures equal to the registry that keep the rules', () => {
    fc.assert(
      fc.property(figuresArb, (f) => {
        const kept = { ...f, target_lines: f.target_cmnd9, target_carrier_notice: 0, target_mismatch: 0, target_verified: Math.min(f.target_verified, f.target_cmnd9), certified_week: Math.min(f.certified_week, f.certified_to_date), notices_delivered_week: Math.min(f.notices_delivered_week, f.notices_sent_week) };
        expect(checkReportFigures('30292', kept, kept)).toEqual([]);
      }),
    );
  });

  it('warns of a deviation only past both 5% and 5 lines, the same each way', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000 }), fc.integer({ min: -2_000, max: 2_000 }), (registry, off) => {
        const reported = Math.max(0, registry + off);
        const base = Object.fromEntries(REPORT_COLUMN_CODES.map((c) => [c, 0])) as ReportFigures;
        const findings = checkReportFigures('30292', { ...base, selfchecks_week: reported }, { selfchecks_week: registry });
        const difference = Math.abs(reported - registry);
        expect(findings.some((x) => x.code === 'REPORT_DEVIATES_FROM_REGISTRY')).toBe(difference > 5 && difference > 0.05 * registry);
      }),
    );
  });

  it('counts target lines once across groups: more than the groups together, or fewer than one group, is an error', () => {
    const base = Object.fromEntries(REPORT_COLUMN_CODES.map((c) => [c, 0])) as ReportFigures;
    const codes = (f: Partial<ReportFigures>) => checkReportFigures('30292', { ...base, ...f }, undefined).map((x) => `${x.column}:${x.code}`);
    expect(codes({ target_lines: 10, target_cmnd9: 6, target_mismatch: 6 })).toEqual([]);
    expect(codes({ target_lines: 13, target_cmnd9: 6, target_mismatch: 6 })).toEqual(['target_lines:REPORT_TARGET_ABOVE_GROUPS']);
    expect(codes({ target_lines: 5, target_cmnd9: 6 })).toEqual(['target_cmnd9:REPORT_GROUP_ABOVE_TARGET']);
    expect(codes({ target_lines: 5, target_cmnd9: 5, target_verified: 6 })).toEqual(['target_verified:REPORT_VERIFIED_ABOVE_TARGET']);
  });
});
