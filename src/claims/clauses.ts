/**
 * The structure of one sentence: its label ("**Test Coverage**: 95.5%"), its clauses (split at
 * `;` and table-cell bars) with their parenthesised sub-clauses, and the comma/dash pieces of each.
 * Every part is a copy of the sentence with everything outside the part blanked, so indices found
 * in a part are indices in the sentence.
 * @module
 */

/** A half-open range of a sentence. */
export interface Span {
  start: number;
  end: number;
}

/** A clause of a sentence: its text (blanked outside), pieces, and the clause it is nested in. */
export interface Clause extends Span {
  /** The sentence with every character outside this clause (and its nested parentheses) blanked. */
  text: string;
  /** Comma-, dash- and bar-separated ranges of the clause. */
  pieces: Span[];
  /** For a parenthesised clause, the clause around it. */
  parent?: Clause;
}

/** A sentence taken apart. */
export interface Structure {
  /** The label before the first colon or dash, if the sentence opens with a short one. */
  label?: Span;
  clauses: Clause[];
}

const URL = /\b(?:https?|ftp):\/\/\S+/g;
const QUOTED = /"[^"\n]*"|“[^”\n]*”/g;

function blank(text: string): string {
  return text.replace(/[^\n]/g, " ");
}

/** The sentence with URLs and quoted strings blanked: quoted words are someone else's. */
export function maskQuotes(text: string): string {
  return text.replace(URL, blank).replace(QUOTED, blank);
}

/** `text` with the given ranges blanked. */
export function maskRanges(text: string, ranges: ReadonlyArray<readonly [number, number]>): string {
  let out = text;
  for (const [start, end] of ranges) {
    out = out.slice(0, start) + blank(out.slice(start, end)) + out.slice(end);
  }
  return out;
}

function keep(text: string, span: Span): string {
  return blank(text.slice(0, span.start)) + text.slice(span.start, span.end) +
    blank(text.slice(span.end));
}

/** A short label ending in a colon or a dash at the start of the sentence: at most six words. */
function findLabel(flat: string): Span | undefined {
  const colon = /^([^:]{1,60}?):(?!\/\/|\d)/.exec(flat);
  const dash = /^(.{1,60}?)\s[-–—→]\s/.exec(flat);
  const match = colon ?? dash;
  if (match === null) return undefined;
  const words = (match[1] as string).trim().split(/\s+/).filter((w) => /\w/.test(w));
  if (words.length === 0 || words.length > 6) return undefined;
  return { start: 0, end: (match[1] as string).length };
}

/** Ranges of the top-level parenthesised groups of `flat`, without the brackets. */
function parenGroups(flat: string): Span[] {
  const groups: Span[] = [];
  let depth = 0;
  let open = 0;
  for (let i = 0; i < flat.length; i++) {
    if (flat[i] === "(") {
      if (depth === 0) open = i;
      depth++;
    } else if (flat[i] === ")" && depth > 0) {
      depth--;
      if (depth === 0) groups.push({ start: open + 1, end: i });
    }
  }
  return groups;
}

/** `flat` split at `separator` within `span`, leaving out parts that are blank in `content`. */
function splitAt(flat: string, span: Span, separator: RegExp, content = flat): Span[] {
  const parts: Span[] = [];
  let start = span.start;
  const slice = flat.slice(span.start, span.end);
  for (const m of slice.matchAll(separator)) {
    const at = span.start + m.index;
    parts.push({ start, end: at });
    start = at + m[0].length;
  }
  parts.push({ start, end: span.end });
  return parts.filter((p) => content.slice(p.start, p.end).trim() !== "");
}

const CLAUSE_SEPARATOR = /;\s|\s\|\s/g;
const PIECE_SEPARATOR = /,\s|\s[-–—→]\s|\s\|\s/g;

/**
 * Take a sentence apart. `flat` is the sentence with code spans blanked (so brackets and commas in
 * code do not split it); `text` is the sentence the parts copy from.
 */
export function structure(text: string, flat: string): Structure {
  const groups = parenGroups(flat);
  const outside = flat.replace(/\([^()]*\)/g, blank);
  const clauses: Clause[] = [];
  // A clause of inline code only ("`pkg/a.py` (1,079 lines)") is a clause: emptiness is read from `text`.
  const content = text.replace(/\([^()]*\)/g, blank);
  for (const range of splitAt(outside, { start: 0, end: flat.length }, CLAUSE_SEPARATOR, content)) {
    const own = groups.filter((g) => g.start > range.start && g.end <= range.end);
    const brackets = own.map((g) => [g.start - 1, g.end + 1] as const);
    const main: Clause = {
      ...range,
      text: maskRanges(keep(text, range), brackets),
      pieces: splitAt(outside, range, PIECE_SEPARATOR),
    };
    clauses.push(main);
    for (const group of own) {
      clauses.push({
        ...group,
        text: keep(text, group),
        pieces: splitAt(flat, group, PIECE_SEPARATOR),
        parent: main,
      });
    }
  }
  const label = findLabel(outside);
  return label === undefined ? { clauses } : { label, clauses };
}
