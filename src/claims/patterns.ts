/**
 * Sentence → claims: the guards of `guards.ts` remove goals, plans, negations and comparisons;
 * the rules of `rules/` read test counts, pass rates, coverage, timings, sizes, throughput,
 * repository counts, absences and status phrases; `mentions.ts` reads named files.
 * @module
 */
import { type Clause, maskQuotes, maskRanges, structure } from "./clauses.ts";
import { DONE_MARK, isAssertion, isCopulaStatement, isGuarded, isImperative } from "./guards.ts";
import { findMentions, isPointedTo, runModule } from "./mentions.ts";
import { findQuantities } from "./quantity.ts";
import { absenceRule } from "./rules/absence.ts";
import { fileLinesRule, listingClaims } from "./rules/listing.ts";
import { buildRule } from "./rules/build.ts";
import { withQualities } from "./rules/qualities.ts";
import {
  listedCountRule,
  scopedTestsRule,
  withoutUnscoped,
  withTestPart,
} from "./rules/scoped_counts.ts";
import { parenthesisedPassRateRule, testTotalRule } from "./rules/test_totals.ts";
import { coverageRule, measuredRule } from "./rules/measured.ts";
import { modelRule, retargetModelDrafts } from "./rules/models.ts";
import { repoRule } from "./rules/repo.ts";
import { type Draft, type Rule, type Scope, type Sentence, TEST_CONTEXT } from "./rules/scope.ts";
import { statusRule } from "./rules/status.ts";
import { passRateRule, summaryClaims, testRule } from "./rules/tests.ts";

export type { Draft, Sentence } from "./rules/scope.ts";

/** A link target as a repository path: "docs/a.md#part" → "docs/a.md"; none for anchors only. */
function linkedPath(url: string): string | undefined {
  let path = url.replace(/[?#].*$/, "").replace(/^\.\//, "");
  try {
    path = decodeURI(path);
  } catch {
    return undefined;
  }
  return path === "" || path.startsWith("/") || path.startsWith("<") ? undefined : path;
}

/** Each link into the repository within the clause names a file or folder that is there. */
const linkRule: Rule = (scope) =>
  scope.sentence.links.flatMap(({ index, url }) => {
    const path = linkedPath(url);
    if (path === undefined || (scope.clause.text[index] ?? " ") === " ") return [];
    return [{ index, kind: "exists" as const, subject: path }];
  });

const mentionRule: Rule = (scope) => {
  const { sentence } = scope;
  if (sentence.outputContext !== undefined) return [];
  const external = sentence.externalSpans;
  const listedOnly = sentence.reference && !sentence.done && !DONE_MARK.test(sentence.text);
  const opening = sentence.heading ? -1 : sentence.text.length - sentence.text.trimStart().length;
  return findMentions(scope.clause.text, sentence.text, sentence.codeSpans, sentence.section)
    .filter((m) => !external.some(([s, e]) => m.index >= s && m.index < e))
    .filter((m) => !listedOnly || m.index === opening || isPointedTo(sentence.text, m.index))
    .map((m): Draft => ({ index: m.index, kind: "exists", subject: m.subject }))
    .concat(runModules(sentence).filter((d) => scope.clause.text[d.index] !== " "));
};

const RULES: readonly Rule[] = [
  testRule,
  passRateRule,
  coverageRule,
  measuredRule,
  repoRule,
  absenceRule,
  statusRule,
  mentionRule,
  linkRule,
  fileLinesRule,
  testTotalRule,
  parenthesisedPassRateRule,
  scopedTestsRule,
  listedCountRule,
  buildRule,
  modelRule,
];

function key(d: Draft): string {
  return [d.kind, d.metric, d.subject, d.comparator, d.value].join("|");
}

/** Whether `exact` states a value within the bound `d` of the same metric ("sub-ms (0.6ms)"). */
function refines(exact: Draft, d: Draft): boolean {
  if (exact === d || exact.metric !== d.metric || exact.comparator !== "=") return false;
  if (exact.value === undefined || d.value === undefined || exact.unit !== d.unit) return false;
  return (d.comparator === "<" && exact.value < d.value) ||
    (d.comparator === "≤" && exact.value <= d.value);
}

/**
 * One claim per kind, metric, subject and value; a bound that an exact value of the same metric
 * in the sentence refines is left out; one status per sentence (a scored one first).
 */
function tidyDrafts(drafts: readonly Draft[]): Draft[] {
  const seen = new Set<string>();
  const unique = [...drafts].sort((a, b) => a.index - b.index).filter((d) => {
    const k = key(d);
    if (seen.has(k)) return false;
    seen.add(k);
    return !drafts.some((exact) => refines(exact, d));
  });
  const scored = unique.some((d) => d.kind === "status" && d.value !== undefined);
  let phrase = false;
  return unique.filter((d) => {
    if (d.kind !== "status" || d.value !== undefined) return true;
    if (scored || phrase) return false;
    phrase = true;
    return true;
  });
}

/**
 * The project's modules an instruction of reference documentation runs ("Run `python -m
 * pkg.webapp` to start the UI"): the instruction is for the reader, the module must exist.
 */
function runModules(sentence: Sentence): Draft[] {
  return sentence.codeSpans.flatMap(([start, end]) => {
    const subject = runModule(sentence.text.slice(start, end));
    return subject === undefined ? [] : [{ index: start, kind: "exists" as const, subject }];
  });
}

/**
 * The claims one sentence makes, each with the index in `sentence.text` it was read at. Nothing
 * is read from a task ("Add …") that is not checked off, from a plan scope unless the sentence
 * states a present fact, or from a clause that a guard marks as a goal, negation, condition,
 * comparison or history; a parenthesis inherits the guard of its clause unless it asserts a
 * present state ("Target < 200ms (currently sub-200ms)").
 */
export function readClaims(sentence: Sentence): Draft[] {
  const masked = maskQuotes(sentence.text);
  const flat = maskRanges(masked, sentence.codeSpans);
  const { label, clauses } = structure(masked, flat);
  const labelEnd = label?.end ?? -1;
  const labelText = label === undefined ? "" : flat.slice(label.start, label.end);
  const done = sentence.done || DONE_MARK.test(sentence.text);
  const statement = masked.slice(labelEnd + 1);
  const task = isImperative(statement) ||
    (labelText.trim().split(/\s+/).length > 1 && isImperative(labelText));
  if (!sentence.heading && sentence.outputContext === undefined && !done && task) {
    return sentence.reference ? runModules(sentence) : [];
  }
  const planOnly = sentence.plan && !done && !isCopulaStatement(masked);
  const guarded = new Map<Clause, boolean>();
  const drafts: Draft[] = [];
  for (const clause of clauses) {
    const prose = maskRanges(clause.text, sentence.codeSpans);
    const own = isGuarded(prose) ||
      (clause.parent === undefined && clause.start > labelEnd && isGuarded(labelText));
    const inherited = clause.parent !== undefined && guarded.get(clause.parent) === true &&
      !isAssertion(prose);
    guarded.set(clause, own || inherited);
    if (own || inherited || (planOnly && !isAssertion(prose))) continue;
    const scope: Scope = {
      sentence,
      masked,
      clause,
      label: labelText,
      labelEnd,
      quantities: findQuantities(clause.text),
    };
    drafts.push(...retargetModelDrafts(scope, RULES.flatMap((rule) => rule(scope))));
  }
  if (!planOnly && sentence.outputContext === undefined) {
    drafts.push(...listingClaims(masked, label));
  }
  // A runner summary is read from the whole sentence, code spans included, so the guards see them too.
  if (!planOnly && ![...guarded.values()].some((g) => g) && !isGuarded(masked)) {
    const context = TEST_CONTEXT.test(`${masked}\n${sentence.outputContext ?? ""}`);
    drafts.push(...summaryClaims(masked, labelText, context));
  }
  return withQualities(tidyDrafts(withoutUnscoped(withTestPart(drafts, labelText))), sentence.text);
}
