/**
 * What every rule reads: the sentence, the clause that passed the guards, its label and
 * quantities; and the helpers rules share to find the noun a value belongs to.
 * @module
 */
import type { Claim } from "../claim.ts";
import type { Clause, Span } from "../clauses.ts";
import type { Quantity } from "../quantity.ts";

/** A claim before it has a file and line: `index` is where it was read in the sentence. */
export type Draft = Omit<Claim, "file" | "line" | "text"> & { index: number };

/** One sentence (or heading, table row, or line of captured output) and where it stands. */
export interface Sentence {
  /** The text with markup removed; inline code is kept as its content. */
  text: string;
  /** Ranges of `text` that were inline code. */
  codeSpans: ReadonlyArray<readonly [number, number]>;
  /** Ranges of `text` that were the text of links to other sites. */
  externalSpans: ReadonlyArray<readonly [number, number]>;
  /** Links into the repository: where each link's text starts, and its target as written. */
  links: ReadonlyArray<{ index: number; url: string }>;
  /** A checked task item. */
  done: boolean;
  /** Inside a plan scope ("Next Steps", "Roadmap", …). */
  plan: boolean;
  heading: boolean;
  /**
   * From reference documentation (a README), which names files to explain their use: files are
   * claims only where the sentence is checked off, opens with the name, as a listing does, or
   * points to it ("The status is tracked in STATUS.md").
   */
  reference: boolean;
  /**
   * The headings above the sentence, outermost first, one per line; for a table row, then the
   * header of its first column ("Module" in a table of modules).
   */
  section: string;
  /** For a line of captured output in a code block: its heading and the block's commands. */
  outputContext?: string;
}

/** What one rule reads: a clause that passed the guards, and what surrounds it. */
export interface Scope {
  sentence: Sentence;
  /** The sentence with quotes and URLs blanked. */
  masked: string;
  clause: Clause;
  /** The sentence's label ("Test Coverage"), or "". */
  label: string;
  labelEnd: number;
  quantities: Quantity[];
}

/** A rule reads claims from one clause. */
export type Rule = (scope: Scope) => Draft[];

// ---------------------------------------------------------------------------------------------
// helpers

function blankOutside(text: string, span: Span): string {
  return " ".repeat(span.start) + text.slice(span.start, span.end) +
    " ".repeat(Math.max(0, text.length - span.end));
}

/** The metric of the noun nearest to `at` in `text`, if any noun matches. */
export function nearest(
  nouns: ReadonlyArray<readonly [RegExp, string]>,
  text: string,
  at: number,
): string | undefined {
  let best: { distance: number; metric: string } | undefined;
  for (const [pattern, metric] of nouns) {
    for (const m of text.matchAll(pattern)) {
      const end = m.index + m[0].length;
      const distance = m.index >= at ? m.index - at : Math.max(0, at - end);
      if (best === undefined || distance < best.distance) best = { distance, metric };
    }
  }
  return best?.metric;
}

/** The piece of the clause holding `at`. */
export function pieceText(scope: Scope, at: number): string {
  const piece = scope.clause.pieces.find((p) => at >= p.start && at < p.end) ?? scope.clause;
  return blankOutside(scope.clause.text, piece);
}

/**
 * The noun for a value: in its piece, else earlier in its clause ("p50 latency 12 ms, p95 31 ms"),
 * else in the clause around a parenthesis, else the label.
 */
export function nounFor(
  nouns: ReadonlyArray<readonly [RegExp, string]>,
  scope: Scope,
  at: number,
): string | undefined {
  return nearest(nouns, pieceText(scope, at), at) ??
    nearest(nouns, scope.clause.text.slice(0, at), at) ??
    (scope.clause.parent === undefined
      ? undefined
      : nearest(nouns, scope.clause.parent.text, at)) ??
    nearest(nouns, scope.label, at);
}

/** The text a clause is read in: itself, its label, its parent clause and its code block. */
export function surroundings(scope: Scope): string {
  return [
    scope.clause.text,
    scope.label,
    scope.clause.parent?.text ?? "",
    scope.sentence.outputContext ?? "",
  ].join("\n");
}

/** Words showing that tests are the topic. */
export const TEST_CONTEXT = /\b(tests?|testing|pytest|unittest|jest|vitest|mocha|suite|specs?)\b/i;
/** Words showing that tests or a validation run are the topic (for success rates). */
export const VALIDATION_CONTEXT = /\b(tests?|testing|pytest|suite|validat\w*)\b/i;

/** A count value with its comparator and unit. */
export function count(value: number, comparator: Draft["comparator"] = "="): Pick<
  Draft,
  "comparator" | "value" | "unit"
> {
  return { comparator, value, unit: "count" };
}

/** A number written with digits (and thousands commas), or "zero"/"no" as 0. */
export function numberOf(word: string): number {
  return /^(zero|no)$/i.test(word) ? 0 : Number(word.replaceAll(",", ""));
}

/** A label reduced to lower-case words ("**🎉 Tests passed**" → "tests passed"). */
export function labelWords(label: string): string {
  return label.replace(/[^A-Za-z\s-]/g, " ").replace(/\s+/g, " ").trim().toLowerCase();
}

/** Words that cannot qualify a counted noun ("5 of the modules", "30 new tests"). */
export const QUALIFIER_STOP =
  /\b(of|in|to|and|or|with|for|from|per|than|the|a|an|on|at|by|is|are|was|were|has|have|had|more|new|added)\b/i;
