import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskMsisdn, MSISDN_REASON_MESSAGES_VI, type MsisdnReason, normalizeMsisdn } from './msisdn.ts';
import { REFERENCE_FIXTURE as ref } from './reference-data.fixture.ts';

const normalize = (input: string) => normalizeMsisdn(input, ref);
const subscriberDigits = fc.stringMatching(/^\d{7}$/);
const currentPrefix = fc.constantFrom(...ref.carrierPrefixes);
const convertedPrefix = fc.constantFrom(...ref.carrierPrefixes.filter((p) => p.oldPrefix !== null));

/** The ways one national number `0xxxxxxxxx` is written. */
const writtenForms = (msisdn: string): string[] => {
  const nsn = msisdn.slice(1);
  return [msisdn, nsn, `84${nsn}`, `+84${nsn}`, `0084${nsn}`, `+84 (0) ${nsn}`, `(+84) ${nsn.slice(0, 2)} ${nsn.slice(2)}`];
};

/** Separators, parentheses and full-width digits sprinkled into a written number. */
const withNoise = (written: string) =>
  fc
    .array(fc.constantFrom('', '', ' ', '.', '-', '\u00A0'), { minLength: written.length, maxLength: written.length })
    .chain((seps) =>
      fc.array(fc.boolean(), { minLength: written.length, maxLength: written.length }).map((wide) =>
        [...written]
          .map((ch, i) => {
            const shown = wide[i] && /\d/.test(ch) ? String.fromCodePoint(0xff10 + Number(ch)) : ch;
            return (seps[i] ?? '') + shown;
          })
          .join(''),
      ),
    )
    .map((s) => ` ${s} `);

describe('normalizeMsisdn: current 10-digit numbers', () => {
  it('normalises a VinaPhone number written in every usual way', () => {
    for (const typed of [
      '0912345678',
      '0912 345 678',
      '0912.345.678',
      '0912-345-678',
      '(091) 234 5678',
      '84912345678',
      '+84912345678',
      '+84 912 345 678',
      '0084 912 345 678',
      '+84 (0) 912 345 678',
      '912345678',
      '０９１２３４５６７８',
      '＋８４ ９１２ ３４５ ６７８',
      ' \t0912345678\n',
    ]) {
      expect(normalize(typed), typed).toEqual({ valid: true, msisdn: '0912345678', carrier: 'vinaphone', reasons: [] });
    }
  });

  it('knows every prefix in the table and its carrier', () => {
    for (const { prefix, carrier } of ref.carrierPrefixes) {
      for (const typed of writtenForms(`${prefix}1234567`)) {
        expect(normalize(typed), typed).toEqual({ valid: true, msisdn: `${prefix}1234567`, carrier, reasons: [] });
      }
    }
  });

  it.each([
    ['0961234567', 'viettel'],
    ['0861234567', 'viettel'],
    ['0321234567', 'viettel'],
    ['0881234567', 'vinaphone'],
    ['0811234567', 'vinaphone'],
    ['0901234567', 'mobifone'],
    ['0701234567', 'mobifone'],
    ['0921234567', 'vietnamobile'],
    ['0521234567', 'vietnamobile'],
    ['0991234567', 'gmobile'],
    ['0591234567', 'gmobile'],
    ['0871234567', 'itel'],
    ['0551234567', 'wintel'],
  ] as const)('%s → %s', (msisdn, carrier) => {
    expect(normalize(msisdn).carrier).toBe(carrier);
  });

  it('reads 84xxxxxxx (9 digits) as a 084 number that lost its 0, not as a country code', () => {
    expect(normalize('841234567')).toMatchObject({ valid: true, msisdn: '0841234567', carrier: 'vinaphone' });
    expect(normalize('84841234567')).toMatchObject({ valid: true, msisdn: '0841234567' });
  });

  it.each(['0501234567', '0601234567', '0401234567', '0951234567', '0801234567', '0571234567', '+84 80 123 4567'])(
    'rejects %s: prefix not in the table',
    (typed) => {
      expect(normalize(typed)).toEqual({ valid: false, msisdn: null, carrier: null, reasons: ['unknown_prefix'] });
    },
  );
});

describe('normalizeMsisdn: old 11-digit numbers', () => {
  it('converts every old prefix in the table to its new prefix', () => {
    for (const { prefix, oldPrefix, carrier } of ref.carrierPrefixes) {
      if (oldPrefix === null) continue;
      const old = `${oldPrefix}1234567`;
      const expected = { valid: true, msisdn: `${prefix}1234567`, carrier, reasons: [], convertedFrom: old };
      for (const typed of [old, old.slice(1), `84${old.slice(1)}`, `+84 ${old.slice(1)}`, `0084${old.slice(1)}`, `+84 (0)${old.slice(1)}`]) {
        expect(normalize(typed), typed).toEqual(expected);
      }
    }
  });

  it.each([
    ['01628 123 456', '0328123456', 'viettel'],
    ['0169 999 8888', '0399998888', 'viettel'],
    ['0123.456.7890', '0834567890', 'vinaphone'],
    ['+84 121 234 5678', '0792345678', 'mobifone'],
    ['0186 123 4567', '0561234567', 'vietnamobile'],
    ['01991234567', '0591234567', 'gmobile'],
  ] as const)('%s → %s (%s)', (typed, msisdn, carrier) => {
    expect(normalize(typed)).toMatchObject({ valid: true, msisdn, carrier });
  });

  it.each(['01301234567', '01001234567', '01611234567', '01981234567', '+84 170 123 4567', '1871234567'])(
    'rejects %s: old prefix not in the table',
    (typed) => {
      expect(normalize(typed).reasons).toEqual(['old_prefix_unknown']);
    },
  );
});

describe('normalizeMsisdn: what is not a mobile number', () => {
  it.each([
    ['', 'empty'],
    ['  ', 'empty'],
    ['-.()', 'empty'],
    ['0912abc678', 'not_digits'],
    ['O912345678', 'not_digits'],
    ['09123456789x', 'not_digits'],
    ['0912+345678', 'not_digits'],
    ['+1 555 123 4567', 'foreign_number'],
    ['+33 6 12 34 56 78', 'foreign_number'],
    ['0086 139 1234 5678', 'foreign_number'],
    ['0296 3852 123', 'landline'],
    ['028 3822 1234', 'landline'],
    ['+84 24 3825 1234', 'landline'],
    ['842963852123', 'landline'],
    ['2963852123', 'landline'],
    ['1414', 'not_mobile'],
    ['113', 'not_mobile'],
    ['9029', 'not_mobile'],
    ['18001091', 'not_mobile'],
    ['1800 1090', 'not_mobile'],
    ['1900 1234', 'not_mobile'],
    ['1900 123 456', 'not_mobile'],
    ['091234567', 'wrong_length'],
    ['09123456789', 'wrong_length'],
    ['091234', 'wrong_length'],
    ['+8491234567', 'wrong_length'],
    ['8491234567', 'wrong_length'],
    ['0123456789', 'wrong_length'],
    ['012345678901', 'wrong_length'],
    ['0', 'wrong_length'],
  ] as const)('%j → %s', (typed, reason: MsisdnReason) => {
    expect(normalize(typed)).toEqual({ valid: false, msisdn: null, carrier: null, reasons: [reason] });
  });

  it('has a Vietnamese message for every reason', () => {
    const reasons: MsisdnReason[] = [
      'empty',
      'not_digits',
      'foreign_number',
      'wrong_length',
      'landline',
      'not_mobile',
      'unknown_prefix',
      'old_prefix_unknown',
    ];
    expect(Object.keys(MSISDN_REASON_MESSAGES_VI).sort()).toEqual([...reasons].sort());
    for (const r of reasons) expect(MSISDN_REASON_MESSAGES_VI[r]).toMatch(/\S/);
  });
});

describe('normalizeMsisdn properties', () => {
  it('gives one national number for every written form, with any formatting noise', () => {
    const typedNumber = fc.tuple(currentPrefix, subscriberDigits, fc.nat(6)).chain(([entry, digits, form]) => {
      const msisdn = entry.prefix + digits;
      return withNoise(writtenForms(msisdn)[form] ?? msisdn).map((typed) => ({ typed, msisdn, carrier: entry.carrier }));
    });
    fc.assert(
      fc.property(typedNumber, ({ typed, msisdn, carrier }) => {
        expect(normalize(typed)).toEqual({ valid: true, msisdn, carrier, reasons: [] });
      }),
      { numRuns: 500 },
    );
  });

  it('maps an old number to the new prefix with the same subscriber digits', () => {
    fc.assert(
      fc.property(convertedPrefix, subscriberDigits, (entry, digits) => {
        const result = normalize(`${entry.oldPrefix ?? ''}${digits}`);
        expect(result.msisdn).toBe(entry.prefix + digits);
        expect(result.convertedFrom).toBe(`${entry.oldPrefix ?? ''}${digits}`);
      }),
    );
  });

  it('is idempotent: a normalised number normalises to itself', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^\+?[0-9 ().-]{0,15}$/), fc.string()), (typed) => {
        const first = normalize(typed);
        if (first.msisdn !== null) {
          expect(normalize(first.msisdn)).toEqual({ valid: true, msisdn: first.msisdn, carrier: first.carrier, reasons: [] });
        }
      }),
    );
  });

  it('returns either a 10-digit number with a carrier and no reason, or exactly one reason', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^\+?[0-9 ]{0,14}$/), fc.string()), (typed) => {
        const r = normalize(typed);
        if (r.valid) {
          expect(r.msisdn).toMatch(/^0\d{9}$/);
          expect(r.carrier).not.toBeNull();
          expect(r.reasons).toEqual([]);
        } else {
          expect(r.msisdn).toBeNull();
          expect(r.reasons).toHaveLength(1);
        }
      }),
    );
  });
});

describe('maskMsisdn', () => {
  it.each([
    ['0912345678', '09******78'],
    ['0328123456', '03******56'],
    ['12345', '12*45'],
    ['1234', '****'],
    ['', ''],
  ])('%s → %s', (msisdn, masked) => {
    expect(maskMsisdn(msisdn)).toBe(masked);
  });

  it('keeps the length, the first two and the last two digits, and hides the rest', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^0\d{9}$/), (msisdn) => {
        const masked = maskMsisdn(msisdn);
        expect(masked).toHaveLength(10);
        expect(masked).toBe(`${msisdn.slice(0, 2)}******${msisdn.slice(8)}`);
      }),
    );
  });
});
