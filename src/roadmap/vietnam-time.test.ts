import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatVietnamTime, parseVietnamTime } from './vietnam-time.ts';

// Whole minutes between 2000 and 2099.
const instants = fc.integer({ min: 15_778_080, max: 68_374_079 }).map((minutes) => new Date(minutes * 60_000));

describe('Vietnam time', () => {
  it('reads local forms as UTC+7 and ISO forms with their zone', () => {
    expect(parseVietnamTime('2026-06-15 00:00')?.toISOString()).toBe('2026-06-14T17:00:00.000Z');
    // Without a zone, as a datetime-local form field sends it.
    expect(parseVietnamTime('2026-06-01T10:00')?.toISOString()).toBe('2026-06-01T03:00:00.000Z');
    expect(parseVietnamTime('15/6/2026 7:05')?.toISOString()).toBe('2026-06-15T00:05:00.000Z');
    expect(parseVietnamTime('2026-06-01T03:00:00Z')?.toISOString()).toBe('2026-06-01T03:00:00.000Z');
    expect(parseVietnamTime('2026-06-01T10:00+07:00')?.toISOString()).toBe('2026-06-01T03:00:00.000Z');
    expect(parseVietnamTime('2026-06-01T03:00:00.5Z')?.toISOString()).toBe('2026-06-01T03:00:00.500Z');
  });

  it('reads a date alone as the start or the end of that day in Vietnam', () => {
    expect(parseVietnamTime('2026-06-30')?.toISOString()).toBe('2026-06-29T17:00:00.000Z');
    expect(parseVietnamTime('30/06/2026', 'end_of_day')?.toISOString()).toBe('2026-06-30T16:59:59.999Z');
  });

  it('refuses impossible and unknown forms', () => {
    for (const bad of ['', 'now', '2026-02-30', '31/04/2026', '2026-06-01 24:00', '2026-06-01T03:00:00', '2026-13-01', '2026-06-01T03:00+25:00']) {
      expect(parseVietnamTime(bad), bad).toBeNull();
    }
  });

  it('formats as dd/mm/yyyy HH:mm and reads its own output back', () => {
    expect(formatVietnamTime(new Date('2026-06-09T16:30:00.000Z'))).toBe('09/06/2026 23:30');
    fc.assert(
      fc.property(instants, (instant) => {
        expect(parseVietnamTime(formatVietnamTime(instant))?.getTime()).toBe(instant.getTime());
        expect(parseVietnamTime(instant.toISOString())?.getTime()).toBe(instant.getTime());
      }),
    );
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9 :/T+Z.-]{0,25}$/)), (text) => {
        const parsed = parseVietnamTime(text);
        expect(parsed === null || !Number.isNaN(parsed.getTime())).toBe(true);
      }),
    );
  });
});
