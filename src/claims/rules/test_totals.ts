/**
 * Test counts stated without a verdict ("70+ tests covering core functionality", "26 tests
 * implemented", "70+ Tests - unit and integration") and a pass rate in parentheses after a
 * count of passed tests ("6/6 tests passed (100.0%)").
 * @module
 */
import { count, type Draft, numberOf, type Rule } from "./scope.ts";

/** A number of tests, with words of kind between ("unit and integration"), then no verdict. */
const TOTAL_TESTS =
  /(?<![\w.,/])(\d{1,3}(?:,\d{3})+|\d+)(\+)?\s+((?:(?:unit|integration|e2e|end-to-end|performance|comprehensive|automated|and|&),?\s+)*)tests?\b(?=\s*(?:covering|implemented|written|in\s+total|across|[-–—:(]|$))/gi;
/** Words before the number that make it a change, not a total ("added 26 tests"). */
const CHANGE_BEFORE = /\b(added|new|more|another|extra|removed|deleted|fixed|wrote)\s+$/i;
const PASSED = /\btests?\s+(?:(?:are|were|now|all)\s+)*(?:passed|passing|pass|green)\b/i;

/** A count of tests that names no verdict is the total collected (`tests.total`). */
export const testTotalRule: Rule = (scope) => {
  const text = scope.clause.text;
  const found: Draft[] = [];
  for (const m of text.matchAll(TOTAL_TESTS)) {
    if (CHANGE_BEFORE.test(text.slice(0, m.index))) continue;
    const value = numberOf(m[1] as string);
    found.push({
      index: m.index,
      kind: "tests",
      metric: "tests.total",
      ...count(value, m[2] ? "≥" : "="),
    });
  }
  return found;
};

/** "6/6 tests passed (100.0%)": the parenthesis is the pass rate of the run its clause counts. */
export const parenthesisedPassRateRule: Rule = (scope) => {
  const parent = scope.clause.parent;
  if (parent === undefined || !PASSED.test(parent.text)) return [];
  const [q, ...rest] = scope.quantities;
  if (q === undefined || rest.length > 0 || q.unit !== "percent") return [];
  if (scope.clause.text.replace(/[\d.%\s]/g, "") !== "") return [];
  return [{
    index: q.start,
    kind: "tests",
    metric: "tests.passRate",
    comparator: q.comparator,
    value: q.value,
    unit: "percent",
  }];
};
