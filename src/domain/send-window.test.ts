import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextSendInstant } from './send-window.ts';

const vn = (iso: string) => new Date(iso.replace(/$/, '+07:00'));

describe('nextSendInstant', () => {
  it('keeps an instant inside 07:00–22:00 Vietnam time', () => {
    expect(nextSendInstant(vn('2026-05-01T07:00:00')).toISOString()).toBe('2026-05-01T00:00:00.000Z');
    expect(nextSendInstant(vn('2026-05-01T21:59:59')).toISOString()).toBe('2026-05-01T14:59:59.000Z');
  });

  it('moves late evening to the next morning and early morning to the same morning', () => {
    expect(nextSendInstant(vn('2026-05-01T22:00:00')).toISOString()).toBe('2026-05-02T00:00:00.000Z');
    expect(nextSendInstant(vn('2026-05-31T23:30:00')).toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(nextSendInstant(vn('2026-05-01T03:15:00')).toISOString()).toBe('2026-05-01T00:00:00.000Z');
  });

  it('never goes back in time, lands inside the window and is idempotent', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (at) => {
        const next = nextSendInstant(at);
        const localHour = new Date(next.getTime() + 7 * 3600_000).getUTCHours();
        expect(next.getTime()).toBeGreaterThanOrEqual(at.getTime());
        expect(next.getTime() - at.getTime()).toBeLessThanOrEqual(9 * 3600_000);
        expect(localHour >= 7 && localHour < 22).toBe(true);
        expect(nextSendInstant(next).getTime()).toBe(next.getTime());
      }),
    );
  });
});
