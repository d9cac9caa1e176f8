/**
 * Sentence → claims: the guards of `guards.ts` remove goals, plans, negations and comparisons;
 * the rules of `rules/` read test counts, pass rates, coverage, timings, sizes, throughput,
 * repository counts, absences and status phrases; `mentions.ts` reads named files.
 * @module
 */
import { type Clause, maskQuotes, maskRanges, structure } from "./clauses.ts";
import { DONE_MARK, isAssertion, isCopulaStatement, isGuarded, isImperative } from "./guards.ts";
import { findMentions, isPointedTo } from "./mentions.ts";
import { findQuantities } from "./quantity.ts";
import { absenceRule } from "./rules/absence.ts";
import { coverageRule, measuredRule } from "./rules/measured.ts";
import { modelRule, retargetModelDrafts } from "./rules/models.ts";
import { repoRule } from "./rules/repo.ts";
import { type Draft, type Rule, type Scope, type Sentence, TEST_CONTEXT } from "./rules/scope.ts";
import { statusRule } from "./rules/status.ts";
import { passRateRule, summaryClaims, testRule } from "./rules/tests.ts";

export type { Draft, Sentence } from "./rules/scope.ts";

const mentionRule: Rule = (scope) => {
  const { sentence } = scope;
  if (sentence.outputContext !== undefined) return [];
  const external = sentence.externalSpans;
  const listedOnly = sentence.reference && !sentence.done && !DONE_MARK.test(sentence.text);
  const opening = sentence.heading ? -1 : sentence.text.length - sentence.text.trimStart().length;
  return findMentions(scope.clause.text, sentence.text, sentence.codeSpans, sentence.section)
    .filter((m) => !external.some(([s, e]) => m.index >= s && m.index < e))
    .filter((m) => !listedOnly || m.index === opening || isPointedTo(sentence.text, m.index))
    .map((m) => ({ index: m.index, kind: "exists", subject: m.subject }));
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
  modelRule,
];

function key(d: Draft): string {
  return [d.kind, d.metric, d.subject, d.comparator, d.value].join("|");
}

/** One claim per kind, metric, subject and value; one status per sentence (a scored one first). */
function tidyDrafts(drafts: readonly Draft[]): Draft[] {
  const seen = new Set<string>();
  const unique = [...drafts].sort((a, b) => a.index - b.index).filter((d) => {
    const k = key(d);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
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
  if (!sentence.heading && sentence.outputContext === undefined && !done && task) return [];
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
  // A runner summary is read from the whole sentence, code spans included, so the guards see them too.
  if (!planOnly && ![...guarded.values()].some((g) => g) && !isGuarded(masked)) {
    const context = TEST_CONTEXT.test(`${masked}\n${sentence.outputContext ?? ""}`);
    drafts.push(...summaryClaims(masked, labelText, context));
  }
  return tidyDrafts(drafts);
}
