/**
 * Test claims: counts ("707 tests passing", "Tests passed: 6/6", "0 failures"), runner summaries
 * ("707 passed, 48 skipped in 19.14s", "ok | 12 passed | 0 failed (1s)") and pass rates.
 * @module
 */
import {
  count,
  type Draft,
  labelWords,
  numberOf,
  QUALIFIER_STOP,
  type Rule,
  type Scope,
  surroundings,
  TEST_CONTEXT,
  VALIDATION_CONTEXT,
} from "./scope.ts";

const TEST_VERB: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(pass|passes|passed|passing|succeed|succeeded|green)$/i, "tests.passed"],
  [/^(fail|fails|failed|failing|failures)$/i, "tests.failed"],
  [/^skipped$/i, "tests.skipped"],
  [/^(errored|errors?)$/i, "tests.errors"],
  [/^(collected|total|count|run|in total)$/i, "tests.total"],
];

function testMetric(verb: string): string | undefined {
  return TEST_VERB.find(([pattern]) => pattern.test(verb))?.[1];
}

const COUNTED_TESTS =
  /\b(?:all\s+)?(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\+)?\s+((?:[A-Za-z][\w-]*\s+){0,2}?)tests?\s+(?:(?:are|were|have|all|now|successfully)\s+)*(passed|passing|pass|passes|succeeded|green|failed|failing|fail|fails|skipped|errored|collected)\b/gi;
const ADJECTIVE_TESTS =
  /\b(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\+)?\s+(passing|failing|skipped|failed|passed)\s+(?:[A-Za-z][\w-]*\s+)?tests?\b/gi;
const RATIO_TESTS =
  /\b(\d+)\s*(?:\/|of|out of)\s*(\d+)\s+((?:[A-Za-z][\w-]*\s+){0,2}?)(tests?\s+)?(?:(?:are|were|now)\s+)*(pass|passes|passed|passing|succeeded|green)\b/gi;
const ALL_PASS =
  /\ball\s+(?:(?:the|unit|existing|current)\s+)?tests\s+(?:(?:are|were|now|still)\s+)*(?:pass|passes|passed|passing|green|succeed\w*)\b/gi;
const FAILURES =
  /\b(zero|no|\d+)\s+((?:test\s+)?failures|failed\s+tests|failing\s+tests|test\s+failures)\b/gi;
const COLLECTED = /\bcollected\s+(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)\s+(?:items?|tests?)\b/gi;
const COLLECTION_ERRORS =
  /\b(zero|no|\d+)\s+(?:collection\s+errors|errors?\s+during\s+collection)\b/gi;
const LABEL_TESTS =
  /^(?:(?:unit|integration|validation|all|total)\s+)?tests?\s+(passed|passing|failed|failing|skipped|errors?|total|count|collected|run)$|^(passed|failed|failing|skipped|errors?|failures)$|^(?:(?:unit|integration|validation|all|total|number\s+of)\s+)?tests?$|^test\s+count$/;

/** Test counts written in prose, in labels and as "all tests pass". */
export const testRule: Rule = (scope) => {
  const text = scope.clause.text;
  const found: Draft[] = [];
  const testContext = TEST_CONTEXT.test(surroundings(scope));
  for (const m of text.matchAll(COUNTED_TESTS)) {
    const metric = testMetric(m[4] as string);
    if (metric === undefined || QUALIFIER_STOP.test(m[3] as string)) continue;
    if (/(?:\/|\bof|\bout of)\s*$/.test(text.slice(0, m.index))) continue;
    const value = numberOf(m[1] as string);
    found.push({ index: m.index, kind: "tests", metric, ...count(value, m[2] ? "≥" : "=") });
  }
  for (const m of text.matchAll(ADJECTIVE_TESTS)) {
    const metric = testMetric(m[3] as string);
    if (metric === undefined) continue;
    const value = numberOf(m[1] as string);
    found.push({ index: m.index, kind: "tests", metric, ...count(value, m[2] ? "≥" : "=") });
  }
  for (const m of text.matchAll(RATIO_TESTS)) {
    // "4/4 quality gates passed" counts gates: without "tests", no other noun may stand between.
    if (m[4] === undefined && (!testContext || (m[3] as string) !== "")) continue;
    if (QUALIFIER_STOP.test(m[3] as string)) continue;
    const passed = numberOf(m[1] as string);
    const total = numberOf(m[2] as string);
    if (passed > total) continue;
    found.push({ index: m.index, kind: "tests", metric: "tests.passed", ...count(passed) });
    found.push({ index: m.index, kind: "tests", metric: "tests.total", ...count(total) });
  }
  for (const m of text.matchAll(ALL_PASS)) {
    // "All tests pass" says every test that ran passed: a collection error or a crash contradicts
    // it as much as a failure does, so it is a pass rate, not a failure count.
    found.push({
      index: m.index,
      kind: "tests",
      metric: "tests.passRate",
      comparator: "=",
      value: 100,
      unit: "percent",
    });
  }
  for (const m of text.matchAll(FAILURES)) {
    if (!/test/i.test(m[2] as string) && !testContext) continue;
    const value = numberOf(m[1] as string);
    found.push({ index: m.index, kind: "tests", metric: "tests.failed", ...count(value) });
  }
  for (const m of text.matchAll(COLLECTED)) {
    const value = numberOf(m[1] as string);
    found.push({ index: m.index, kind: "tests", metric: "tests.total", ...count(value) });
  }
  for (const m of text.matchAll(COLLECTION_ERRORS)) {
    const value = numberOf(m[1] as string);
    found.push({
      index: m.index,
      kind: "tests",
      metric: "tests.collectionErrors",
      ...count(value),
    });
  }
  found.push(...labelledTests(scope, testContext));
  return found;
};

/** "Tests passed: 6/6", "Total tests: 42", "Skipped: 3" (the last only where tests are the topic). */
function labelledTests(scope: Scope, testContext: boolean): Draft[] {
  const m = LABEL_TESTS.exec(labelWords(scope.label));
  if (m === null || scope.clause.start > scope.labelEnd) return [];
  if (m[2] !== undefined && !testContext) return [];
  const bodyStart = scope.labelEnd + 1;
  const v =
    /^\s*(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\+)?(?:\s*\/\s*(\d+))?(\s+(?:tests?\s+)?(?:passing|passed|pass)\b)?(?=\s*(?:$|[,;.(✅✔]))/
      .exec(scope.clause.text.slice(bodyStart));
  if (v === null) return [];
  const index = bodyStart + v.index;
  const verb = m[1] ?? m[2];
  const ratio = v[3] !== undefined;
  const metric = verb === undefined
    ? (ratio || v[4] !== undefined ? "tests.passed" : "tests.total")
    : testMetric(verb);
  if (metric === undefined) return [];
  const found: Draft[] = [
    { index, kind: "tests", metric, ...count(numberOf(v[1] as string), v[2] ? "≥" : "=") },
  ];
  if (ratio) {
    found.push({ index, kind: "tests", metric: "tests.total", ...count(numberOf(v[3] as string)) });
  }
  return found;
}

/** "707 passed, 48 skipped in 19.14s", "ok | 12 passed | 0 failed (1s)": a runner's summary. */
const SUMMARY_TOKEN =
  /\b(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)\s+(passed|failed|skipped|errors?|deselected|xfailed|xpassed|total)\b/gi;
/** Summary lines that count suites, files or snapshots rather than tests ("Test Suites: 12 passed"). */
const NOT_TESTS = /\b(suites?|files?|snapshots?|steps?)\b/i;
const SUMMARY_TIME =
  /^(?:[,\s]+\d+\s+[a-z]+)*\s*(?:in\s+|\(\s*)(\d+(?:\.\d+)?)\s*(ms|s|seconds?)\b/i;

/** The counts and duration of a runner's summary line, read from the whole sentence. */
export function summaryClaims(masked: string, label: string, testContext: boolean): Draft[] {
  if (NOT_TESTS.test(label)) return [];
  const tokens = [...masked.matchAll(SUMMARY_TOKEN)];
  if (tokens.length === 0 || (tokens.length === 1 && !testContext)) return [];
  const found: Draft[] = [];
  for (const m of tokens) {
    const metric = testMetric((m[2] as string).toLowerCase());
    if (metric === undefined) continue;
    found.push({ index: m.index, kind: "tests", metric, ...count(numberOf(m[1] as string)) });
  }
  const last = tokens[tokens.length - 1] as RegExpMatchArray;
  const afterLast = (last.index ?? 0) + last[0].length;
  const time = SUMMARY_TIME.exec(masked.slice(afterLast));
  if (time !== null) {
    const value = Number(time[1]) * (time[2] === "ms" ? 1 : 1000);
    found.push({
      index: afterLast,
      kind: "tests",
      metric: "tests.durationMs",
      comparator: "=",
      value: Number(value.toPrecision(12)),
      unit: "ms",
    });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// percentages: pass rate, coverage

const RATE_AFTER = /^\s*\+?\s*(?:[A-Za-z]+\s+){0,2}?(?:success|pass|passing)\s+rate\b/i;
const RATE_BEFORE = /\b(?:success|pass|passing)\s+rate\s*(?::|of|is|at|=|-)?\s*(?:of\s+)?$/i;
const OF_TESTS_PASS = /^\s*of\s+(?:the\s+|all\s+)?(?:[\w-]+\s+)?tests\s+(?:are\s+)?pass/i;

/** Pass or success rates of tests or a validation run ("100% test success rate"). */
export const passRateRule: Rule = (scope) => {
  if (!VALIDATION_CONTEXT.test(surroundings(scope))) return [];
  const text = scope.clause.text;
  return scope.quantities.filter((q) =>
    q.unit === "percent" && !q.range &&
    (RATE_AFTER.test(text.slice(q.end)) || RATE_BEFORE.test(text.slice(0, q.start)) ||
      OF_TESTS_PASS.test(text.slice(q.end)))
  ).map((q) => ({
    index: q.start,
    kind: "tests",
    metric: "tests.passRate",
    comparator: q.comparator,
    value: q.value,
    unit: "percent",
  }));
};
