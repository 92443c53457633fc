/**
 * Where the demo's people live: a profile per commune-level unit (relative population, former
 * province, share of Khmer and Chinese-origin names, weight for foreign residents), and the
 * official population figures derived from the same weights.
 */
import type { AdminUnit } from '../domain/index.ts';
import { hashString } from './random.ts';
import type { AgeBand, DemoSettings, FormerProvince } from './settings.ts';

export interface UnitProfile {
  code: string;
  name: string;
  type: AdminUnit['type'];
  /** Relative number of inhabitants. */
  weight: number;
  formerProvince: FormerProvince;
  khmerShare: number;
  hoaShare: number;
  foreignerWeight: number;
}

/**
 * Builds the profiles of `units`. Unit names in the settings must exist in the list, so a typo in a
 * setting fails loudly instead of silently doing nothing.
 */
export function buildUnitProfiles(units: readonly AdminUnit[], settings: DemoSettings): UnitProfile[] {
  const names = new Set(units.map((u) => u.name));
  const named = [
    ...Object.keys(settings.unitWeights.byName),
    ...Object.keys(settings.khmer.byUnitName),
    ...Object.keys(settings.hoa.byUnitName),
    ...Object.keys(settings.foreigners.unitWeights),
  ];
  const unknown = [...new Set(named.filter((n) => !names.has(n)))];
  if (unknown.length > 0) throw new Error(`demo settings name units that are not in the unit list: ${unknown.join(', ')}`);

  return units.map((unit) => {
    // A stable factor per unit (not per seed): official figures stay the same across demo runs.
    const spread = (hashString(unit.code) / 2 ** 32) * 2 - 1;
    const jitter = 1 + settings.unitWeights.jitter * spread;
    const weight = settings.unitWeights.byName[unit.name] ?? settings.unitWeights.byType[unit.type] * jitter;
    return {
      code: unit.code,
      name: unit.name,
      type: unit.type,
      weight,
      formerProvince: formerProvinceOf(unit.code, settings.formerProvinces),
      khmerShare: settings.khmer.byUnitName[unit.name] ?? settings.khmer.defaultShare,
      hoaShare: settings.hoa.byUnitName[unit.name] ?? settings.hoa.defaultShare,
      foreignerWeight: settings.foreigners.unitWeights[unit.name] ?? settings.foreigners.defaultUnitWeight,
    };
  });
}

function formerProvinceOf(code: string, provinces: readonly FormerProvince[]): FormerProvince {
  const province = provinces.find((p) => code >= p.firstUnitCode && code <= p.lastUnitCode);
  if (!province) throw new Error(`unit ${code} lies in no former province of the demo settings`);
  return province;
}

/** Share of the population aged `age` or more, from the age bands (ages spread evenly in a band). */
export function shareAgedAtLeast(bands: readonly AgeBand[], age: number): number {
  let total = 0;
  let older = 0;
  for (const band of bands) {
    const years = band.to - band.from + 1;
    total += band.weight;
    const olderYears = Math.min(years, Math.max(0, band.to - age + 1));
    older += (band.weight * olderYears) / years;
  }
  return older / total;
}

export interface UnitPopulation {
  code: string;
  population: number;
  population14plus: number;
}

/**
 * The official population figures of a demo with `lines` lines: the full-scale population scaled
 * by lines, spread over the units by their weights (largest remainder, so the units add up exactly).
 */
export function officialPopulation(profiles: readonly UnitProfile[], settings: DemoSettings, lines: number): UnitPopulation[] {
  const { population, lines: fullScaleLines } = settings.fullScale;
  const total = Math.round((population * lines) / fullScaleLines);
  const share14 = shareAgedAtLeast(settings.ageBands, 14);
  const people = apportion(total, profiles.map((p) => p.weight));
  return profiles.map((p, i) => {
    const count = people[i] as number;
    return { code: p.code, population: count, population14plus: Math.round(count * share14) };
  });
}

/** Splits `total` into integers proportional to `weights` that add up to `total` (largest remainder). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] as number) + 1;
    left--;
  }
  return parts;
}
