import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// The real table, not a copy: the domain reads no files, its tests may (src/reference validates it).
import { loadOldUnits } from '../reference/index.ts';
import {
  describeOldAddressProblem,
  indexOldUnits,
  OLD_ADDRESS_REASONS,
  resolveOldAddress,
  type IndexedOldUnit,
  type OldAddress,
} from './old-address.ts';
import { stripDiacritics } from './person-name.ts';
import { OLD_COMMUNE_TYPE_WORDS, OLD_DISTRICT_TYPE_WORDS, type OldUnit } from './reference-data.ts';

const rows = loadOldUnits();
const index = indexOldUnits(rows);
const units = [...index.byOldCode.values()];

const asWritten = (unit: IndexedOldUnit): OldAddress => ({
  commune: unit.row.oldName,
  district: unit.row.oldDistrict,
  province: unit.row.oldProvince,
});

describe('every old unit, written as the table writes it', () => {
  // The new codes of each old unit straight from the rows, not through the index.
  const newCodesOf = new Map<string, string[]>();
  for (const row of rows) newCodesOf.set(row.oldCode, [...(newCodesOf.get(row.oldCode) ?? []), row.newCode]);

  it('maps to its new unit, or is reported as split between its new units', () => {
    expect(newCodesOf.size).toBe(298);
    const outcomes = [...newCodesOf].map(([oldCode, newCodes]) => {
      const row = rows.find((r) => r.oldCode === oldCode) as OldUnit;
      const resolution = resolveOldAddress(index, { commune: row.oldName, district: row.oldDistrict, province: row.oldProvince });
      const [code] = newCodes;
      expect(resolution).toEqual(
        newCodes.length === 1 ? { kind: 'mapped', code, oldCode } : { kind: 'split', oldCode, candidates: newCodes },
      );
      return resolution.kind;
    });
    expect(outcomes.filter((kind) => kind === 'mapped')).toHaveLength(295);
    expect(outcomes.filter((kind) => kind === 'split')).toHaveLength(3);
  });

  it('leaves the three split units to a person, with the new units the resolution names', () => {
    const split = (commune: string, district: string) => resolveOldAddress(index, { commune, district, province: 'An Giang' });
    expect(split('Xã Vĩnh Châu', 'Thành phố Châu Đốc')).toEqual({ kind: 'split', oldCode: '30334', candidates: ['30316', '30325'] });
    expect(split('Xã Phú Hội', 'Huyện An Phú')).toEqual({ kind: 'split', oldCode: '30355', candidates: ['30337', '30346'] });
    expect(split('Xã Phước Hưng', 'Huyện An Phú')).toEqual({
      kind: 'split',
      oldCode: '30358',
      candidates: ['30337', '30346', '30352'],
    });
  });
});

describe('names as carriers write them', () => {
  it.each<[string, OldAddress, string]>([
    ['abbreviated types with dots', { commune: 'P. Mỹ Bình', district: 'TP. Long Xuyên', province: 'An Giang' }, '30307'],
    ['a dot glued to the name', { commune: 'TT.Tri Tôn', district: 'H.Tri Tôn', province: 'An Giang' }, '30544'],
    ['TT and TX without a dot', { commune: 'TT Đa Phước', district: 'H An Phú', province: 'An Giang' }, '30367'],
    ['Tp. as many write it', { commune: 'P. Dương Đông', district: 'Tp. Phú Quốc', province: 'Kiên Giang' }, '31078'],
    ['X. and H.', { commune: 'X. Đông Thái', district: 'H. An Biên', province: 'Kiên Giang' }, '31006'],
    ['TX.', { commune: 'X. Tân An', district: 'TX. Tân Châu', province: 'An Giang' }, '30388'],
    ['no type words', { commune: 'Mỹ Bình', district: 'Long Xuyên', province: 'An Giang' }, '30307'],
    ['no diacritics at all', { commune: 'Phuong Duong Dong', district: 'Thanh pho Phu Quoc', province: 'Kien Giang' }, '31078'],
    ['upper case', { commune: 'XÃ HÒN TRE', district: 'HUYỆN KIÊN HẢI', province: 'KIÊN GIANG' }, '31108'],
    ['extra and odd spaces', { commune: '  Thị   trấn\tNúi\u00A0Sập ', district: ' Huyện  Thoại Sơn', province: ' An Giang ' }, '30682'],
    ['decomposed letters (NFD)', { commune: 'Xã Đông Thái'.normalize('NFD'), district: 'Huyện An Biên'.normalize('NFD') }, '31006'],
    ['the other tone placement', { commune: 'Xã Mỹ Hòa Hưng', district: 'Thành phố Long Xuyên' }, '30313'],
    ['the old tone placement the table uses', { commune: 'xã mỹ hoà hưng' }, '30313'],
    ['Tỉnh before the province', { commune: 'Xã Thổ Châu', district: 'Thành phố Phú Quốc', province: 'Tỉnh Kiên Giang' }, '31105'],
    ['AG for An Giang', { commune: 'Thị trấn Tri Tôn', province: 'AG' }, '30544'],
    ['KG for Kiên Giang', { commune: 'Xã Bình An', district: 'H. Kiên Lương', province: 'kg' }, '30787'],
    ['no district, a commune name found once', { commune: 'Xã Lương An Trà' }, '30568'],
    ['a district of only punctuation', { commune: 'Xã Lương An Trà', district: '-', province: '' }, '30568'],
  ])('%s', (_, address, code) => {
    expect(resolveOldAddress(index, address)).toMatchObject({ kind: 'mapped', code });
  });

  it('reads numbered wards however the number is written', () => {
    const numbered = indexOldUnits([
      { oldCode: '10001', oldName: 'Phường 1', oldDistrict: 'Thành phố Mẫu', oldProvince: 'An Giang', newCode: '30292', split: false },
      { oldCode: '10010', oldName: 'Phường 10', oldDistrict: 'Thành phố Mẫu', oldProvince: 'An Giang', newCode: '30313', split: false },
    ]);
    for (const commune of ['Phường 1', 'P1', 'P.01', 'P 01', 'phuong 1', 'P.1', '1']) {
      expect(resolveOldAddress(numbered, { commune, district: 'TP Mẫu' })).toEqual({ kind: 'mapped', code: '30292', oldCode: '10001' });
    }
    expect(resolveOldAddress(numbered, { commune: 'P10' })).toMatchObject({ oldCode: '10010' });
    expect(resolveOldAddress(numbered, { commune: 'P.100' })).toEqual({ kind: 'unknown' });
  });
});

describe('names that do not tell one unit', () => {
  it('a commune name of two districts is ambiguous without the district and mapped with it', () => {
    expect(resolveOldAddress(index, { commune: 'Xã Tân An' })).toEqual({ kind: 'ambiguous', candidates: ['30388', '30871'] });
    expect(resolveOldAddress(index, { commune: 'Xã Tân An', district: 'Thị xã Tân Châu' })).toMatchObject({ code: '30388' });
    expect(resolveOldAddress(index, { commune: 'Xã Tân An', district: 'Huyện Tân Hiệp' })).toMatchObject({ code: '30856' });
  });

  it('a province with two districts of that commune name needs the district', () => {
    const address = { commune: 'Xã Bình An', province: 'Kiên Giang' };
    expect(resolveOldAddress(index, address)).toEqual({ kind: 'ambiguous', candidates: ['30808', '30898'] });
    expect(resolveOldAddress(index, { ...address, district: 'Huyện Châu Thành' })).toMatchObject({ code: '30898' });
  });

  it('a district name of both old provinces needs the province', () => {
    const sameDistrictName = indexOldUnits([
      { oldCode: '10001', oldName: 'Xã Mẫu', oldDistrict: 'Huyện Châu Thành', oldProvince: 'An Giang', newCode: '30292', split: false },
      { oldCode: '10002', oldName: 'Xã Mẫu', oldDistrict: 'Huyện Châu Thành', oldProvince: 'Kiên Giang', newCode: '30313', split: false },
    ]);
    const address = { commune: 'Xã Mẫu', district: 'Huyện Châu Thành' };
    expect(resolveOldAddress(sameDistrictName, address)).toEqual({ kind: 'ambiguous', candidates: ['10001', '10002'] });
    expect(resolveOldAddress(sameDistrictName, { ...address, province: 'Kiên Giang' })).toMatchObject({ code: '30313' });
  });

  it('the type word tells a thị trấn from the xã of the same name in one district', () => {
    const district = 'Huyện Vĩnh Thuận';
    expect(resolveOldAddress(index, { commune: 'Vĩnh Thuận', district })).toEqual({ kind: 'ambiguous', candidates: ['31051', '31069'] });
    expect(resolveOldAddress(index, { commune: 'TT Vĩnh Thuận', district })).toMatchObject({ code: '31051' });
    expect(resolveOldAddress(index, { commune: 'Xã Vĩnh Thuận', district })).toMatchObject({ code: '31069' });
  });

  it('a name without its marks may be several units; written with them, it is the one so spelled', () => {
    expect(resolveOldAddress(index, { commune: 'vinh thanh' })).toEqual({ kind: 'ambiguous', candidates: ['30625', '30733', '30946'] });
    expect(resolveOldAddress(index, { commune: 'Vĩnh Thanh' })).toMatchObject({ oldCode: '30733' });
    expect(resolveOldAddress(index, { commune: 'Vĩnh Thạnh' })).toMatchObject({ oldCode: '30946' });
    // Not Phường Vĩnh Thanh: a xã, so Vĩnh Thành or Vĩnh Thạnh with a mark lost.
    expect(resolveOldAddress(index, { commune: 'Xã Vĩnh Thanh' })).toEqual({ kind: 'ambiguous', candidates: ['30625', '30946'] });
  });
});

describe('names that match nothing', () => {
  it.each<[string, OldAddress]>([
    ['a name not in the table', { commune: 'Xã Không Có' }],
    ['a near name is no guess', { commune: 'Xã Lương An Tr' }],
    ['a mark that differs is no lost mark', { commune: 'Xã Lương Ấn Trà' }],
    ['the wrong type word', { commune: 'Phường Tân An' }],
    ['the wrong district', { commune: 'Xã Tân An', district: 'Huyện An Phú' }],
    ['the wrong old province', { commune: 'Xã Tân An', district: 'Huyện Tân Hiệp', province: 'An Giang' }],
    ['another province', { commune: 'Phường Mỹ Bình', district: 'TP Long Xuyên', province: 'Đồng Tháp' }],
    ['no commune', { commune: '  ', district: 'Huyện Tri Tôn' }],
    ['only a type word', { commune: 'Xã', district: 'Huyện Tri Tôn' }],
  ])('%s', (_, address) => {
    expect(resolveOldAddress(index, address)).toEqual({ kind: 'unknown' });
  });
});

describe('resolving row after row', () => {
  it('answers a spelling met again with the same frozen resolution, and tells parts apart', () => {
    const own = indexOldUnits(rows);
    const first = resolveOldAddress(own, { commune: 'X. Tân An', district: 'H. Tân Hiệp' });
    expect(resolveOldAddress(own, { commune: 'X. Tân An', district: 'H. Tân Hiệp' })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    // The same characters split differently between the parts are another address.
    expect(resolveOldAddress(own, { commune: 'X. Tân AnH. Tân Hiệp', district: '' })).toEqual({ kind: 'unknown' });
  });
});

describe('reasons and messages', () => {
  it('names the split unit from the table and asks a person to decide', () => {
    const problem = describeOldAddressProblem(index, resolveOldAddress(index, { commune: 'Vinh Chau', district: 'TP Chau Doc' }));
    expect(problem).toEqual({
      code: 'OLD_COMMUNE_SPLIT',
      message: 'Xã cũ Vĩnh Châu (Thành phố Châu Đốc, tỉnh An Giang) đã được chia cho nhiều xã, phường mới; cần người xác định.',
    });
  });

  it('lists the units an ambiguous name fits', () => {
    const problem = describeOldAddressProblem(index, resolveOldAddress(index, { commune: 'tan an' }));
    expect(problem?.code).toBe('OLD_COMMUNE_AMBIGUOUS');
    expect(problem?.message).toContain('Xã Tân An (Thị xã Tân Châu, tỉnh An Giang); Xã Tân An (Huyện Tân Hiệp, tỉnh Kiên Giang)');
  });

  it('never repeats what the file wrote for an unknown address', () => {
    const written = 'Nguyễn Văn An 0912345678 ấp Mỹ Hòa';
    const problem = describeOldAddressProblem(index, resolveOldAddress(index, { commune: written }));
    expect(problem?.code).toBe('OLD_COMMUNE_UNKNOWN');
    expect(problem?.message).not.toContain('0912345678');
    expect(problem?.message).not.toContain('Nguyễn');
  });

  it('has no problem for a mapped address, and one code per other outcome', () => {
    expect(describeOldAddressProblem(index, resolveOldAddress(index, asWritten(units[0] as IndexedOldUnit)))).toBeNull();
    expect(Object.values(OLD_ADDRESS_REASONS)).toEqual(['OLD_COMMUNE_SPLIT', 'OLD_COMMUNE_AMBIGUOUS', 'OLD_COMMUNE_UNKNOWN']);
  });
});

// ---- Properties: the spellings of a random row ----

const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  Xã: ['X.', 'x.', 'X'],
  Phường: ['P.', 'p.', 'P'],
  'Thị trấn': ['TT', 'TT.', 'tt.'],
  Huyện: ['H.', 'h.', 'H'],
  'Thị xã': ['TX', 'TX.', 'tx'],
  'Thành phố': ['TP', 'TP.', 'Tp.', 'tp'],
};
const PROVINCE_SHORT: Readonly<Record<string, string>> = { 'An Giang': 'AG', 'Kiên Giang': 'KG' };
const TYPE_WORDS: readonly string[] = [...OLD_COMMUNE_TYPE_WORDS, ...OLD_DISTRICT_TYPE_WORDS];

/** How one name is written, none of it losing what the name says. */
interface Spelling {
  type: 'full' | number; // the type word, or its n-th abbreviation
  glue: boolean; // an abbreviation's dot written against the name
  space: string;
  pad: string;
  upper: readonly boolean[]; // per letter, cycled; empty: as the table writes it
  form: 'NFC' | 'NFD';
}

const spelling: fc.Arbitrary<Spelling> = fc.record({
  type: fc.oneof(fc.constant('full' as const), fc.nat(2)),
  glue: fc.boolean(),
  space: fc.constantFrom(' ', '  ', '\t', '\u00A0', ' \u200B'),
  pad: fc.constantFrom('', ' ', '  \t'),
  upper: fc.oneof(fc.constant([]), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 })),
  form: fc.constantFrom('NFC' as const, 'NFD' as const),
});

function splitType(name: string): [string, string] {
  const type = TYPE_WORDS.find((word) => name.startsWith(`${word} `));
  return type === undefined ? ['', name] : [type, name.slice(type.length + 1)];
}

function respell(name: string, how: Spelling): string {
  const [type, rest] = splitType(name);
  const abbreviations = ABBREVIATIONS[type] ?? [];
  const typeText = how.type === 'full' ? type : (abbreviations[how.type % abbreviations.length] ?? type);
  const text = typeText === '' ? rest : typeText.endsWith('.') && how.glue ? `${typeText}${rest}` : `${typeText} ${rest}`;
  const cased = [...text].map((ch, i) => (how.upper.length === 0 ? ch : how.upper[i % how.upper.length] ? ch.toUpperCase() : ch.toLowerCase()));
  return `${how.pad}${cased.join('').split(' ').join(how.space)}${how.pad}`.normalize(how.form);
}

function respellProvince(province: string, how: Spelling): string {
  const forms = [province, `Tỉnh ${province}`, PROVINCE_SHORT[province] ?? province];
  const chosen = how.type === 'full' ? province : (forms[how.type % forms.length] ?? province);
  return respell(`${chosen}`, { ...how, type: 'full' });
}

/** What a spelling may lose: the diacritics, the type word, the district, the province. */
interface Loss {
  marks: boolean;
  communeType: boolean;
  districtType: boolean;
  district: boolean;
  province: boolean;
}

const loss: fc.Arbitrary<Loss> = fc.record({
  marks: fc.boolean(),
  communeType: fc.boolean(),
  districtType: fc.boolean(),
  district: fc.boolean(),
  province: fc.boolean(),
});

const withoutType = (name: string): string => splitType(name)[1];

describe('old address properties', () => {
  it('any spelling that keeps what the names say resolves as the table spelling does', () => {
    fc.assert(
      fc.property(fc.constantFrom(...units), spelling, spelling, spelling, (unit, communeHow, districtHow, provinceHow) => {
        const address = {
          commune: respell(unit.row.oldName, communeHow),
          district: respell(unit.row.oldDistrict, districtHow),
          province: respellProvince(unit.row.oldProvince, provinceHow),
        };
        expect(resolveOldAddress(index, address)).toEqual(resolveOldAddress(index, asWritten(unit)));
      }),
      { numRuns: 500 },
    );
  });

  it('a spelling that loses something finds its own unit, or several that include it, never another or none', () => {
    fc.assert(
      fc.property(fc.constantFrom(...units), loss, spelling, (unit, lost, how) => {
        const strip = (text: string): string => (lost.marks ? stripDiacritics(text) : text);
        const address = {
          commune: respell(strip(lost.communeType ? withoutType(unit.row.oldName) : unit.row.oldName), how),
          district: lost.district ? '' : strip(lost.districtType ? withoutType(unit.row.oldDistrict) : unit.row.oldDistrict),
          province: lost.province ? '' : strip(unit.row.oldProvince),
        };
        const resolution = resolveOldAddress(index, address);
        if (resolution.kind === 'ambiguous') {
          expect(resolution.candidates).toContain(unit.oldCode);
          for (const code of resolution.candidates) expect(index.byOldCode.get(code)?.name.bare).toBe(unit.name.bare);
        } else {
          expect(resolution).toEqual(resolveOldAddress(index, asWritten(unit)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a name one letter off, or with a word more, is unknown unless it is another unit’s name', () => {
    const bareNames = new Set(units.map((unit) => unit.name.bare));
    fc.assert(
      fc.property(
        fc.constantFrom(...units),
        fc.oneof(
          fc.constantFrom(' Mới', ' Bắc', ' Hai').map((word) => (name: string) => name + word),
          fc.constant((name: string) => name.slice(0, -1)),
          fc.constant((name: string) => `${name}${name.at(-1) ?? ''}`),
        ),
        (unit, change) => {
          const commune = change(withoutType(unit.row.oldName));
          fc.pre(!bareNames.has(stripDiacritics(commune).toLowerCase().trim()));
          expect(resolveOldAddress(index, { commune, district: unit.row.oldDistrict })).toEqual({ kind: 'unknown' });
        },
      ),
      { numRuns: 300 },
    );
  });
});
