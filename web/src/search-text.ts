/** Finding a Vietnamese name by what was typed: with or without diacritics, in any case ("long xuyen" finds "Long Xuyên"). */
import { stripDiacritics } from '../../src/domain/diacritics.ts';

const folded = (text: string) => stripDiacritics(text).toLowerCase();

export function textMatches(text: string, typed: string): boolean {
  return folded(text).includes(folded(typed.trim()));
}

/** Ant Design Select's `showSearch` for options whose label is their name. */
export const NAME_SEARCH = {
  filterOption: (typed: string, option?: { label?: unknown }) => typeof option?.label === 'string' && textMatches(option.label, typed),
};
