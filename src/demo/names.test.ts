import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalName, compareNames } from '../domain/index.ts';
import { NameGenerator, toOldToneStyle } from './names.ts';
import { Random } from './random.ts';
import { DEFAULT_DEMO_SETTINGS } from './settings.ts';

describe('toOldToneStyle', () => {
  it('moves the mark of a final oa, oe, uy to the second vowel', () => {
    expect(['Hòa', 'Thủy', 'Khỏe', 'Thúy', 'Hóa'].map(toOldToneStyle)).toEqual(['Hoà', 'Thuỷ', 'Khoẻ', 'Thuý', 'Hoá']);
  });

  it('leaves other syllables alone', () => {
    expect(['Hoàng', 'Toàn', 'Quý', 'Khoa', 'Thủ', 'Nguyễn', 'Lan'].map(toOldToneStyle)).toEqual([
      'Hoàng',
      'Toàn',
      'Quý',
      'Khoa',
      'Thủ',
      'Nguyễn',
      'Lan',
    ]);
  });
});

describe('NameGenerator', () => {
  const generator = new NameGenerator(DEFAULT_DEMO_SETTINGS.names);

  it('gives a key equal to canonicalName and the same name in both tone-mark styles', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom('male', 'female'), fc.constantFrom('kinh', 'khmer', 'hoa'), (seed, sex, origin) => {
        const name = generator.generate(new Random(seed), sex, origin);
        expect(name.nameKey).toBe(canonicalName(name.fullName));
        expect(canonicalName(name.otherStyle)).toBe(name.nameKey);
        expect(['exact', 'same']).toContain(compareNames(name.fullName, name.otherStyle));
      }),
    );
  });

  it('writes Khmer names with Chau for men and Néang/Neáng/Thị… for women', () => {
    const random = new Random(5);
    const men = Array.from({ length: 200 }, () => generator.generate(random, 'male', 'khmer').fullName);
    const women = Array.from({ length: 200 }, () => generator.generate(random, 'female', 'khmer').fullName);
    expect(men.filter((n) => n.startsWith('Chau ')).length).toBeGreaterThan(80);
    expect(women.filter((n) => /^(Néang|Neáng) /.test(n)).length).toBeGreaterThan(60);
  });

  it('gives Chinese-origin names several given syllables', () => {
    const random = new Random(6);
    for (let i = 0; i < 100; i++) {
      expect(generator.generate(random, 'female', 'hoa').fullName.split(' ').length).toBeGreaterThanOrEqual(3);
    }
  });

  it('uses Nguyễn for about 38% of Kinh names and both tone-mark styles', () => {
    const random = new Random(7);
    const names = Array.from({ length: 20_000 }, () => generator.generate(random, 'female', 'kinh').fullName);
    expect(names.filter((n) => n.startsWith('Nguyễn ')).length / names.length).toBeCloseTo(0.38, 1);
    expect(names.some((n) => / (Hoà|Thuỷ)$/.test(n))).toBe(true);
    expect(names.some((n) => / (Hòa|Thủy)$/.test(n))).toBe(true);
  });
});
