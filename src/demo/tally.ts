/** What a demo run produced, counted while the rows are generated. */
import { CARRIERS, type Carrier } from '../domain/index.ts';
import type { HolderKind, LineClass } from '../domain/index.ts';
import { LINE_PROBLEMS, type LineProblem } from './settings.ts';

export interface DemoSummary {
  seed: number;
  /** Subscriber lines written. */
  lines: number;
  /** People in the national-database simulator (`nid_citizens`), foreigners included. */
  citizens: number;
  foreigners: number;
  /** People holding at least one line. */
  holders: number;
  /** Lines per planted problem: exactly the rows of `demo_planted`. */
  planted: Record<LineProblem, number>;
  byCarrier: Record<Carrier, number>;
  byLineClass: Record<LineClass, number>;
  byHolderKind: Record<HolderKind, number>;
  byVerificationState: { verified: number; unverified: number };
  /** Lines whose prefix belongs to another carrier. */
  ported: number;
  simFarms: number;
  deceasedCitizens: number;
  /** Official figures written to `admin_units` (the KPI denominators). */
  population: number;
  population14plus: number;
}

const zeroes = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** A fresh summary with every count at zero. */
export function emptySummary(seed: number, population: number, population14plus: number): DemoSummary {
  return {
    seed,
    lines: 0,
    citizens: 0,
    foreigners: 0,
    holders: 0,
    planted: zeroes(LINE_PROBLEMS),
    byCarrier: zeroes(CARRIERS),
    byLineClass: { h2h: 0, non_h2h: 0 },
    byHolderKind: { citizen: 0, foreigner: 0, organisation: 0 },
    byVerificationState: { verified: 0, unverified: 0 },
    ported: 0,
    simFarms: 0,
    deceasedCitizens: 0,
    population,
    population14plus,
  };
}
