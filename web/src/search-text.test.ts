import { expect, it } from 'vitest';
import { textMatches } from './search-text.ts';

it('finds a Vietnamese name typed without diacritics, in any case, or with them', () => {
  expect(textMatches('Phường Long Xuyên', 'long xuyen')).toBe(true);
  expect(textMatches('Xã Định Mỹ', 'DINH MY')).toBe(true);
  expect(textMatches('Xã Định Mỹ', 'Định')).toBe(true);
  expect(textMatches('Xã Định Mỹ', 'Mỹ Hòa')).toBe(false);
});
