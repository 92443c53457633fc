/**
 * Realistic Vietnamese full names for the demo: Kinh names (surname, middle name, given name),
 * Khmer names (`Chau …`, `Néang …`, often without a middle name) and Chinese-origin names with
 * several given syllables, each in the new (`Hòa`) or old (`Hoà`) tone-mark style.
 */
import { canonicalName, type Sex } from '../domain/index.ts';
import {
  GIVEN_NAMES,
  HOA_GIVEN_SYLLABLES,
  HOA_SURNAMES,
  KHMER_GIVEN,
  KHMER_LEADS,
  KINH_SURNAMES,
  MIDDLE_NAMES,
} from './name-pools.ts';
import { WeightedTable, type Random } from './random.ts';
import type { DemoSettings } from './settings.ts';

export type NameOrigin = 'kinh' | 'khmer' | 'hoa';

/** A name in the style the person's records use, the same name in the other tone-mark style, and its key. */
export interface GeneratedName {
  fullName: string;
  otherStyle: string;
  /** `canonicalName(fullName)` (equal for both styles). */
  nameKey: string;
}

/**
 * A name part in both tone-mark styles (identical for most parts) and its canonical form: the
 * canonical form works word by word, so a full name's key is its parts' keys joined by spaces —
 * computed once per pool entry instead of once per person.
 */
type StyledPart = readonly [newStyle: string, oldStyle: string, key: string];

/**
 * The old tone-mark placement of one syllable: in a final `oa`, `oe` or `uy` the mark moves from the
 * first vowel to the second (`Hòa` → `Hoà`, `Thủy` → `Thuỷ`, `Khỏe` → `Khoẻ`). Other syllables are
 * returned unchanged. `qu` + `y` already carries the mark on `y` (`Quý`).
 */
export function toOldToneStyle(syllable: string): string {
  const decomposed = syllable.normalize('NFD');
  const match = /([oO])([\u0300\u0301\u0303\u0309\u0323])([aAeE])$|([uU])([\u0300\u0301\u0303\u0309\u0323])([yY])$/.exec(decomposed);
  if (!match) return syllable;
  if (match[4] && /[qQ]$/.test(decomposed.slice(0, match.index))) return syllable;
  const [first, mark, second] = match[1] ? [match[1], match[2], match[3]] : [match[4], match[5], match[6]];
  return (decomposed.slice(0, match.index) + first + second + mark).normalize('NFC');
}

function styled(part: string): StyledPart {
  return [part, part.split(' ').map(toOldToneStyle).join(' '), canonicalName(part)];
}

function styledTable(pool: readonly (readonly [string, number])[]): WeightedTable<StyledPart> {
  return new WeightedTable(pool.map(([part, weight]) => [styled(part), weight] as const));
}

/** Draws full names from the weighted pools in `name-pools.ts`, shaped by the settings. */
export class NameGenerator {
  private readonly kinhSurnames = styledTable(KINH_SURNAMES);
  private readonly hoaSurnames = styledTable(HOA_SURNAMES);
  private readonly middle = { male: styledTable(MIDDLE_NAMES.male), female: styledTable(MIDDLE_NAMES.female) };
  private readonly given = { male: styledTable(GIVEN_NAMES.male), female: styledTable(GIVEN_NAMES.female) };
  private readonly khmerLeads = { male: styledTable(KHMER_LEADS.male), female: styledTable(KHMER_LEADS.female) };
  private readonly khmerGiven = { male: styledTable(KHMER_GIVEN.male), female: styledTable(KHMER_GIVEN.female) };
  private readonly hoaGiven = {
    male: HOA_GIVEN_SYLLABLES.male.map(styled),
    female: HOA_GIVEN_SYLLABLES.female.map(styled),
  };
  private readonly hoaGivenCount: WeightedTable<number>;

  constructor(private readonly settings: DemoSettings['names']) {
    this.hoaGivenCount = new WeightedTable(settings.hoaGivenSyllables);
  }

  generate(random: Random, sex: Sex, origin: NameOrigin): GeneratedName {
    const parts = this.parts(random, sex, origin);
    const oldStyle = random.chance(this.settings.oldToneStyleShare);
    // Plain concatenation: this runs for every person, and map/join would allocate three arrays.
    let newName = parts[0]?.[0] ?? '';
    let oldName = parts[0]?.[1] ?? '';
    let nameKey = parts[0]?.[2] ?? '';
    for (let i = 1; i < parts.length; i++) {
      const part = parts[i] as StyledPart;
      newName += ' ' + part[0];
      oldName += ' ' + part[1];
      nameKey += ' ' + part[2];
    }
    return oldStyle ? { fullName: oldName, otherStyle: newName, nameKey } : { fullName: newName, otherStyle: oldName, nameKey };
  }

  private parts(random: Random, sex: Sex, origin: NameOrigin): StyledPart[] {
    switch (origin) {
      case 'khmer': {
        const parts = [this.khmerLeads[sex].draw(random), this.khmerGiven[sex].draw(random)];
        if (random.chance(this.settings.khmerMiddleNameShare)) parts.splice(1, 0, this.middle[sex].draw(random));
        return parts;
      }
      case 'hoa': {
        const parts = [this.hoaSurnames.draw(random)];
        if (random.chance(this.settings.hoaMiddleNameShare)) parts.push(this.middle[sex].draw(random));
        const pool = this.hoaGiven[sex];
        const count = this.hoaGivenCount.draw(random);
        const start = random.int(0, pool.length - 1);
        // Entries a fixed stride apart (coprime with the pool sizes): distinct syllables without retries.
        for (let i = 0; i < count; i++) parts.push(pool[(start + i * 7) % pool.length] as StyledPart);
        return parts;
      }
      case 'kinh': {
        const middle = this.middle[sex].draw(random);
        const parts = [this.kinhSurnames.draw(random), middle];
        if (random.chance(this.settings.secondMiddleNameShare)) {
          const second = this.middle[sex].draw(random);
          if (second[0] !== middle[0]) parts.push(second);
        }
        parts.push(this.given[sex].draw(random));
        return parts;
      }
    }
  }
}
