/**
 * The mark `extract.ts` appends to a table row's section when the table totals to a score
 * ("**Overall Score** | 59% | 94%"): every row's percentage is then a self-assessed score.
 * @module
 */

/** Appended to the first column's header of a table of scores. */
export const SCORE_TABLE = "(table of scores)";
