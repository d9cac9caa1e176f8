/**
 * Whether a run's three reports agree: the JUnit counts, the runner's closing summary line and its
 * exit code. Each is written by the process under test, so any of them can be forged (a conftest
 * that writes its own JUnit and sets the exit status); a disagreement makes the run an `error`,
 * never a pass. Pure.
 * @module
 */
import { countsText, type PytestCounts } from "./pytest_report.ts";
import type { SummaryCounts } from "./pytest_summary.ts";

function summaryText(s: SummaryCounts): string {
  // unittest does not print a passed count: quote what it printed.
  if (s.ran !== undefined) return s.line;
  return countsText({
    passed: s.passed + s.xpassed,
    failed: s.failed,
    errors: s.errors,
    skipped: s.skipped,
    xfailed: s.xfailed,
  });
}

function pytestSummaryAgrees(j: PytestCounts, s: SummaryCounts): boolean {
  // A test that passes and then errors in teardown is one JUnit error but "1 passed, 1 error" in
  // the summary; xpassed tests are JUnit passes.
  const most = s.passed + s.xpassed;
  return j.failed === s.failed && j.errors === s.errors &&
    j.skipped + j.xfailed === s.skipped + s.xfailed && j.passed <= most &&
    j.passed >= most - s.errors;
}

function unittestSummaryAgrees(j: PytestCounts, s: SummaryCounts): boolean {
  // unittest counts failing subtests one by one: only whether anything failed must agree. An
  // error in setUpClass/setUpModule is an error but not a test it ran.
  const cases = j.total + j.collectionErrors;
  const ran = s.ran ?? -1;
  return ran <= cases && ran >= cases - j.errors &&
    (s.failed + s.errors > 0) === (j.failed + j.errors > 0);
}

/**
 * Why the reports disagree ("the suite's reports disagree: JUnit 42 passed, summary 2 failed"),
 * or undefined when they agree. `summary` is undefined when the runner printed none (then only
 * the exit code is compared). pytest: exit 0 means no failure or error, exit 5 no test collected.
 */
export function reportsDisagree(
  runner: "pytest" | "unittest",
  junit: PytestCounts,
  summary: SummaryCounts | undefined,
  exitCode: number | null,
): string | undefined {
  const head = "the suite's reports disagree: JUnit";
  const bad = junit.failed + junit.errors;
  const junitText = countsText(junit);
  if (summary !== undefined) {
    const agrees = runner === "pytest"
      ? pytestSummaryAgrees(junit, summary)
      : unittestSummaryAgrees(junit, summary);
    if (!agrees) return `${head} ${junitText}, summary ${summaryText(summary)}`;
  }
  if (exitCode === 0 && bad > 0) return `${head} ${junitText}, exit code 0`;
  if (runner === "pytest" && exitCode === 5 && junit.total + junit.collectionErrors > 0) {
    return `${head} ${junitText}, exit code 5 (no tests collected)`;
  }
  return undefined;
}
