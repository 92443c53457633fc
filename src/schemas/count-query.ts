/**
 * The `by=a,b` query parameter of the count endpoints (target groups, self-checks): which
 * dimensions to group by, validated against the endpoint's own list.
 */
import { z } from 'zod';

/** The zod schema of an optional comma-separated list drawn from `dimensions`. */
export function dimensionListParam(dimensions: readonly string[], defaults: readonly string[]) {
  const item = `(${dimensions.join('|')})`;
  return z
    .string()
    .regex(new RegExp(`^${item}(,${item})*$`), `cần danh sách cách nhau bởi dấu phẩy gồm ${dimensions.join(', ')}`)
    .optional()
    .describe(`Đếm theo (cách nhau bởi dấu phẩy): ${dimensions.join(', ')}; mặc định ${defaults.join(',')}`);
}

/** The dimensions asked for, each once, in the order given; `defaults` when none were. */
export function readDimensions<D extends string>(by: string | undefined, defaults: readonly D[]): D[] {
  if (by === undefined) return [...defaults];
  // The schema has checked every item against the list.
  return [...new Set(by.split(',') as D[])];
}
