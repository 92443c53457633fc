import { describe, expect, it } from 'vitest';
import { isLuhnValid } from '../domain/luhn.ts';
import { loadReferenceData } from '../reference/index.ts';
import { normalizeMsisdn } from '../domain/index.ts';
import { CITIZEN_COLUMNS, DemoRowGenerator, SUBSCRIBER_COLUMNS, type DemoRequest, type Row } from './row-generator.ts';
import { DEFAULT_DEMO_SETTINGS } from './settings.ts';

type RowRecord<C extends readonly string[]> = { [K in C[number]]: string | number | null };

function generate(request: DemoRequest, batchLines?: number) {
  const generator = new DemoRowGenerator(request);
  const citizens: Row[] = [];
  const subscribers: Row[] = [];
  const planted: Row[] = [];
  const batchSizes: number[] = [];
  for (const batch of generator.batches(batchLines)) {
    citizens.push(...batch.citizens);
    subscribers.push(...batch.subscribers);
    planted.push(...batch.planted);
    batchSizes.push(batch.subscribers.length);
  }
  const as = <C extends readonly string[]>(columns: C, rows: Row[]) =>
    rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i] ?? null])) as RowRecord<C>);
  return {
    generator,
    raw: { citizens, subscribers, planted },
    citizens: as(CITIZEN_COLUMNS, citizens),
    subscribers: as(SUBSCRIBER_COLUMNS, subscribers),
    batchSizes,
  };
}

describe('DemoRowGenerator', () => {
  const run = generate({ lines: 20_000, seed: 11 }, 3_000);
  const ref = loadReferenceData();

  it('writes exactly the lines asked for, in batches, and counts them', () => {
    expect(run.subscribers).toHaveLength(20_000);
    expect(run.generator.summary.lines).toBe(20_000);
    expect(run.generator.summary.citizens).toBe(run.citizens.length);
    expect(run.batchSizes.slice(0, -1).every((n) => n >= 3_000 && n < 3_100)).toBe(true);
    expect(() => [...run.generator.batches()]).toThrow(/only once/);
  });

  it('is deterministic for a seed and differs for another seed', () => {
    const again = generate({ lines: 20_000, seed: 11 }, 500);
    expect(again.raw).toEqual(run.raw);
    const other = generate({ lines: 2_000, seed: 12 });
    expect(other.raw.subscribers.slice(0, 50)).not.toEqual(run.raw.subscribers.slice(0, 50));
  });

  it('has about 1.21 lines per person, as population × 1.25 ≈ 6 M lines implies', () => {
    const ratio = 20_000 / run.citizens.length;
    expect(ratio).toBeGreaterThan(1.13);
    expect(ratio).toBeLessThan(1.29);
  });

  it('gives unique numbers from the carrier prefixes, a small share ported', () => {
    expect(new Set(run.subscribers.map((s) => s.msisdn)).size).toBe(20_000);
    let ported = 0;
    for (const s of run.subscribers) {
      const parsed = normalizeMsisdn(String(s.msisdn), ref);
      expect(parsed.msisdn).toBe(s.msisdn);
      if (parsed.carrier !== s.carrier) ported++;
    }
    expect(ported).toBe(run.generator.summary.ported);
    expect(ported / 20_000).toBeLessThan(0.03);
    const viettel = run.subscribers.filter((s) => s.carrier === 'viettel').length / 20_000;
    expect(viettel).toBeGreaterThan(0.53);
    expect(viettel).toBeLessThan(0.59);
  });

  it('gives valid 15-digit IMEIs, a few lines without one', () => {
    const imeis = run.subscribers.map((s) => s.imei);
    for (const imei of imeis) if (imei !== null) expect(isLuhnValid(String(imei)) && String(imei).length === 15).toBe(true);
    expect(imeis.filter((i) => i === null).length).toBeGreaterThan(0);
  });

  it('registers lines before the reference now and verifies some of them before the campaign', () => {
    const now = DEFAULT_DEMO_SETTINGS.referenceNow;
    for (const s of run.subscribers) {
      expect(String(s.registered_at) <= now).toBe(true);
      expect(s.verified_at === null).toBe(s.verification_state === 'unverified');
      if (s.verified_at !== null) expect(String(s.verified_at) >= String(s.registered_at)).toBe(true);
    }
    const verified = run.subscribers.filter((s) => s.verification_state === 'verified').length / 20_000;
    expect(verified).toBeGreaterThan(0.2);
    expect(verified).toBeLessThan(0.6);
  });

  it('mostly registers births in An Giang (089) and Kiên Giang (091), some elsewhere', () => {
    const vn = run.citizens.filter((c) => c.nationality === 'VN');
    const local = vn.filter((c) => c.birth_province_code === '089' || c.birth_province_code === '091').length / vn.length;
    expect(local).toBeGreaterThan(0.85);
    expect(local).toBeLessThan(0.97);
  });

  it('keeps year-only birth dates for people born before 1950', () => {
    const yearOnly = run.citizens.filter((c) => c.birth_precision === 'year');
    expect(yearOnly.length).toBeGreaterThan(0);
    for (const c of yearOnly) expect(Number(c.birth_date)).toBeLessThan(1950);
  });

  it('concentrates Khmer names in the border communes', () => {
    const khmer = (c: { full_name: unknown }) => /^(Chau|Néang|Neáng) /.test(String(c.full_name));
    const border = new Set(['30544', '30577', '30580', '30526']); // Tri Tôn, Ô Lâm, Cô Tô, An Cư
    const inBorder = run.citizens.filter((c) => border.has(String(c.residence_commune_code)));
    const elsewhere = run.citizens.filter((c) => !border.has(String(c.residence_commune_code)));
    expect(inBorder.filter(khmer).length / inBorder.length).toBeGreaterThan(0.2);
    expect(elsewhere.filter(khmer).length / elsewhere.length).toBeLessThan(0.05);
  });

  it('includes foreigners with passports and organisations', () => {
    const foreigners = run.citizens.filter((c) => c.nationality !== 'VN');
    expect(foreigners.length).toBe(run.generator.summary.foreigners);
    expect(foreigners.length).toBeGreaterThan(0);
    for (const f of foreigners) expect(String(f.personal_id)).toMatch(/^[A-Z]\d{8}$/);
    const lines = run.subscribers.filter((s) => s.holder_kind === 'foreigner');
    expect(lines.every((s) => s.document_type === 'passport')).toBe(true);
    expect(run.subscribers.some((s) => s.holder_kind === 'organisation')).toBe(true);
  });

  it('plants SIM farms: one person with dozens of lines', () => {
    const farms = generate({
      lines: 5_000,
      seed: 3,
      settings: { simFarm: { sharePerHolder: 0.005, minLines: 20, maxLines: 40 } },
    });
    expect(farms.generator.summary.simFarms).toBeGreaterThan(0);
    const perPerson = new Map<unknown, number>();
    for (const s of farms.subscribers) perPerson.set(s.document_number, (perPerson.get(s.document_number) ?? 0) + 1);
    expect(Math.max(...perPerson.values())).toBeGreaterThanOrEqual(20);
    expect(farms.generator.summary.planted.sim_farm).toBeGreaterThanOrEqual(20);
  });

  it('rejects a request it cannot serve', () => {
    expect(() => new DemoRowGenerator({ lines: 0, seed: 1 })).toThrow(RangeError);
    expect(() => new DemoRowGenerator({ lines: 10, seed: 0.5 })).toThrow(RangeError);
    expect(() => new DemoRowGenerator({ lines: 10, seed: 1, settings: { problemShares: { cmnd9: 0.6, name_typo: 0.6, name_no_diacritics: 0, birth_date_swapped: 0, birth_date_wrong: 0, other_person_id: 0 } } })).toThrow(/more than 1/);
  });
});
