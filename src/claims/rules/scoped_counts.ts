/**
 * Counts that belong to a part: "96 unit tests in `tests/unit/`", "`tests/e2e/` — 40 end-to-end
 * tests" (tests collected under that path), and "3 core modules: `a.py`, `b.py`, `c.py`" (how
 * many of the listed names exist), and counts of a kind of tests ("Security Tests: 14/14 PASS"),
 * instead of the project's totals.
 * @module
 */
import { findMentions, isRepoPath } from "../mentions.ts";
import { count, type Draft, labelWords, numberOf, type Rule } from "./scope.ts";

/** A count of tests followed by "in"/"under" and the path they are in. */
const TESTS_IN =
  /(?<![\w.,/])(\d{1,3}(?:,\d{3})+|\d+)(\+)?\s+(?:[\w-]+\s+){0,3}?tests?\s+(?:are\s+)?(?:in|under|inside|within)\s+$/i;
/** A count of tests anywhere in the clause (for a path label). */
const TESTS = /(?<![\w.,/])(\d{1,3}(?:,\d{3})+|\d+)(\+)?\s+(?:[\w-]+\s+){0,3}?tests?\b/i;
/** A counted noun, then a colon: a list of what is counted follows. */
const LISTED =
  /(?<![\w.,/])(\d+)(\+)?\s+(?:[\w-]+\s+){0,2}?(modules?|files?|scripts?|examples?|services?|components?|packages?|notebooks?)\s*:\s*/gi;

function testsIn(subject: string, index: number, digits: string, plus: string | undefined): Draft {
  return {
    index,
    kind: "tests",
    metric: "tests.total",
    subject,
    ...count(numberOf(digits), plus ? "≥" : "="),
  };
}

/** Tests counted in a path the clause names, or under the path the sentence is labelled with. */
export const scopedTestsRule: Rule = (scope) => {
  const { sentence } = scope;
  const text = scope.clause.text;
  const mentions = findMentions(text, sentence.text, sentence.codeSpans, sentence.section);
  const found: Draft[] = [];
  for (const m of mentions) {
    const before = TESTS_IN.exec(text.slice(0, m.index));
    if (before !== null) {
      found.push(testsIn(m.subject, before.index, before[1] as string, before[2]));
    }
  }
  if (found.length > 0) return found;
  const labelled = scope.label.replace(/^[^\w.]+/, "").trim();
  if (scope.labelEnd >= 0 && labelled !== "" && isRepoPath(labelled)) {
    const counted = TESTS.exec(text.slice(scope.labelEnd));
    if (counted === null) return found;
    const at = scope.labelEnd + counted.index;
    return [testsIn(labelled, at, counted[1] as string, counted[2])];
  }
  // The sentence opens with the path, as a listing entry does: "`tests/e2e/` — 40 tests".
  const first = mentions[0];
  if (first === undefined || /\w/.test(sentence.text.slice(0, first.index))) return found;
  const end = first.index + first.subject.length +
    (sentence.text[first.index + first.subject.length] === "/" ? 1 : 0);
  const separator = /^\W*?\s*[:\-–—→]\s+/.exec(text.slice(end));
  if (separator === null) return found;
  const from = end + separator[0].length;
  const counted = TESTS.exec(text.slice(from));
  if (counted === null) return found;
  return [testsIn(first.subject, from + counted.index, counted[1] as string, counted[2])];
};

/** "8 core modules: `a.py`, `b.py`, …": how many of the listed names exist (`repo.listed`). */
export const listedCountRule: Rule = (scope) => {
  const { sentence } = scope;
  const text = scope.clause.text;
  const found: Draft[] = [];
  for (const m of text.matchAll(LISTED)) {
    const after = m.index + m[0].length;
    const names = findMentions(text, sentence.text, sentence.codeSpans, sentence.section)
      .filter((x) => x.index >= after).map((x) => x.subject);
    if (names.length < 2) continue;
    found.push({
      index: m.index,
      kind: "repo",
      metric: "repo.listed",
      subject: names.join(", "),
      ...count(Number(m[1]), m[2] ? "≥" : "="),
    });
  }
  return found;
};

/**
 * Drafts without the totals that a scoped count of the same value replaces: "40 end-to-end tests"
 * under a `tests/e2e/` label is no claim about the whole suite.
 */
export function withoutUnscoped(drafts: readonly Draft[]): Draft[] {
  const scoped = drafts.filter((d) =>
    d.subject !== undefined && (d.metric === "tests.total" || d.metric === "repo.listed")
  );
  if (scoped.length === 0) return [...drafts];
  return drafts.filter((d) =>
    d.subject !== undefined || d.value === undefined ||
    !scoped.some((s) => s.value === d.value && s.kind === d.kind)
  );
}

/**
 * Kinds of tests that are a part of a suite, as a breakdown lists them. Unit and core tests are
 * left out: documents call the whole suite that.
 */
const TEST_PART =
  /^((?:security|performance|perf|load|stress|integration|e2e|end to end|end-to-end|smoke|regression|error handling|api|cli|ui|gui|frontend|backend|benchmark|compatibility|edge cases?|acceptance|functional|contract|property|fuzz\w*|concurrency|database|migration)(?: [a-z-]+)?) tests?(?: suite)?$/;

/** The kind of tests a label names ("Security Tests" → "security tests"), when it names a part. */
export function testPartOf(label: string): string | undefined {
  const m = TEST_PART.exec(labelWords(label));
  return m === null ? undefined : `${m[1]} tests`;
}

/** Whether a claim's subject is a kind of tests (from `testPartOf`) rather than a path. */
export function isTestPart(subject: string): boolean {
  return testPartOf(subject) === subject;
}

/**
 * Drafts under a label that names a kind of tests are about that part: each test draft gets the
 * part as its subject ("Security Tests: 14/14 PASS" claims nothing of the whole suite).
 */
export function withTestPart(drafts: readonly Draft[], label: string): Draft[] {
  const part = testPartOf(label);
  if (part === undefined) return [...drafts];
  return drafts.map((d) =>
    d.kind === "tests" && d.subject === undefined ? { ...d, subject: part } : d
  );
}
