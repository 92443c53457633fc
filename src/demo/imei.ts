/** Handset identities (IMEI) for the demo's lines. */
import { luhnCheckDigit } from '../domain/luhn.ts';
import { WeightedTable, type Random } from './random.ts';

/**
 * Draws 15-digit IMEIs: an 8-digit type allocation code (its first two digits from the weighted
 * prefixes), a 6-digit serial and the Luhn check digit, as on a real handset.
 */
export class ImeiGenerator {
  private readonly prefixes: WeightedTable<string>;

  constructor(tacPrefixes: readonly (readonly [string, number])[]) {
    this.prefixes = new WeightedTable(tacPrefixes);
  }

  next(random: Random): string {
    const prefix = this.prefixes.draw(random);
    const tacRest = String(random.int(0, 10 ** (8 - prefix.length) - 1)).padStart(8 - prefix.length, '0');
    const serial = String(random.int(0, 999_999)).padStart(6, '0');
    const body = prefix + tacRest + serial;
    return body + String(luhnCheckDigit(body));
  }
}
