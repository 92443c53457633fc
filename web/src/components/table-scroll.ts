/**
 * How the staff pages' tables scroll: at least this wide, so a phone scrolls them inside the page
 * rather than squeezing every column; as wide as the page beyond that, so on a screen the cells
 * wrap (a row's buttons, a long reason) instead of pushing the table past the page's edge, as
 * `x: 'max-content'` did.
 */
export const TABLE_SCROLL = { x: 960 } as const;
