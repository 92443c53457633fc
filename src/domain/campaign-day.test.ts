import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campaignDate, campaignDay, campaignOfToday, campaignWeekOf, campaignWeeks } from './campaign-day.ts';

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

describe('campaignWeeks', () => {
  it("cuts the plan's campaign into five Tuesday-to-Monday weeks, the fifth partial", () => {
    expect(campaignWeeks(START, END)).toEqual([
      { week: 1, startsOn: '2026-04-28', endsOn: '2026-05-04', partial: false },
      { week: 2, startsOn: '2026-05-05', endsOn: '2026-05-11', partial: false },
      { week: 3, startsOn: '2026-05-12', endsOn: '2026-05-18', partial: false },
      { week: 4, startsOn: '2026-05-19', endsOn: '2026-05-25', partial: false },
      { week: 5, startsOn: '2026-05-26', endsOn: '2026-05-28', partial: true },
    ]);
    expect(campaignWeekOf(START, END, day('2026-05-04'))?.week).toBe(1);
    expect(campaignWeekOf(START, END, day('2026-05-05'))?.week).toBe(2);
    expect(campaignWeekOf(START, END, day('2026-04-27'))).toBeUndefined();
    expect(campaignWeekOf(START, END, day('2026-05-29'))).toBeUndefined();
  });

  it('covers every day of any campaign exactly once, in weeks of seven days starting on its first weekday', () => {
    const isoDay = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const plus = (text: string, days: number) => new Date(Date.parse(`${text}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(isoDay, fc.integer({ min: 0, max: 120 }), (startText, length) => {
        const [start, end] = [day(startText), day(plus(startText, length))];
        const weeks = campaignWeeks(start, end);
        const weekday = new Date(`${startText}T00:00:00Z`).getUTCDay();
        weeks.forEach((w, i) => {
          expect(w.week).toBe(i + 1);
          expect(new Date(`${w.startsOn}T00:00:00Z`).getUTCDay()).toBe(weekday);
          expect(w.startsOn).toBe(i === 0 ? startText : plus(weeks[i - 1]?.endsOn as string, 1));
          expect(w.partial).toBe(w.endsOn !== plus(w.startsOn, 6));
        });
        expect(weeks.at(-1)?.endsOn).toBe(plus(startText, length));
        for (let offset = 0; offset <= length; offset++) {
          const text = plus(startText, offset);
          expect(weeks.filter((w) => w.startsOn <= text && text <= w.endsOn)).toEqual([campaignWeekOf(start, end, day(text))]);
        }
      }),
    );
  });
});
