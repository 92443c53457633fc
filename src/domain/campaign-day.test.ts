import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campaignDate, campaignDay, campaignOfToday } from './campaign-day.ts';

const day = campaignDate;
const START = day('2026-04-28');
const END = day('2026-05-28');

describe('campaignDay', () => {
  it('counts the plan\'s 30-day campaign as its people do', () => {
    expect(campaignDay(START, END, day('2026-04-28'))).toEqual({ day: 1, daysLeft: 30, phase: 'running' });
    expect(campaignDay(START, END, day('2026-05-12'))).toEqual({ day: 15, daysLeft: 16, phase: 'running' });
    expect(campaignDay(START, END, day('2026-05-28'))).toEqual({ day: 31, daysLeft: 0, phase: 'running' });
  });

  it('is before the first day and ended after the last, across a month end', () => {
    expect(campaignDay(START, END, day('2026-04-27'))).toEqual({ day: 0, daysLeft: 31, phase: 'before' });
    expect(campaignDay(START, END, day('2026-05-29'))).toEqual({ day: 31, daysLeft: 0, phase: 'ended' });
  });

  it('adds up: while running, day + daysLeft is the campaign\'s length', () => {
    const isoDay = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(isoDay, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (startText, length, offset) => {
        const start = day(startText);
        const shifted = (days: number) => day(new Date(Date.parse(`${startText}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10));
        const end = shifted(length);
        const today = campaignDay(start, end, shifted(offset));
        if (offset <= length) expect(today).toEqual({ day: offset + 1, daysLeft: length - offset, phase: 'running' });
        else expect(today.phase).toBe('ended');
      }),
    );
  });
});

describe('campaignOfToday', () => {
  const past = { code: 'past', startsOn: '2025-01-01', endsOn: '2025-01-31' };
  const now = { code: 'now', startsOn: '2026-04-28', endsOn: '2026-05-28' };
  const next = { code: 'next', startsOn: '2026-09-01', endsOn: '2026-09-30' };

  it('shows the running campaign, else the next to start, else the last to have ended', () => {
    expect(campaignOfToday([next, now, past], '2026-05-01')?.code).toBe('now');
    expect(campaignOfToday([next, past], '2026-05-01')?.code).toBe('next');
    expect(campaignOfToday([past], '2026-05-01')?.code).toBe('past');
    expect(campaignOfToday([], '2026-05-01')).toBeUndefined();
  });
});
