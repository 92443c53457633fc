/** The Luhn (mod 10) check digit, as used in the 15th digit of an IMEI. */

/** The check digit that makes `digits` + digit pass the Luhn check. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  // Doubling starts at the rightmost payload digit, the one next to the check digit.
  let double = true;
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new RangeError(`not a digit string: "${digits}"`);
    if (double) sum += d < 5 ? d * 2 : d * 2 - 9;
    else sum += d;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the digit string ends with its correct Luhn check digit. */
export function isLuhnValid(number: string): boolean {
  if (!/^\d{2,}$/.test(number)) return false;
  return luhnCheckDigit(number.slice(0, -1)) === number.charCodeAt(number.length - 1) - 48;
}
