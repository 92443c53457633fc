import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pino } from 'pino';
import { loggerOptions, maskPersonalNumbers, unmatchedPathForLog } from './logging.ts';

/** A phone number as people write it: 0…, 84… or +84…, its digits grouped by spaces, dots or hyphens. */
const writtenPhone = fc
  .record({
    core: fc.stringMatching(/^[35789]\d{8}$/),
    prefix: fc.constantFrom('0', '84', '+84', '+84 ', '(+84) '),
    separators: fc.array(fc.constantFrom('', '', ' ', '.', '-'), { minLength: 9, maxLength: 9 }),
  })
  .map(({ core, prefix, separators }) => ({
    core,
    written: prefix + [...core].map((digit, i) => (i > 0 ? (separators[i] ?? '') : '') + digit).join(''),
  }));
const writtenId = fc
  .record({ digits: fc.stringMatching(/^\d{12}$/), separator: fc.constantFrom('', ' ', '.') })
  .map(({ digits, separator }) => ({ core: digits, written: digits.match(/\d{3}/g)?.join(separator) ?? digits }));
/** Text around a number that has no digits of its own. */
const words = fc.string({ unit: fc.constantFrom('a', 'Ư', ' ', ':', '(', ')', '=', '"', '/', '\n') });

function captureLogger() {
  const lines: string[] = [];
  return { log: pino(loggerOptions('trace'), { write: (line: string) => void lines.push(line) }), lines };
}

describe('maskPersonalNumbers', () => {
  it('leaves no phone or ID number, however it is written, anywhere in a text', () => {
    fc.assert(
      fc.property(words, fc.oneof(writtenPhone, writtenId), words, (before, { core, written }, after) => {
        const masked = maskPersonalNumbers(before + written + after);
        expect(masked.replace(/[^\d]/gu, '')).not.toContain(core.slice(-9));
      }),
    );
  });

  it('keeps text with fewer than nine digits in a row as it is (codes, dates, counts)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(words, fc.stringMatching(/^\d{1,8}$/))), (parts) => {
        const text = parts.join(' x ');
        expect(maskPersonalNumbers(text)).toBe(text);
      }),
    );
    expect(maskPersonalNumbers('2026-05-28 lần 3/30, mã 12345678')).toBe('2026-05-28 lần 3/30, mã 12345678');
  });
});

describe('unmatchedPathForLog', () => {
  it('keeps no segment that could hold a number or a name', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.stringMatching(/^[a-z-]{1,12}$/), writtenPhone.map((p) => encodeURIComponent(p.written)))), (segments) => {
        const logged = unmatchedPathForLog(`/${segments.join('/')}?q=0912345678`);
        for (const segment of logged.split('/')) expect(segment).toMatch(/^(\*|[a-z._-]*\d{0,2}[a-z._-]*)$/u);
      }),
    );
    expect(unmatchedPathForLog('/api/v1/no-such-route/0912345678')).toBe('/api/v1/no-such-route/*');
  });
});

describe('logged errors', () => {
  it('mask the personal numbers an error message, its detail or its stack quotes', () => {
    const { log, lines } = captureLogger();
    const error = Object.assign(new Error('duplicate key value: Key (msisdn)=(0912345678) already exists'), {
      detail: 'Key (document_number)=(089 095 012 345)',
    });
    log.error({ err: error }, 'unhandled error');
    log.warn({ error: 'SMSC refused +84912345678' }, 'refused');
    expect(lines).toHaveLength(2);
    const text = lines.join('');
    expect(text).toContain('duplicate key value');
    expect(text).not.toMatch(/912345678|089 095 012 345/u);
  });

  it('keep the message of an HTTP parse error, without the raw bytes of the request it carries', () => {
    const { log, lines } = captureLogger();
    const error = Object.assign(new Error('Parse Error: Expected HTTP/'), { code: 'HPE_INVALID_CONSTANT', rawPacket: Buffer.from('GET /api/v1/lines/0912 345 678 HTTP/1.1') });
    log.trace({ err: error }, 'client error');
    expect(JSON.parse(lines.join(''))).toMatchObject({ err: { message: 'Parse Error: Expected HTTP/', code: 'HPE_INVALID_CONSTANT' } });
    expect(lines.join('')).not.toContain('rawPacket');
  });
});
