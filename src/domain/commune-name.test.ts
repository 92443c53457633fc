import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// The real table: the domain reads no files, its tests may (src/reference validates it).
import { loadAdminUnits } from '../reference/index.ts';
import { indexCommuneNames, resolveCommuneName } from './commune-name.ts';
import { stripDiacritics } from './person-name.ts';

const units = loadAdminUnits();
const index = indexCommuneNames(units);
const withoutType = (name: string) => name.replace(/^(Xã|Phường|Đặc khu) /u, '');

describe('resolveCommuneName on the province’s 102 units', () => {
  it('finds every unit by its name, with or without its type word', () => {
    expect(units).toHaveLength(102);
    for (const unit of units) {
      expect(resolveCommuneName(index, unit.name), unit.name).toEqual({ kind: 'found', code: unit.code });
      expect(resolveCommuneName(index, withoutType(unit.name)), unit.name).toEqual({ kind: 'found', code: unit.code });
    }
  });

  it('reads abbreviated type words, other case, spacing and the old tone placement', () => {
    expect(resolveCommuneName(index, 'P. Long Xuyên')).toEqual({ kind: 'found', code: '30307' });
    expect(resolveCommuneName(index, '  phường   LONG XUYÊN ')).toEqual({ kind: 'found', code: '30307' });
    expect(resolveCommuneName(index, 'Xã Mỹ Hòa Hưng')).toEqual(resolveCommuneName(index, 'Xã Mỹ Hoà Hưng'));
    expect(resolveCommuneName(index, 'Đặc khu Phú Quốc')).toEqual(resolveCommuneName(index, 'ĐK Phú Quốc'));
  });

  it('finds a name written without diacritics, or says which units it could be', () => {
    for (const unit of units) {
      const resolution = resolveCommuneName(index, stripDiacritics(unit.name));
      if (resolution.kind === 'found') expect(resolution.code, unit.name).toBe(unit.code);
      else expect(resolution, unit.name).toMatchObject({ kind: 'ambiguous', codes: expect.arrayContaining([unit.code]) as unknown });
    }
  });

  it('reports a name of another type, or of no unit, as unknown', () => {
    expect(resolveCommuneName(index, 'Xã Long Xuyên')).toEqual({ kind: 'unknown' });
    expect(resolveCommuneName(index, 'Quận 1')).toEqual({ kind: 'unknown' });
    expect(resolveCommuneName(index, '')).toEqual({ kind: 'unknown' });
    expect(resolveCommuneName(index, 'Xã')).toEqual({ kind: 'unknown' });
  });
});

describe('resolveCommuneName where two units share a name', () => {
  const twins = indexCommuneNames([
    { code: '1', name: 'Xã Vĩnh Thạnh' },
    { code: '2', name: 'Phường Vĩnh Thạnh' },
    { code: '3', name: 'Xã Vĩnh Thanh' },
  ]);

  it('is ambiguous without the type word, found with it', () => {
    expect(resolveCommuneName(twins, 'Vĩnh Thạnh')).toEqual({ kind: 'ambiguous', codes: ['1', '2'] });
    expect(resolveCommuneName(twins, 'Phường Vĩnh Thạnh')).toEqual({ kind: 'found', code: '2' });
  });

  it('prefers the name written exactly over one that lost its marks', () => {
    expect(resolveCommuneName(twins, 'Xã Vĩnh Thanh')).toEqual({ kind: 'found', code: '3' });
    expect(resolveCommuneName(twins, 'xa vinh thanh')).toEqual({ kind: 'ambiguous', codes: ['1', '3'] });
  });
});

describe('resolveCommuneName on any text', () => {
  it('answers every string without throwing, and finds only the province’s units', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...units.map((u) => u.name)).map((n) => n + ' ' + n), fc.string({ unit: 'binary' })), (text) => {
        const resolution = resolveCommuneName(index, text);
        expect(['found', 'ambiguous', 'unknown']).toContain(resolution.kind);
        if (resolution.kind === 'found') {
          expect(units.map((u) => u.code)).toContain(resolution.code);
        }
      }),
    );
  });

  it('finds each unit whatever the case of its letters', () => {
    fc.assert(
      fc.property(fc.constantFrom(...units), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (unit, upper) => {
        const cased = [...unit.name].map((ch, i) => (upper[i % upper.length] ? ch.toUpperCase() : ch.toLowerCase())).join('');
        expect(resolveCommuneName(index, cased)).toEqual({ kind: 'found', code: unit.code });
      }),
    );
  });
});
