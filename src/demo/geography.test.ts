import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadAdminUnits } from '../reference/index.ts';
import { apportion, buildUnitProfiles, officialPopulation, shareAgedAtLeast } from './geography.ts';
import { DEFAULT_DEMO_SETTINGS, resolveSettings } from './settings.ts';

describe('geography', () => {
  const units = loadAdminUnits();
  const profiles = buildUnitProfiles(units, DEFAULT_DEMO_SETTINGS);

  it('apportions a total exactly, each part within one of its exact share', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 120 }), (total, weights) => {
        const parts = apportion(total, weights);
        const sum = weights.reduce((a, b) => a + b, 0);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        parts.forEach((p, i) => expect(Math.abs(p - (total * (weights[i] as number)) / sum)).toBeLessThan(1));
      }),
    );
  });

  it('scales the official population to 4,952,238 at 6,000,000 lines', () => {
    const figures = officialPopulation(profiles, DEFAULT_DEMO_SETTINGS, 6_000_000);
    expect(figures).toHaveLength(102);
    expect(figures.reduce((a, f) => a + f.population, 0)).toBe(4_952_238);
    const share14 = figures.reduce((a, f) => a + f.population14plus, 0) / 4_952_238;
    expect(share14).toBeCloseTo(shareAgedAtLeast(DEFAULT_DEMO_SETTINGS.ageBands, 14), 3);
    expect(share14).toBeGreaterThan(0.7);
    expect(share14).toBeLessThan(0.85);
  });

  it('makes Phú Quốc and the phường denser than an average xã, Thổ Châu tiny', () => {
    const weight = (name: string) => profiles.find((p) => p.name === name)?.weight ?? NaN;
    const xa = profiles.filter((p) => p.type === 'xa');
    const averageXa = xa.reduce((a, p) => a + p.weight, 0) / xa.length;
    expect(weight('Đặc khu Phú Quốc')).toBeGreaterThan(3 * averageXa);
    expect(weight('Phường Long Xuyên')).toBeGreaterThan(averageXa);
    expect(weight('Đặc khu Thổ Châu')).toBeLessThan(0.1 * averageXa);
    expect(profiles.find((p) => p.name === 'Xã Tri Tôn')?.khmerShare).toBeGreaterThan(0.3);
  });

  it('refuses settings that name a unit not in the list', () => {
    const settings = resolveSettings({ khmer: { defaultShare: 0.02, byUnitName: { 'Xã Không Có': 0.5 } } });
    expect(() => buildUnitProfiles(units, settings)).toThrow(/Xã Không Có/);
  });
});
