/**
 * The one row generator behind both outputs (database and CSV): people of the national-database
 * simulator, their subscriber lines and the problems planted on some of them, produced lazily in
 * batches so a 6-million-line run never holds more than one batch in memory.
 */
import {
  canonicalName,
  formatBirthDate,
  type AdminUnit,
  type BirthDate,
  type Carrier,
  type ReferenceData,
  type Sex,
} from '../domain/index.ts';
import { loadAdminUnits, loadReferenceData } from '../reference/index.ts';
import type { DocumentType, HolderKind, LineClass, VerificationState } from '../domain/index.ts';
import { buildUnitProfiles, officialPopulation, type UnitPopulation, type UnitProfile } from './geography.ts';
import { UniqueIdentifiers } from './identifiers.ts';
import { ImeiGenerator } from './imei.ts';
import { NameGenerator, type GeneratedName, type NameOrigin } from './names.ts';
import { misspellName, swapDayAndMonth, withoutDiacritics, wrongBirthDate } from './problems.ts';
import { Random, WeightedTable } from './random.ts';
import { resolveSettings, type DemoSettings, type DrawnProblem, type LineProblem, type Nationality } from './settings.ts';
import { emptySummary, type DemoSummary } from './tally.ts';
import { civilFromDays, isoDate, isoInstant } from './timestamps.ts';

/** Columns of `nid_citizens`, in the order of the generated rows. */
export const CITIZEN_COLUMNS = [
  'personal_id',
  'legacy_cmnd',
  'full_name',
  'name_key',
  'birth_date',
  'birth_precision',
  'sex',
  'birth_province_code',
  'residence_commune_code',
  'nationality',
  'deceased_on',
  'face_seed',
] as const;

/** Columns of `subscribers`, in the order of the generated rows (the id is left to the database). */
export const SUBSCRIBER_COLUMNS = [
  'msisdn',
  'carrier',
  'line_class',
  'holder_kind',
  'document_type',
  'document_number',
  'full_name',
  'name_key',
  'birth_date',
  'birth_precision',
  'sex',
  'commune_code',
  'imei',
  'registered_at',
  'verification_state',
  'verified_at',
  'lock_level',
  'created_at',
  'updated_at',
] as const;

/** Columns of `demo_planted`. */
export const PLANTED_COLUMNS = ['msisdn', 'problem', 'details'] as const;

export type RowValue = string | number | null;
export type Row = RowValue[];

/** Rows generated since the previous batch. */
export interface DemoBatch {
  citizens: Row[];
  subscribers: Row[];
  planted: Row[];
  /** Lines generated so far, this batch included. */
  linesDone: number;
}

/** What a run is asked for. */
export interface DemoRequest {
  /** Number of subscriber lines (exact). */
  lines: number;
  /** Any safe integer; the same seed gives the same rows. */
  seed: number;
  settings?: Partial<DemoSettings>;
}

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAYS_PER_YEAR = 365.2425;
// Lines per batch: small enough that a batch's rows die young (measured: 1,000 lines spend a third
// of the garbage-collection time of 5,000), large enough to amortise a PostgreSQL round trip.
const DEFAULT_BATCH_LINES = 1_000;
// The other-person-ID problem borrows the number of someone generated shortly before.
const RECENT_IDS = 256;

interface Holder {
  foreign: boolean;
  /** Personal ID number, or passport number of a foreigner. */
  document: string;
  legacyCmnd: string | null;
  name: GeneratedName;
  birth: BirthDate;
  birthDate: string;
  sex: Sex;
  communeCode: string;
  /** Earliest instant a line in the person's own name can have been registered. */
  linesFromMs: number;
  deceasedMs: number | null;
}

type LineKind = 'personal' | 'sim_farm' | 'organisation';

/** A problem as planted on one line: what the carrier record says instead of the truth. */
interface Planted {
  problem: LineProblem;
  documentType?: DocumentType;
  documentNumber?: string;
  fullName?: string;
  birth?: BirthDate;
  details: Record<string, string | number>;
}

/**
 * Generates one demo run. Iterate {@link batches} once; {@link summary} is complete afterwards.
 * Deterministic: the same request gives the same rows in the same order.
 */
export class DemoRowGenerator {
  readonly settings: DemoSettings;
  readonly units: readonly AdminUnit[];
  /** Official population figures per unit, scaled to the number of lines. */
  readonly population: readonly UnitPopulation[];
  readonly summary: DemoSummary;

  private readonly random: Random;
  private readonly ids: UniqueIdentifiers;
  private readonly names: NameGenerator;
  private readonly imeis: ImeiGenerator;
  private readonly homes: WeightedTable<UnitProfile>;
  private readonly foreignHomes: WeightedTable<UnitProfile>;
  private readonly ageBands: WeightedTable<{ from: number; to: number }>;
  private readonly birthProvinces: WeightedTable<string>;
  private readonly linesPerAdult: WeightedTable<number>;
  private readonly carriers: WeightedTable<Carrier>;
  private readonly nationalities: WeightedTable<Nationality>;
  private readonly problems: WeightedTable<DrawnProblem | null>;
  private readonly ownPrefixes: ReadonlyMap<Carrier, readonly string[]>;
  private readonly portedPrefixes: ReadonlyMap<Carrier, readonly string[]>;
  private readonly otherFormerProvinces: ReadonlyMap<string, readonly string[]>;
  private readonly nowMs: number;
  private readonly nowDay: number;
  private readonly createdAt: string;
  private readonly earliestLineMs: number;
  private readonly faceCheckMs: number;
  private readonly earliestDeathMs: number;
  /** A sample of earlier citizens whose ID number a line may carry by mistake. */
  private readonly recentIds: { id: string; nameKey: string }[] = [];
  private linesDone = 0;
  private started = false;

  constructor(
    readonly request: DemoRequest,
    reference: { units: readonly AdminUnit[]; data: ReferenceData } = { units: loadAdminUnits(), data: loadReferenceData() },
  ) {
    const { lines, seed } = request;
    if (!Number.isSafeInteger(lines) || lines < 1) throw new RangeError(`lines must be a positive integer, got ${lines}`);
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    const s = (this.settings = resolveSettings(request.settings));
    this.units = reference.units;
    const profiles = buildUnitProfiles(reference.units, s);
    this.population = officialPopulation(profiles, s, lines);
    this.summary = emptySummary(
      seed,
      this.population.reduce((sum, u) => sum + u.population, 0),
      this.population.reduce((sum, u) => sum + u.population14plus, 0),
    );

    this.random = new Random(seed);
    this.ids = new UniqueIdentifiers(seed);
    this.names = new NameGenerator(s.names);
    this.imeis = new ImeiGenerator(s.imei.tacPrefixes);
    this.homes = new WeightedTable(profiles.map((p) => [p, p.weight] as const));
    this.foreignHomes = new WeightedTable(profiles.map((p) => [p, p.foreignerWeight] as const));
    this.ageBands = new WeightedTable(s.ageBands.map((b) => [{ from: b.from, to: b.to }, b.weight] as const));
    this.birthProvinces = new WeightedTable(Object.entries(s.birthProvince.elsewhere));
    this.linesPerAdult = new WeightedTable(s.linesPerAdult);
    this.carriers = WeightedTable.fromRecord(s.carrierShares);
    this.nationalities = new WeightedTable(s.foreigners.nationalities.map((n) => [n, n.weight] as const));
    const drawn = Object.entries(s.problemShares) as [DrawnProblem, number][];
    const problemTotal = drawn.reduce((sum, [, share]) => sum + share, 0);
    if (problemTotal > 1) throw new RangeError('demo problem shares add up to more than 1');
    this.problems = new WeightedTable<DrawnProblem | null>([...drawn, [null, 1 - problemTotal]]);

    const prefixes = reference.data.carrierPrefixes;
    const carriers = Object.keys(s.carrierShares) as Carrier[];
    this.ownPrefixes = new Map(carriers.map((c) => [c, prefixes.filter((p) => p.carrier === c).map((p) => p.prefix)]));
    this.portedPrefixes = new Map(carriers.map((c) => [c, prefixes.filter((p) => p.carrier !== c).map((p) => p.prefix)]));
    const missing = carriers.filter((c) => this.ownPrefixes.get(c)?.length === 0);
    if (missing.length > 0) throw new Error(`no number prefix for carrier(s) ${missing.join(', ')}`);
    this.otherFormerProvinces = new Map(
      s.formerProvinces.map((p) => [p.idCode, s.formerProvinces.filter((o) => o !== p).map((o) => o.idCode)]),
    );

    this.nowMs = Date.parse(s.referenceNow);
    this.nowDay = Math.floor(this.nowMs / DAY_MS);
    this.createdAt = isoInstant(this.nowMs);
    this.earliestLineMs = Date.parse(s.registration.earliest);
    this.faceCheckMs = Date.parse(s.verification.faceCheckAtRegistrationFrom);
    this.earliestDeathMs = Date.parse(s.deceased.earliest);
  }

  /** The rows in batches of about `batchLines` lines (a holder's lines stay in one batch). */
  *batches(batchLines = DEFAULT_BATCH_LINES): Generator<DemoBatch> {
    if (this.started) throw new Error('a DemoRowGenerator can be iterated only once');
    this.started = true;
    let batch: DemoBatch = { citizens: [], subscribers: [], planted: [], linesDone: 0 };
    while (this.linesDone < this.request.lines) {
      if (this.random.chance(this.settings.foreigners.shareOfPeople)) this.foreigner(batch);
      else this.citizen(batch);
      if (batch.subscribers.length >= batchLines) {
        batch.linesDone = this.linesDone;
        yield batch;
        batch = { citizens: [], subscribers: [], planted: [], linesDone: 0 };
      }
    }
    if (batch.citizens.length > 0 || batch.subscribers.length > 0) {
      batch.linesDone = this.linesDone;
      yield batch;
    }
  }

  private citizen(batch: DemoBatch): void {
    const r = this.random;
    const s = this.settings;
    const home = this.homes.draw(r);
    const sex: Sex = r.chance(s.maleShare) ? 'male' : 'female';
    const band = this.ageBands.draw(r);
    const age = r.int(band.from, band.to);
    const { year, month, day } = civilFromDays(this.nowDay - Math.floor(age * DAYS_PER_YEAR) - r.int(0, 364));
    const origin: NameOrigin = r.chance(home.khmerShare) ? 'khmer' : r.chance(home.hoaShare) ? 'hoa' : 'kinh';
    const birthProvince = this.birthProvince(home);
    const birth = this.birthOnRecord(year, month, day);
    const personalId = this.ids.personalId(birthProvince, sex, year);
    const legacyCmnd =
      year <= s.legacyCmnd.bornUpTo && r.chance(s.legacyCmnd.share) ? this.ids.legacyCmnd(home.formerProvince.cmndPrefix) : null;
    const name = this.names.generate(r, sex, origin);
    const linesFromMs = Math.max(this.earliestLineMs, Date.UTC(year + s.minLineAge, month - 1, day) - VIETNAM_OFFSET_MS);

    let ownLines = age >= s.minLineAge ? this.ownLineCount() : 0;
    let deceasedMs: number | null = null;
    let simFarm = false;
    let organisationLines = 0;
    if (ownLines > 0 && age >= s.deceased.fromAge && r.chance(s.deceased.shareOfHoldersFromAge)) {
      const from = Math.max(this.earliestDeathMs, linesFromMs + 30 * DAY_MS);
      deceasedMs = from + r.float() * (this.nowMs - DAY_MS - from);
    } else if (ownLines > 0 && r.chance(s.simFarm.sharePerHolder)) {
      simFarm = true;
      ownLines = r.int(s.simFarm.minLines, s.simFarm.maxLines);
    } else if (ownLines > 0 && r.chance(s.organisation.sharePerHolder)) {
      organisationLines = r.int(s.organisation.minLines, s.organisation.maxLines);
    }

    const holder: Holder = {
      foreign: false,
      document: personalId,
      legacyCmnd,
      name,
      birth,
      birthDate: formatBirthDate(birth),
      sex,
      communeCode: home.code,
      linesFromMs,
      deceasedMs,
    };
    const deceasedOn = deceasedMs === null ? null : vietnamDate(deceasedMs);
    batch.citizens.push([
      personalId,
      legacyCmnd,
      name.fullName,
      name.nameKey,
      holder.birthDate,
      birth.precision,
      sex,
      birthProvince,
      home.code,
      'VN',
      deceasedOn,
      r.uint32(),
    ]);
    this.summary.citizens++;
    if (deceasedOn !== null) this.summary.deceasedCitizens++;
    if (simFarm) this.summary.simFarms++;
    this.emitLines(batch, holder, simFarm ? 'sim_farm' : 'personal', ownLines, organisationLines);
    this.rememberId(personalId, holder.name.nameKey);
  }

  private foreigner(batch: DemoBatch): void {
    const r = this.random;
    const s = this.settings;
    const nationality = this.nationalities.draw(r);
    const home = this.foreignHomes.draw(r);
    const sex: Sex = r.chance(s.maleShare) ? 'male' : 'female';
    const birth: BirthDate = { precision: 'day', ...civilFromDays(this.nowDay - r.int(20 * 365, 70 * 365)) };
    const passport = this.ids.passport(nationality.passportLetter);
    const fullName = `${r.pick(nationality.familyNames)} ${r.pick(nationality.givenNames)}`;
    const holder: Holder = {
      foreign: true,
      document: passport,
      legacyCmnd: null,
      name: { fullName, otherStyle: fullName, nameKey: canonicalName(fullName) },
      birth,
      birthDate: formatBirthDate(birth),
      sex,
      communeCode: home.code,
      linesFromMs: Math.max(this.earliestLineMs, this.nowMs - 5 * 365 * DAY_MS),
      deceasedMs: null,
    };
    // The simulator keys foreigners by passport; the birth "province" is the country (docs/domain.md, "Identity documents").
    batch.citizens.push([
      passport,
      null,
      fullName,
      holder.name.nameKey,
      holder.birthDate,
      'day',
      sex,
      nationality.code,
      home.code,
      nationality.code,
      null,
      r.uint32(),
    ]);
    this.summary.citizens++;
    this.summary.foreigners++;
    this.emitLines(batch, holder, 'personal', r.int(1, s.foreigners.maxLines), 0);
  }

  private emitLines(batch: DemoBatch, holder: Holder, kind: LineKind, ownLines: number, organisationLines: number): void {
    const total = Math.min(ownLines + organisationLines, this.request.lines - this.linesDone);
    if (total === 0) return;
    this.summary.holders++;
    let imei: string | null = null;
    for (let i = 0; i < total; i++) {
      const lineKind: LineKind = i < ownLines ? kind : 'organisation';
      const reuseHandset = i > 0 && imei !== null && this.random.chance(this.settings.imei.sameHandsetShare);
      imei = this.line(batch, holder, lineKind, reuseHandset ? imei : this.newImei());
    }
    this.linesDone += total;
  }

  /** Writes one line; returns its IMEI so the holder's next line may sit in the same handset. */
  private line(batch: DemoBatch, holder: Holder, kind: LineKind, imei: string | null): string | null {
    const r = this.random;
    const s = this.settings;
    const carrier = this.carriers.draw(r);
    const ported = r.chance(s.portedShare);
    const prefix = r.pick((ported ? this.portedPrefixes : this.ownPrefixes).get(carrier) as readonly string[]);
    const msisdn = this.ids.msisdn(prefix);
    const lineClass: LineClass =
      kind === 'sim_farm'
        ? 'h2h'
        : r.chance(kind === 'organisation' ? s.organisation.nonH2hShare : s.nonH2hShare)
          ? 'non_h2h'
          : 'h2h';
    const holderKind: HolderKind = kind === 'organisation' ? 'organisation' : holder.foreign ? 'foreigner' : 'citizen';

    const planted = this.plant(holder, kind);
    let latestMs = this.nowMs;
    // A data error predates face checks at registration: such lines were registered before them.
    if (planted && planted.problem !== 'sim_farm') latestMs = Math.min(latestMs, this.faceCheckMs);
    if (holder.deceasedMs !== null) latestMs = Math.min(latestMs, holder.deceasedMs);
    const registeredMs = this.registrationTime(holder.linesFromMs, latestMs);

    // The other tone-mark style is the same name: only a planted name needs a key of its own.
    const fullName =
      planted?.fullName ?? (r.chance(s.names.lineToneStyleFlipShare) ? holder.name.otherStyle : holder.name.fullName);
    const nameKey = planted?.fullName === undefined ? holder.name.nameKey : canonicalName(fullName);
    const birth = planted?.birth ?? holder.birth;
    const verifiedMs = planted ? null : this.verificationTime(registeredMs);
    const verificationState: VerificationState = verifiedMs === null ? 'unverified' : 'verified';

    batch.subscribers.push([
      msisdn,
      carrier,
      lineClass,
      holderKind,
      planted?.documentType ?? (holder.foreign ? 'passport' : 'personal_id'),
      planted?.documentNumber ?? holder.document,
      fullName,
      nameKey,
      birth === holder.birth ? holder.birthDate : formatBirthDate(birth),
      birth.precision,
      holder.sex,
      holder.communeCode,
      imei,
      isoInstant(registeredMs),
      verificationState,
      verifiedMs === null ? null : isoInstant(verifiedMs),
      'none',
      this.createdAt,
      this.createdAt,
    ]);
    if (planted) {
      batch.planted.push([msisdn, planted.problem, JSON.stringify(planted.details)]);
      this.summary.planted[planted.problem]++;
    }
    const summary = this.summary;
    summary.lines++;
    summary.byCarrier[carrier]++;
    summary.byLineClass[lineClass]++;
    summary.byHolderKind[holderKind]++;
    summary.byVerificationState[verificationState]++;
    if (ported) summary.ported++;
    return imei;
  }

  /** The problem planted on a line, or null for a correct line (one problem per line at most). */
  private plant(holder: Holder, kind: LineKind): Planted | null {
    const personalId = holder.document;
    if (holder.deceasedMs !== null) return { problem: 'deceased', details: { personalId, deceasedOn: vietnamDate(holder.deceasedMs) } };
    if (kind === 'sim_farm') return { problem: 'sim_farm', details: { personalId } };
    if (kind !== 'personal' || holder.foreign) return null;
    const problem = this.problems.draw(this.random);
    // A person who could only register after face checks began cannot carry a data error.
    if (problem === null || holder.linesFromMs >= this.faceCheckMs) return null;
    const trueName = holder.name.fullName;
    const trueBirthDate = holder.birthDate;
    switch (problem) {
      case 'cmnd9':
        return holder.legacyCmnd === null
          ? null
          : { problem, documentType: 'cmnd9', documentNumber: holder.legacyCmnd, details: { personalId, legacyCmnd: holder.legacyCmnd } };
      case 'name_typo': {
        const fullName = misspellName(trueName, this.random);
        return { problem, fullName, details: { personalId, trueName, registeredName: fullName } };
      }
      case 'name_no_diacritics': {
        const fullName = withoutDiacritics(trueName);
        return fullName === null ? null : { problem, fullName, details: { personalId, trueName, registeredName: fullName } };
      }
      case 'birth_date_swapped': {
        const birth = swapDayAndMonth(holder.birth);
        return birth === null
          ? null
          : { problem, birth, details: { personalId, trueBirthDate, registeredBirthDate: formatBirthDate(birth) } };
      }
      case 'birth_date_wrong': {
        const birth = wrongBirthDate(holder.birth, this.random);
        return { problem, birth, details: { personalId, trueBirthDate, registeredBirthDate: formatBirthDate(birth) } };
      }
      case 'other_person_id': {
        // Only someone with another name: a namesake's ID would look like a wrong birth date, and
        // detection could not tell the two plants apart.
        const other = this.recentIds.length > 0 ? this.random.pick(this.recentIds) : null;
        return other === null || other.id === personalId || other.nameKey === holder.name.nameKey
          ? null
          : { problem, documentNumber: other.id, details: { personalId, registeredId: other.id } };
      }
    }
  }

  /** The birth date as the civil record holds it: older people's records may lack the day or month. */
  private birthOnRecord(year: number, month: number, day: number): BirthDate {
    const { yearOnlyBornBefore, yearOnlyShare, monthOnlyBornBefore, monthOnlyShare } = this.settings.birthPrecision;
    if (year < yearOnlyBornBefore && this.random.chance(yearOnlyShare)) return { precision: 'year', year };
    if (year < monthOnlyBornBefore && this.random.chance(monthOnlyShare)) return { precision: 'month', year, month };
    return { precision: 'day', year, month, day };
  }

  private ownLineCount(): number {
    const { heavyUserTail } = this.settings;
    if (this.random.chance(heavyUserTail.share)) return this.random.int(heavyUserTail.minLines, heavyUserTail.maxLines);
    return this.linesPerAdult.draw(this.random);
  }

  private birthProvince(home: UnitProfile): string {
    const { sameFormerProvince, otherFormerProvince } = this.settings.birthProvince;
    const u = this.random.float();
    if (u < sameFormerProvince) return home.formerProvince.idCode;
    const others = this.otherFormerProvinces.get(home.formerProvince.idCode) ?? [];
    if (u < sameFormerProvince + otherFormerProvince && others.length > 0) return this.random.pick(others);
    return this.birthProvinces.draw(this.random);
  }

  /** A registration instant in [fromMs, toMs), skewed to recent dates, during local opening hours. */
  private registrationTime(fromMs: number, toMs: number): number {
    const { recencySkew, localHours } = this.settings.registration;
    const [openHour, closeHour] = localHours;
    const instant = fromMs + this.random.float() ** recencySkew * Math.max(0, toMs - fromMs);
    const localMidnight = Math.floor((instant + VIETNAM_OFFSET_MS) / DAY_MS) * DAY_MS - VIETNAM_OFFSET_MS;
    const seconds = openHour * 3600 + this.random.int(0, (closeHour - openHour) * 3600 - 1);
    const clamped = Math.min(Math.max(localMidnight + seconds * 1000, fromMs), toMs - 1000);
    return Math.floor(clamped / 1000) * 1000;
  }

  /** When a correct line was verified before the campaign, or null if it never was. */
  private verificationTime(registeredMs: number): number | null {
    const r = this.random;
    if (registeredMs >= this.faceCheckMs) return Math.min(registeredMs + r.int(60, 1800) * 1000, this.nowMs);
    if (!r.chance(this.settings.verification.verifiedBeforeCampaignShare)) return null;
    return this.faceCheckMs + Math.floor(r.float() * ((this.nowMs - this.faceCheckMs) / 1000)) * 1000;
  }

  private newImei(): string | null {
    return this.random.chance(this.settings.imei.unknownShare) ? null : this.imeis.next(this.random);
  }

  private rememberId(id: string, nameKey: string): void {
    if (this.recentIds.length < RECENT_IDS) this.recentIds.push({ id, nameKey });
    else this.recentIds[this.random.int(0, RECENT_IDS - 1)] = { id, nameKey };
  }
}

/** The calendar date (`YYYY-MM-DD`) of an instant in Vietnam (UTC+7). */
function vietnamDate(ms: number): string {
  return isoDate(Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS));
}
