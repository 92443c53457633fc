import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant } from './instant-text.ts';

const HOUR = 3_600_000;
// 1990–2100, whole milliseconds.
const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) });
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

describe('parseInstant', () => {
  it('reads ISO instants with a zone exactly', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        const iso = new Date(ms).toISOString();
        expect(parseInstant(iso)).toEqual({ ok: true, iso, ms });
      }),
    );
  });

  it('reads the machine form of any instant from year 0 to 9999 as Date does, with or without milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('0000-01-01T00:00:00Z'), max: Date.parse('9999-12-31T23:59:59.999Z') }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(parseInstant(iso)).toEqual({ ok: true, iso, ms });
        const seconds = `${iso.slice(0, 19)}Z`;
        expect(parseInstant(seconds)).toEqual({ ok: true, iso: `${iso.slice(0, 19)}.000Z`, ms: Date.parse(seconds) });
      }),
    );
  });

  it('takes a local time without zone as Vietnam time, in both written forms', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1) / 1000, max: Date.UTC(2100, 0, 1) / 1000 }), (seconds) => {
        const ms = seconds * 1000;
        const local = new Date(ms + 7 * HOUR);
        const [y, mo, d, h, mi, s] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate(), local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds()];
        const iso = new Date(ms).toISOString();
        expect(parseInstant(`${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`)).toMatchObject({ ok: true, iso });
        expect(parseInstant(`${d}/${mo}/${y} ${h}:${pad(mi)}:${pad(s)}`)).toMatchObject({ ok: true, iso });
        expect(parseInstant(`${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}+07:00`)).toMatchObject({ ok: true, iso });
      }),
    );
  });

  it('takes a date alone as midnight in Vietnam', () => {
    expect(parseInstant('15/03/2021')).toMatchObject({ ok: true, iso: '2021-03-14T17:00:00.000Z' });
    expect(parseInstant('2021-03-15')).toMatchObject({ ok: true, iso: '2021-03-14T17:00:00.000Z' });
  });

  it('refuses days and times no calendar has, and other shapes', () => {
    expect(parseInstant('31/02/2021 10:00')).toEqual({ ok: false, reason: 'impossible_date' });
    expect(parseInstant('2021-13-01T00:00:00Z')).toEqual({ ok: false, reason: 'impossible_date' });
    expect(parseInstant('2021-01-01 24:00')).toEqual({ ok: false, reason: 'impossible_date' });
    expect(parseInstant('2021-01-01T10:00:00+25:00')).toEqual({ ok: false, reason: 'unrecognised_format' });
    expect(parseInstant('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseInstant('hôm qua')).toEqual({ ok: false, reason: 'unrecognised_format' });
  });

  it('never throws on any text', () => {
    fc.assert(fc.property(fc.string(), (text) => void parseInstant(text)));
  });
});
