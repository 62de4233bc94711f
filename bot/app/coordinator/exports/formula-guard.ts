// Formula injection (CSV injection): Excel evaluates a cell whose text starts with =, +, - or @
// as a formula, and it finds that sign also behind what it trims first (a space, a tab, a line
// feed, a carriage return) and in its full-width forms (＝ ＋ － ＠, which an IME types and Excel
// folds to the ASCII signs). A leading apostrophe makes Excel show the text as typed instead.

/** A character that, first in a cell, may start a formula in Excel. */
export const FORMULA_LEAD = '[=+\\-@ \\t\\n\\r\\uFF1D\\uFF0B\\uFF0D\\uFF20]';

const STARTS_LIKE_FORMULA = new RegExp(`^${FORMULA_LEAD}`);

/** True when Excel could read the text, first in a cell, as a formula. */
export function startsLikeFormula(text: string): boolean {
  return STARTS_LIKE_FORMULA.test(text);
}

/** The text as Excel shows it typed: an apostrophe before one that could start a formula. */
export function guardFormula(text: string): string {
  return startsLikeFormula(text) ? `'${text}` : text;
}
