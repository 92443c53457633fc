/** Reading a span of demo time such as `7d`, `12h`, `1d12h` or `30m` (`tttb demo clock advance`). */

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;
const WHOLE = /^(?:\d{1,5}[dhm])+$/;
const PART = /(\d{1,5})([dhm])/g;

/** The span in milliseconds, or null when `text` is not one or more `<number><d|h|m>` (spaces and case ignored). */
export function parseDuration(text: string): number | null {
  const compact = text.replace(/\s+/g, '').toLowerCase();
  if (!WHOLE.test(compact)) return null;
  let ms = 0;
  for (const [, amount, unit] of compact.matchAll(PART)) ms += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  return ms > 0 ? ms : null;
}
