/**
 * Every share, weight and date the demo generator uses, in one place. Each carries where it comes
 * from; "assumed" marks a plausible default that no source confirms (docs/domain.md, "Confidence": assumed rules are
 * settings, never constants buried in logic). Callers may override any top-level key.
 */
import type { Carrier } from '../domain/index.ts';

/** The problems the campaign exists to find, planted on lines (one per line) and listed in `demo_planted`. */
export const LINE_PROBLEMS = [
  'cmnd9',
  'name_typo',
  'name_no_diacritics',
  'birth_date_swapped',
  'birth_date_wrong',
  'other_person_id',
  'deceased',
  'sim_farm',
] as const;

export type LineProblem = (typeof LINE_PROBLEMS)[number];

/** Problems drawn line by line; `deceased` and `sim_farm` follow from the holder instead. */
export type DrawnProblem = Exclude<LineProblem, 'deceased' | 'sim_farm'>;

export interface AgeBand {
  /** Age in whole years on the reference date, both bounds inclusive. */
  from: number;
  to: number;
  weight: number;
}

/** A former province (before the 1/7/2025 merger), recognised by its range of commune codes. */
export interface FormerProvince {
  /** Personal-ID birth-registration code (docs/domain.md, "Identity documents"). */
  idCode: string;
  /** First two digits of the 9-digit CMND cards it issued. */
  cmndPrefix: string;
  /** Commune codes in [firstUnitCode, lastUnitCode] (string comparison of 5-digit codes) belonged to it. */
  firstUnitCode: string;
  lastUnitCode: string;
}

export interface Nationality {
  /** ISO 3166-1 alpha-2, stored as `nationality` (and as the birth "province", docs/domain.md, "Identity documents": "or country"). */
  code: string;
  weight: number;
  /** Letter the demo's passport numbers start with. */
  passportLetter: string;
  /** Family names as written in the passport (Latin letters). */
  familyNames: readonly string[];
  givenNames: readonly string[];
}

export interface DemoSettings {
  /** The fixed "now" of the demo: the eve of the campaign (28/4/2026 00:00 in UTC+7). */
  referenceNow: string;
  /** Official population of a run = population × lines of the run / lines (the figures at full scale). */
  fullScale: { population: number; lines: number };
  formerProvinces: readonly FormerProvince[];
  /** Relative number of inhabitants per commune-level unit. */
  unitWeights: {
    byType: Readonly<Record<'xa' | 'phuong' | 'dac_khu', number>>;
    /** Overrides by full unit name, e.g. `Đặc khu Phú Quốc`. */
    byName: Readonly<Record<string, number>>;
    /** ± spread of a stable per-unit factor (hash of the code), so units of a type differ. */
    jitter: number;
  };
  /** Age structure of the population. */
  ageBands: readonly AgeBand[];
  /** Where the birth was registered, relative to the former province of the residence. */
  birthProvince: { sameFormerProvince: number; otherFormerProvince: number; elsewhere: Readonly<Record<string, number>> };
  /** Birth dates on record with less than day precision. */
  birthPrecision: { yearOnlyBornBefore: number; yearOnlyShare: number; monthOnlyBornBefore: number; monthOnlyShare: number };
  /** Who still has a 9-digit CMND number on record. */
  legacyCmnd: { bornUpTo: number; share: number };
  /** Share of people with Khmer names per unit (default elsewhere). */
  khmer: { defaultShare: number; byUnitName: Readonly<Record<string, number>> };
  /** Share of people with Chinese-origin (Hoa) names per unit (default elsewhere). */
  hoa: { defaultShare: number; byUnitName: Readonly<Record<string, number>> };
  names: {
    /** Share of people whose name is written in the old tone-mark style (`Hoà`, `Thuỷ`). */
    oldToneStyleShare: number;
    /** Share of correct lines whose carrier record writes the name in the other tone-mark style. */
    lineToneStyleFlipShare: number;
    /** Kinh names with two middle names (`Nguyễn Thị Ngọc Hân`). */
    secondMiddleNameShare: number;
    /** Khmer names with a middle name between the lead and the given name. */
    khmerMiddleNameShare: number;
    /** Chinese-origin names with a middle name (`Văn`, `Thị`, …). */
    hoaMiddleNameShare: number;
    /** Number of given syllables of Chinese-origin names, with weights. */
    hoaGivenSyllables: readonly (readonly [count: number, weight: number])[];
  };
  /** Share of men in the population. */
  maleShare: number;
  /** Minimum age for a line in one's own name. */
  minLineAge: number;
  /** Lines per person aged `minLineAge`+ who is not a heavy user (0 = no line of their own); relative weights. */
  linesPerAdult: readonly (readonly [lines: number, weight: number])[];
  /** Beyond the table: heavy users with a uniform number of lines in [minLines, maxLines]. */
  heavyUserTail: { share: number; minLines: number; maxLines: number };
  /** One person with dozens of H2H lines. */
  simFarm: { sharePerHolder: number; minLines: number; maxLines: number };
  /** Line holders who also register lines for an organisation they represent. */
  organisation: { sharePerHolder: number; minLines: number; maxLines: number; nonH2hShare: number };
  foreigners: {
    /** Share of the people generated who are foreigners (each holds 1–maxLines lines). */
    shareOfPeople: number;
    maxLines: number;
    nationalities: readonly Nationality[];
    /** Where foreigners live, by unit name; other units weigh `defaultUnitWeight`. */
    unitWeights: Readonly<Record<string, number>>;
    defaultUnitWeight: number;
  };
  carrierShares: Readonly<Record<Carrier, number>>;
  /** Share of lines whose number carries another carrier's prefix (number portability). */
  portedShare: number;
  /** Share of lines of persons that are non-H2H (receive-only, data). */
  nonH2hShare: number;
  imei: {
    /** Share of lines on which no handset has been seen. */
    unknownShare: number;
    /** Share of a person's further lines that sit in the same (dual-SIM) handset as the previous one. */
    sameHandsetShare: number;
    /** Leading digits of type allocation codes (35 = GSMA-issued, 86 = issued in China), with weights. */
    tacPrefixes: readonly (readonly [prefix: string, weight: number])[];
  };
  registration: {
    /** Earliest registration date of a line still in use. */
    earliest: string;
    /** Exponent < 1 skews registration dates towards the present (older lines have churned). */
    recencySkew: number;
    /** Local (UTC+7) hours within which registrations happen: [from, to). */
    localHours: readonly [number, number];
  };
  verification: {
    /** From this date new subscriptions are checked with face biometrics at registration. */
    faceCheckAtRegistrationFrom: string;
    /** Share of correct lines registered before that date already verified before the campaign. */
    verifiedBeforeCampaignShare: number;
  };
  /**
   * Share of a citizen's own lines drawn for each problem. Where it cannot apply (no CMND on
   * record, no day ≤ 12 to swap, a person who could only register after face checks began) the
   * line stays correct, so planted counts run somewhat below these shares.
   */
  problemShares: Readonly<Record<DrawnProblem, number>>;
  /** Share of line holders who have died while their lines stay active. */
  deceased: { shareOfHoldersFromAge: number; fromAge: number; earliest: string };
}

/** The defaults. */
export const DEFAULT_DEMO_SETTINGS: DemoSettings = {
  referenceNow: '2026-04-27T17:00:00.000Z',
  // docs/domain.md, "Administrative units" (population, sure) and "Scale" (~6 M lines = population × 1.25, assumed).
  fullScale: { population: 4_952_238, lines: 6_000_000 },
  // Official commune codes run by former province: in data/an_giang_units.csv old An Giang ends at
  // 30709 and old Kiên Giang starts at 30742 (sure). CMND prefixes 35 (An Giang) and 37 (Kiên
  // Giang) from the CMND issuing-code table (likely).
  formerProvinces: [
    { idCode: '089', cmndPrefix: '35', firstUnitCode: '30280', lastUnitCode: '30739' },
    { idCode: '091', cmndPrefix: '37', firstUnitCode: '30740', lastUnitCode: '31149' },
  ],
  unitWeights: {
    // Assumed from 2025 merger figures: an average phường ≈ 80k people, a xã ≈ 45k.
    byType: { xa: 1, phuong: 1.8, dac_khu: 1 },
    // Phú Quốc ≈ 180k inhabitants (likely), Kiên Hải ≈ 20k, Thổ Châu ≈ 1.5k (islands, likely).
    byName: { 'Đặc khu Phú Quốc': 4, 'Đặc khu Kiên Hải': 0.45, 'Đặc khu Thổ Châu': 0.03 },
    jitter: 0.3, // assumed
  },
  // Five-year bands shaped on the 2019 census for the Mekong Delta (likely), under-14 ≈ 21%.
  ageBands: [
    { from: 0, to: 4, weight: 7 },
    { from: 5, to: 9, weight: 7.5 },
    { from: 10, to: 14, weight: 7 },
    { from: 15, to: 19, weight: 6.5 },
    { from: 20, to: 24, weight: 7 },
    { from: 25, to: 29, weight: 8 },
    { from: 30, to: 34, weight: 8.5 },
    { from: 35, to: 39, weight: 8 },
    { from: 40, to: 44, weight: 7.5 },
    { from: 45, to: 49, weight: 7 },
    { from: 50, to: 54, weight: 6.5 },
    { from: 55, to: 59, weight: 6 },
    { from: 60, to: 64, weight: 5 },
    { from: 65, to: 69, weight: 3.5 },
    { from: 70, to: 74, weight: 2.2 },
    { from: 75, to: 79, weight: 1.3 },
    { from: 80, to: 84, weight: 1 },
    { from: 85, to: 99, weight: 0.8 },
  ],
  // Assumed: most people are registered where they live; neighbours and Hồ Chí Minh City next.
  birthProvince: {
    sameFormerProvince: 0.86,
    otherFormerProvince: 0.04,
    elsewhere: { '092': 3, '087': 2, '079': 2, '093': 1, '094': 1, '096': 1, '095': 0.5, '086': 0.5, '082': 0.5, '084': 0.5, '083': 0.5, '001': 0.3, '040': 0.2, '038': 0.2, '074': 0.3, '075': 0.3, '080': 0.4 },
  },
  // Assumed: civil records of people born before 1950 often hold only the year.
  birthPrecision: { yearOnlyBornBefore: 1950, yearOnlyShare: 0.35, monthOnlyBornBefore: 1975, monthOnlyShare: 0.01 },
  // CMND were issued from age 14 until 2021 (sure); share still on record assumed.
  legacyCmnd: { bornUpTo: 2006, share: 0.85 },
  // Khmer ≈ 4% of old An Giang (concentrated in Tri Tôn, Tịnh Biên) and ≈ 12% of old Kiên Giang
  // (Gò Quao, Giồng Riềng, Châu Thành, Hòn Đất, U Minh Thượng) — 2019 census (likely); per-unit
  // shares assumed.
  khmer: {
    defaultShare: 0.02,
    byUnitName: {
      'Xã Tri Tôn': 0.4, 'Xã Ba Chúc': 0.35, 'Xã Ô Lâm': 0.6, 'Xã Cô Tô': 0.45, 'Xã An Cư': 0.5, 'Xã Núi Cấm': 0.35,
      'Xã Vĩnh Gia': 0.2, 'Phường Tịnh Biên': 0.2, 'Phường Chi Lăng': 0.3, 'Phường Thới Sơn': 0.15, 'Xã Gò Quao': 0.3,
      'Xã Định Hoà': 0.35, 'Xã Vĩnh Hoà Hưng': 0.25, 'Xã Vĩnh Tuy': 0.2, 'Xã Châu Thành': 0.25, 'Xã Thạnh Lộc': 0.2,
      'Xã Giồng Riềng': 0.2, 'Xã Hoà Hưng': 0.25, 'Xã Ngọc Chúc': 0.2, 'Xã Hòn Đất': 0.15, 'Xã Sơn Kiên': 0.2,
      'Xã U Minh Thượng': 0.2, 'Xã Bình Sơn': 0.15,
    },
  },
  // Hoa ≈ 1% of both provinces, mostly in the towns and Hà Tiên (likely); per-unit shares assumed.
  hoa: {
    defaultShare: 0.005,
    byUnitName: {
      'Phường Rạch Giá': 0.05, 'Phường Vĩnh Thông': 0.03, 'Phường Hà Tiên': 0.06, 'Phường Tô Châu': 0.04,
      'Phường Long Xuyên': 0.04, 'Phường Mỹ Thới': 0.02, 'Phường Bình Đức': 0.02, 'Phường Châu Đốc': 0.05,
      'Phường Tân Châu': 0.03, 'Đặc khu Phú Quốc': 0.03,
    },
  },
  names: {
    oldToneStyleShare: 0.4, // assumed; the official unit list itself uses the old style (docs/domain.md, "Names")
    lineToneStyleFlipShare: 0.15, // assumed
    secondMiddleNameShare: 0.2, // assumed
    khmerMiddleNameShare: 0.15, // assumed: "often without a middle name" (docs/domain.md, "Names")
    hoaMiddleNameShare: 0.3, // assumed
    hoaGivenSyllables: [[2, 65], [3, 35]], // assumed: "several given names" (docs/domain.md, "Names")
  },
  maleShare: 0.496, // 2019 census, An Giang and Kiên Giang (likely)
  minLineAge: 14, // Decree 163/2024: a line in one's own name from 14 (likely)
  // Assumed, tuned so that lines ≈ population × 1.21 (docs/domain.md, "Scale").
  linesPerAdult: [
    [0, 0.18],
    [1, 0.45],
    [2, 0.225],
    [3, 0.085],
    [4, 0.035],
    [5, 0.01],
  ],
  heavyUserTail: { share: 0.015, minLines: 6, maxLines: 12 }, // assumed
  simFarm: { sharePerHolder: 1 / 30_000, minLines: 20, maxLines: 80 }, // assumed
  organisation: { sharePerHolder: 0.003, minLines: 2, maxLines: 20, nonH2hShare: 0.6 }, // assumed
  foreigners: {
    shareOfPeople: 0.0015, // assumed
    maxLines: 2,
    // Assumed mix: Cambodians across the border, tourists and investors on Phú Quốc.
    nationalities: [
      { code: 'KH', weight: 45, passportLetter: 'N', familyNames: ['SOK', 'CHAN', 'KIM', 'HENG', 'LIM', 'SENG', 'PHAN'], givenNames: ['DARA', 'SOPHEA', 'VANNA', 'SREYMOM', 'BOPHA', 'VIBOL', 'RITHY', 'CHANTHA'] },
      { code: 'CN', weight: 15, passportLetter: 'E', familyNames: ['WANG', 'LI', 'ZHANG', 'LIU', 'CHEN', 'YANG'], givenNames: ['WEI', 'FANG', 'JING', 'LEI', 'MIN', 'QIANG', 'XIU YING'] },
      { code: 'KR', weight: 12, passportLetter: 'M', familyNames: ['KIM', 'LEE', 'PARK', 'CHOI', 'JUNG'], givenNames: ['MIN JUN', 'SEO YEON', 'JI HOON', 'HA EUN', 'DONG HYUN'] },
      { code: 'TW', weight: 8, passportLetter: 'T', familyNames: ['CHEN', 'LIN', 'HUANG', 'CHANG'], givenNames: ['CHIH HAO', 'YU TING', 'CHIA HUI', 'WEN CHENG'] },
      { code: 'RU', weight: 8, passportLetter: 'R', familyNames: ['IVANOV', 'SMIRNOV', 'KUZNETSOVA', 'POPOVA'], givenNames: ['ALEKSEI', 'OLGA', 'DMITRY', 'ANNA', 'SERGEI'] },
      { code: 'US', weight: 6, passportLetter: 'A', familyNames: ['SMITH', 'JOHNSON', 'NGUYEN', 'BROWN', 'TRAN'], givenNames: ['JOHN', 'MICHAEL', 'EMILY', 'SARAH', 'DAVID'] },
      { code: 'FR', weight: 6, passportLetter: 'F', familyNames: ['MARTIN', 'BERNARD', 'DUBOIS', 'THOMAS'], givenNames: ['PIERRE', 'MARIE', 'LUC', 'CAMILLE', 'JULIEN'] },
    ],
    unitWeights: {
      'Đặc khu Phú Quốc': 40, 'Phường Hà Tiên': 6, 'Phường Châu Đốc': 5, 'Phường Rạch Giá': 5, 'Phường Long Xuyên': 4,
      'Xã Khánh Bình': 3, 'Xã Vĩnh Xương': 3, 'Phường Tịnh Biên': 3, 'Xã Giang Thành': 2,
    },
    defaultUnitWeight: 0.2,
  },
  // Viettel ≈ 56% (docs/domain.md, "Scale", likely); the big three > 90% (likely); the rest assumed.
  carrierShares: { viettel: 56, vinaphone: 22, mobifone: 16, vietnamobile: 3.5, itel: 1.5, gmobile: 0.7, wintel: 0.3 },
  portedShare: 0.01, // assumed: portability is little used in Vietnam
  nonH2hShare: 0.08, // assumed: data-only and receive-only SIMs
  imei: {
    unknownShare: 0.02, // assumed
    sameHandsetShare: 0.5, // assumed: dual-SIM handsets are the norm
    tacPrefixes: [['35', 70], ['86', 30]], // assumed mix of GSMA- and China-issued TACs
  },
  registration: {
    earliest: '2008-01-01T00:00:00.000Z', // assumed: older lines have mostly churned
    recencySkew: 0.6, // assumed
    localHours: [7, 21], // assumed: store opening hours
  },
  verification: {
    faceCheckAtRegistrationFrom: '2024-12-25T00:00:00.000Z', // Decree 163/2024 in force (likely)
    verifiedBeforeCampaignShare: 0.3, // assumed (VNeID and carrier apps since 2025)
  },
  // Assumed. The 2023 national clean-up found ≈3% of lines to standardise (docs/domain.md, "Scale"); CMND-9
  // registrations are the campaign's largest target group.
  problemShares: {
    cmnd9: 0.04,
    name_typo: 0.012,
    name_no_diacritics: 0.015,
    birth_date_swapped: 0.004,
    birth_date_wrong: 0.008,
    other_person_id: 0.01,
  },
  deceased: { shareOfHoldersFromAge: 0.006, fromAge: 50, earliest: '2018-01-01' }, // assumed
};

/** The defaults with `overrides` applied key by key (a given key replaces the default wholesale). */
export function resolveSettings(overrides: Partial<DemoSettings> = {}): DemoSettings {
  return { ...DEFAULT_DEMO_SETTINGS, ...overrides };
}
