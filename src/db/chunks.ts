/**
 * `items` in consecutive slices of at most `size`, in order: one statement per slice keeps a batch
 * under the drivers' limits on bound parameters (SQLite 32,766, PostgreSQL 65,535) and the planner's
 * comfort with long `in` lists.
 */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
