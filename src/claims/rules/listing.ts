/**
 * Files a listing names, and their sizes in lines: "**CONTRIBUTING.md**: Quick start guide
 * (34 lines)", "`pkg/graph.py` (1,079 lines)".
 * @module
 */
import type { Span } from "../clauses.ts";
import { findMentions, isRepoPath } from "../mentions.ts";
import { count, type Draft, numberOf, type Rule } from "./scope.ts";

/** A parenthesis that gives a file's length: "(1,079 lines)". */
const LINES = /\(\s*~?(\d{1,3}(?:,\d{3})+|\d+)\+?\s+lines\s*\)/i;
const LINES_CLAUSE = /^\s*~?(\d{1,3}(?:,\d{3})+|\d+)\+?\s+lines\s*$/i;

function linesOf(subject: string, index: number, value: number): Draft {
  return { index, kind: "repo", metric: "repo.lines", subject, ...count(value) };
}

/**
 * A sentence whose label is a file name is a listing entry: the file exists, and a parenthesised
 * "(N lines)" is its length. The rest of the entry describes what the file holds, so its goal
 * words ("CI/CD requirements") do not make the file a goal. `masked` is the sentence with quotes
 * blanked; `label` its label.
 */
export function listingClaims(masked: string, label?: Span): Draft[] {
  if (label === undefined) return [];
  const raw = masked.slice(label.start, label.end);
  const name = raw.replace(/^[^\w.]+/, "").trim();
  if (name === "" || !isRepoPath(name)) return [];
  const index = label.start + raw.indexOf(name);
  const drafts: Draft[] = [{ index, kind: "exists", subject: name.replace(/^\.\//, "") }];
  const lines = LINES.exec(masked);
  if (lines !== null) drafts.push(linesOf(name, lines.index, numberOf(lines[1] as string)));
  return drafts;
}

/** "`pkg/graph.py` (1,079 lines)": the length of the one file its clause names. */
export const fileLinesRule: Rule = (scope) => {
  const parent = scope.clause.parent;
  if (parent === undefined) return [];
  const m = LINES_CLAUSE.exec(scope.clause.text);
  if (m === null) return [];
  const { sentence } = scope;
  const named = findMentions(parent.text, sentence.text, sentence.codeSpans, sentence.section);
  if (named.length !== 1) return [];
  const subject = (named[0] as { subject: string }).subject;
  return [linesOf(subject, scope.clause.start, numberOf(m[1] as string))];
};
