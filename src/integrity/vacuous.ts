/**
 * tests.vacuous, the pure part: the output of `vacuous_tests.py` (and of `vacuous_js.ts`) and what it means — test
 * functions that assert nothing, assert only tautologies, swallow their own failures, assert only
 * inside `except` or only print.
 * @module
 */
import { z } from "zod";
import type { CheckOutcome, Finding, Measurement } from "../check.ts";

/** How one test function checks anything. */
export const TestVerdictSchema = z.enum([
  "asserts",
  "skips",
  "benchmarks",
  "none",
  "tautology",
  "swallowed",
  "only-except",
  "prints",
]);
/** How one test function checks anything. */
export type TestVerdict = z.infer<typeof TestVerdictSchema>;

/** One test function as the script read it. */
export const TestFunctionSchema = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  name: z.string(),
  verdict: TestVerdictSchema,
  detail: z.string(),
  /** Test items its literal `parametrize` lists make; null when they are not literals. */
  cases: z.number().int().nonnegative().nullable(),
});
/** One test function as the script read it. */
export type TestFunction = z.infer<typeof TestFunctionSchema>;

/** What `vacuous_tests.py` prints. */
export const VacuousScanSchema = z.object({
  tests: z.array(TestFunctionSchema),
  parseErrors: z.array(z.object({ file: z.string(), line: z.number(), message: z.string() })),
});
/** What `vacuous_tests.py` prints. */
export type VacuousScan = z.infer<typeof VacuousScanSchema>;

/** Metric: test items (parametrized cases counted) of the vacuous functions. */
export const VACUOUS_ITEMS = "tests.vacuous.items";

const CHECKS = new Set<TestVerdict>(["asserts", "skips", "benchmarks"]);

/** Whether a test function checks nothing. */
export function isVacuous(t: TestFunction): boolean {
  return !CHECKS.has(t.verdict);
}

/**
 * The outcome: `tests.vacuous` (functions), `tests.vacuous.items` (their test items, a
 * parametrized function counted once per literal case) and one finding per vacuous function (its
 * name the subject; `evidence` is the scan's probe, none for the in-process JavaScript scan);
 * `fail` when there is one, `pass` when every test function checks something.
 */
export function evaluateVacuous(scan: VacuousScan, evidence?: number): CheckOutcome {
  const vacuous = scan.tests.filter(isVacuous);
  const items = vacuous.reduce((n, t) => n + (t.cases ?? 1), 0);
  const count = (metric: string, value: number): Measurement => ({
    metric,
    value,
    unit: "count",
    ...(evidence === undefined ? {} : { evidence }),
  });
  const measurements = [count("tests.vacuous", vacuous.length), count(VACUOUS_ITEMS, items)];
  const findings: Finding[] = vacuous.map((t) => ({
    message: `${t.name} asserts nothing: ${t.detail}${
      t.cases !== null && t.cases > 1 ? ` (${t.cases} cases)` : ""
    }`,
    file: t.file,
    line: t.line,
    subject: t.name,
  }));
  const unreadable = scan.parseErrors.length > 0
    ? `; ${scan.parseErrors.length} test file${
      scan.parseErrors.length === 1 ? "" : "s"
    } could not be parsed`
    : "";
  if (scan.tests.length === 0) {
    return {
      status: "unverified",
      summary: `No test function was found${unreadable}`,
      measurements,
    };
  }
  if (vacuous.length === 0) {
    return {
      status: "pass",
      summary: `All ${scan.tests.length} test functions check something${unreadable}`,
      measurements,
    };
  }
  const first = vacuous[0] as TestFunction;
  return {
    status: "fail",
    summary:
      `${vacuous.length} of ${scan.tests.length} test functions assert nothing, first ${first.name} ` +
      `at ${first.file}:${first.line}${unreadable}`,
    measurements,
    findings,
  };
}
