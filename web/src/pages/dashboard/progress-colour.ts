/**
 * One scale of colours for a share of target lines verified, for the map and the table alike (the
 * browser test holds them equal): four bands, and grey for a commune without target lines, whose
 * share is unknown rather than 0%.
 */
export const UNKNOWN_COLOUR = '#d9d9d9';

export const PROGRESS_BANDS = [
  { below: 0.25, colour: '#cf1322', legend: 'below25' },
  { below: 0.5, colour: '#fa8c16', legend: 'below50' },
  { below: 0.75, colour: '#fadb14', legend: 'below75' },
  { below: Infinity, colour: '#389e0d', legend: 'upTo100' },
] as const;

export function progressColour(share: number | null): string {
  if (share === null) return UNKNOWN_COLOUR;
  return (PROGRESS_BANDS.find((b) => share < b.below) ?? PROGRESS_BANDS[3]).colour;
}
