/**
 * The runner's own closing lines, read from its output: pytest's summary line
 * (`==== 2 failed, 40 passed in 0.30s ====`, or the `-q` form without the rules) and unittest's
 * `Ran 12 tests in 0.01s` with its `OK (skipped=1)` / `FAILED (failures=2)` line. Pure.
 * @module
 */

/** Counts a runner printed at its end; absent words count 0. */
export interface SummaryCounts {
  passed: number;
  failed: number;
  /** pytest: setup/teardown and collection errors; unittest: errors. */
  errors: number;
  /** Skips without xfail. */
  skipped: number;
  xfailed: number;
  xpassed: number;
  deselected: number;
  /** unittest only: the `Ran N tests` figure (pytest does not print one). */
  ran?: number;
  /** The line as printed, for reasons. */
  line: string;
}

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const PYTEST_LINE =
  /^=*\s*((?:\d+ [a-z]+(?:, )?)+|no tests ran)(?: in \d+(?:\.\d+)?s(?: \([\d:]+\))?)?\s*=*$/;
const WORD: Record<string, keyof Omit<SummaryCounts, "line" | "ran">> = {
  passed: "passed",
  failed: "failed",
  error: "errors",
  errors: "errors",
  skipped: "skipped",
  xfailed: "xfailed",
  xpassed: "xpassed",
  deselected: "deselected",
};

function zero(line: string): SummaryCounts {
  return {
    passed: 0,
    failed: 0,
    errors: 0,
    skipped: 0,
    xfailed: 0,
    xpassed: 0,
    deselected: 0,
    line,
  };
}

function lines(output: string): string[] {
  return output.replace(ANSI, "").split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
}

/**
 * The last pytest summary line of `output`, or undefined when there is none (pytest crashed, or
 * ran with `-qq`).
 *
 * @example
 * ```ts
 * import { parsePytestSummary } from "./pytest_summary.ts";
 * parsePytestSummary("==== 2 failed, 40 passed in 0.30s ====")?.failed; // 2
 * ```
 */
export function parsePytestSummary(output: string): SummaryCounts | undefined {
  const line = lines(output).findLast((l) => PYTEST_LINE.test(l) && /\d| ran/.test(l));
  if (line === undefined) return undefined;
  const counts = zero(line);
  for (const m of line.matchAll(/(\d+) ([a-z]+)/g)) {
    const key = WORD[m[2] as string];
    if (key !== undefined) counts[key] += Number(m[1]);
  }
  return counts;
}

const RAN = /^Ran (\d+) tests? in /;
const STATUS = /^(OK|FAILED|NO TESTS RAN)(?: \(([^)]*)\))?$/;

/**
 * unittest's closing lines, summed over every runner the output shows (a project's own runner may
 * run several suites), or undefined when none is printed.
 *
 * @example
 * ```ts
 * import { parseUnittestSummary } from "./pytest_summary.ts";
 * parseUnittestSummary("Ran 5 tests in 0.001s\n\nFAILED (failures=3, skipped=1)")?.ran; // 5
 * ```
 */
export function parseUnittestSummary(output: string): SummaryCounts | undefined {
  const all = lines(output);
  let found: SummaryCounts | undefined;
  let ran: number | undefined;
  for (const line of all) {
    const r = RAN.exec(line);
    if (r) {
      ran = Number(r[1]);
      continue;
    }
    const s = STATUS.exec(line);
    if (!s || ran === undefined) continue;
    const counts = found ?? { ...zero(""), ran: 0 };
    const parts = Object.fromEntries(
      (s[2] ?? "").split(/,\s*/).filter((p) => p.includes("=")).map((p) => {
        const [k, v] = p.split("=");
        return [k?.trim() ?? "", Number(v)];
      }),
    );
    const failures = (parts["failures"] ?? 0) + (parts["unexpected successes"] ?? 0);
    const errors = parts["errors"] ?? 0;
    const skipped = parts["skipped"] ?? 0;
    const xfailed = parts["expected failures"] ?? 0;
    counts.ran = (counts.ran ?? 0) + ran;
    counts.failed += failures;
    counts.errors += errors;
    counts.skipped += skipped;
    counts.xfailed += xfailed;
    counts.passed += Math.max(0, ran - failures - errors - skipped - xfailed);
    counts.line = [counts.line, `Ran ${ran} tests: ${line}`].filter((x) => x !== "").join("; ");
    found = counts;
    ran = undefined;
  }
  return found;
}
