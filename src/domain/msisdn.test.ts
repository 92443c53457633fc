import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskMsisdn, MSISDN_REASON_MESSAGES_VI, MSISDN_SOURCE_NOTES_VI, type MsisdnReason, normalizeMsisdn } from './msisdn.ts';
import { numberingPlanVerdictUncached } from './numbering-plan.ts';
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
      expect(normalize(typed), typed).toEqual({ valid: true, msisdn: '0912345678', carrier: 'vinaphone', knownBy: 'both', reasons: [] });
    }
  });

  it('knows every prefix in the table and its carrier', () => {
    for (const { prefix, carrier } of ref.carrierPrefixes) {
      for (const typed of writtenForms(`${prefix}1234567`)) {
        expect(normalize(typed), typed).toMatchObject({ valid: true, msisdn: `${prefix}1234567`, carrier, reasons: [] });
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

  it.each(['0501234567', '0601234567', '0401234567', '0801234567', '0571234567', '0672123456', '+84 80 123 4567'])(
    'rejects %s: neither the table nor the plan knows the prefix',
    (typed) => {
      expect(normalize(typed)).toEqual({ valid: false, msisdn: null, carrier: null, knownBy: null, reasons: ['unknown_prefix'] });
    },
  );
});

describe('normalizeMsisdn: the prefix table and the numbering plan', () => {
  it.each(['0912345678', '0961234567', '0321234567', '0701234567', '0591234567', '0522234567', '0896234567'])(
    'accepts %s, which both know, with the carrier of the table',
    (msisdn) => {
      const carrier = ref.carrierPrefixes.find((p) => p.prefix === msisdn.slice(0, 3))?.carrier;
      expect(normalize(msisdn)).toEqual({ valid: true, msisdn, carrier, knownBy: 'both', reasons: [] });
    },
  );

  it.each([
    ['0951234567', '095 is not in the table'],
    ['0301234567', '030'],
    ['0311234567', '031'],
    ['0511234567', '051'],
    ['0121234567', '0121[0-3], a 10-digit number: not an old 11-digit 0121 one'],
    ['0140123456', '0140'],
    ['0160123456', '0160'],
  ])('accepts %s, which only the plan knows (%s), without a carrier hint', (msisdn) => {
    expect(normalize(msisdn)).toEqual({ valid: true, msisdn, carrier: null, knownBy: 'numbering_plan', reasons: [] });
  });

  it.each([
    ['0521234567', 'vietnamobile'],
    ['0551234567', 'wintel'],
    ['0891234567', 'mobifone'],
    ['0895999999', 'mobifone'],
  ] as const)('accepts %s, which only the table knows, with its carrier', (msisdn, carrier) => {
    expect(normalize(msisdn)).toEqual({ valid: true, msisdn, carrier, knownBy: 'carrier_table', reasons: [] });
  });

  it('rejects a 10-digit 01… number neither knows as of the wrong length (an old number missing a digit)', () => {
    expect(normalize('0124567890')).toEqual({ valid: false, msisdn: null, carrier: null, knownBy: null, reasons: ['wrong_length'] });
  });

  it('calls the plan\'s fixed line 024 3825 3123 a landline', () => {
    expect(numberingPlanVerdictUncached('2438253123')).toBe('landline');
    expect(normalize('02438253123')).toEqual({ valid: false, msisdn: null, carrier: null, knownBy: null, reasons: ['landline'] });
  });

  it('has a Vietnamese note, asking the carrier to confirm, for each source that may know a number alone', () => {
    expect(Object.keys(MSISDN_SOURCE_NOTES_VI).sort()).toEqual(['carrier_table', 'numbering_plan']);
    for (const note of Object.values(MSISDN_SOURCE_NOTES_VI)) expect(note).toContain('cần nhà mạng xác nhận');
  });

  it('accepts a number of every prefix 0[1-9][0-9] exactly when the table or the plan knows it', () => {
    // Measured with libphonenumber-js 1.13.16 over these 360 numbers: the sources disagree on 29
    // (the plan alone knows 012, 014, 016, 030, 031, 051, 095 numbers; the table alone 052, 055, 089).
    const tablePrefixes = new Set(ref.carrierPrefixes.map((p) => p.prefix));
    for (let prefix = 10; prefix <= 99; prefix++) {
      for (const ending of ['0000000', '1234567', '5555555', '9999999']) {
        const msisdn = `0${prefix}${ending}`;
        const table = tablePrefixes.has(msisdn.slice(0, 3));
        const plan = numberingPlanVerdictUncached(msisdn.slice(1)) === 'mobile';
        const expected = table && plan ? 'both' : table ? 'carrier_table' : plan ? 'numbering_plan' : null;
        expect(normalize(msisdn), msisdn).toMatchObject({ valid: expected !== null, knownBy: expected });
      }
    }
  });
});

describe('normalizeMsisdn: old 11-digit numbers', () => {
  it('converts every old prefix in the table to its new prefix', () => {
    for (const { prefix, oldPrefix, carrier } of ref.carrierPrefixes) {
      if (oldPrefix === null) continue;
      const old = `${oldPrefix}1234567`;
      const expected = { valid: true, msisdn: `${prefix}1234567`, carrier, knownBy: 'both', reasons: [], convertedFrom: old };
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

  it('asks the plan about the converted number too: a conversion the plan does not know is the table\'s alone', () => {
    const stale = { ...ref, carrierPrefixes: [{ prefix: '050', carrier: 'viettel', oldPrefix: '0162', confidence: 'assumed' }] } as const;
    expect(normalizeMsisdn('01621234567', stale)).toMatchObject({ valid: true, msisdn: '0501234567', knownBy: 'carrier_table' });
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
    expect(normalize(typed)).toEqual({ valid: false, msisdn: null, carrier: null, knownBy: null, reasons: [reason] });
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
        expect(normalize(typed)).toMatchObject({ valid: true, msisdn, carrier, reasons: [] });
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
          expect(normalize(first.msisdn)).toEqual({ valid: true, msisdn: first.msisdn, carrier: first.carrier, knownBy: first.knownBy, reasons: [] });
        }
      }),
    );
  });

  it('returns either a 10-digit number with its sources and no reason, or exactly one reason', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^\+?[0-9 ]{0,14}$/), fc.string()), (typed) => {
        const r = normalize(typed);
        if (r.valid) {
          expect(r.msisdn).toMatch(/^0\d{9}$/);
          expect(r.knownBy).not.toBeNull();
          // The carrier hint is the table's: there is one exactly when the table knows the number.
          expect(r.carrier === null).toBe(r.knownBy === 'numbering_plan');
          expect(r.reasons).toEqual([]);
        } else {
          expect(r.msisdn).toBeNull();
          expect(r.carrier).toBeNull();
          expect(r.knownBy).toBeNull();
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
