import { InvalidArgumentError } from 'commander';
import { parseCalendarDay } from '../domain/index.ts';

/** Parses a positive integer option, with a message commander prints on failure. */
export function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) <= 0 || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError(`cần một số nguyên dương, nhận được "${value}"`);
  }
  return Number(value);
}

/** Parses an integer option (seeds may be zero or negative). */
export function integer(value: string): number {
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError(`cần một số nguyên, nhận được "${value}"`);
  }
  return Number(value);
}

/** Collects a repeatable option (`--commune 30292 --commune 30301`). */
export function repeatable(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Parses an option that takes one of `choices` (a role). */
export function oneOf<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(choices as readonly string[]).includes(value)) throw new InvalidArgumentError(`cần một trong ${choices.join(', ')}; nhận được "${value}"`);
    return value as T;
  };
}

/** Parses a calendar day option written YYYY-MM-DD, a day that exists. */
export function calendarDay(value: string): string {
  if (parseCalendarDay(value.trim()) === null) throw new InvalidArgumentError(`cần một ngày có thật dạng YYYY-MM-DD, nhận được "${value}"`);
  return value.trim();
}
