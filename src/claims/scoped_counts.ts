/**
 * Counts scoped to a part of the repository, measured and judged: tests collected under each
 * folder and file of one run (from the JUnit `file` attributes), and how many of a listed set of
 * names exist.
 * @module
 */
import type { CheckResult } from "../check.ts";
import type { Measurement } from "../measurement.ts";
import type { JUnitCase } from "../parsers/junit.ts";
import { isCollectionError } from "../python/pytest_report.ts";
import type { Claim, VerifiedClaim } from "./claim.ts";
import { locateSubject } from "./locate.ts";
import { isTestPart } from "./rules/scoped_counts.ts";
import { judgeCount } from "./tolerance.ts";

type Judged = Pick<VerifiedClaim, "verdict" | "reason" | "measured">;

/** The metric of the tests collected under `path`: `tests.total.in:tests/unit/`. */
export function scopedTestMetric(path: string): string {
  return `tests.total.in:${path.replace(/^\.\//, "")}`;
}

/** The file a JUnit case was defined in: its `file` attribute, else its dotted class name. */
function fileOf(c: JUnitCase): string | undefined {
  if (c.file !== undefined) return c.file.replace(/^\.\//, "");
  return c.classname === "" ? undefined : `${c.classname.replaceAll(".", "/")}.py`;
}

/**
 * One `tests.total.in:<path>` measurement per test file and per folder above it: how many tests
 * the run collected there (files that could not be collected hold none).
 *
 * @example
 * ```ts
 * import { pathCounts } from "./scoped_counts.ts";
 * pathCounts([{ classname: "", name: "t", file: "tests/unit/test_a.py", durationMs: 1, outcome: "passed" }])
 *   .map((m) => m.metric); // ["tests.total.in:tests/", "tests.total.in:tests/unit/", "tests.total.in:tests/unit/test_a.py"]
 * ```
 */
export function pathCounts(cases: readonly JUnitCase[], evidence?: number): Measurement[] {
  const counts = new Map<string, number>();
  for (const c of cases) {
    const file = fileOf(c);
    if (file === undefined || isCollectionError(c)) continue;
    const parts = file.split("/");
    const paths = parts.slice(0, -1).map((_, i) => `${parts.slice(0, i + 1).join("/")}/`);
    for (const path of [...paths, file]) counts.set(path, (counts.get(path) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([path, value]) => ({
    metric: scopedTestMetric(path),
    value,
    unit: "count",
    ...(evidence === undefined ? {} : { evidence }),
  }));
}

function judgeTestsIn(claim: Claim, path: string, checks: readonly CheckResult[]): Judged {
  const folder = path.endsWith("/") || !/\.\w+$/.test(path) ? `${path.replace(/\/+$/, "")}/` : path;
  const metric = scopedTestMetric(folder);
  const runs = checks.filter((c) => c.category === "tests" && c.status !== "skip");
  const run = runs.find((c) => c.measurements.some((m) => m.metric.startsWith("tests.total.in:")));
  if (run === undefined) {
    const ran = runs[0];
    const why = ran === undefined
      ? "no test check ran"
      : `${ran.id} ${ran.status}: the run reported no test files`;
    return { verdict: "unverified", reason: `cannot count the tests in ${folder}: ${why}` };
  }
  const value = run.measurements.find((m) => m.metric === metric)?.value ?? 0;
  const measured = { metric, value, unit: "count" as const, check: run.id };
  const said = `claimed ${
    claim.comparator === "=" ? "" : `${claim.comparator} `
  }${claim.value} tests in ${folder}`;
  const reason = `${said}; ${run.id} collected ${value} there`;
  if (run.status === "unverified" || run.status === "error") {
    return {
      verdict: "unverified",
      reason: `not measured here: ${run.id} ${run.status} (${reason})`,
      measured,
    };
  }
  const holds = judgeCount(claim.comparator ?? "=", claim.value ?? 0, value) === "holds";
  return { verdict: holds ? "verified" : "contradicted", reason, measured };
}

function judgeListed(
  claim: Claim,
  names: readonly string[],
  files: readonly string[],
  scripts?: readonly string[],
): Judged {
  const found = names.filter((n) => locateSubject(n, files, scripts).found === true);
  const missing = names.filter((n) => !found.includes(n));
  const measured = {
    metric: "repo.listed",
    value: found.length,
    unit: "count" as const,
    check: "snapshot",
  };
  const said = `claimed ${claim.value} listed (${names.join(", ")})`;
  const reason = missing.length === 0
    ? `${said}; all ${found.length} exist`
    : `${said}; ${found.length} exist, missing: ${missing.join(", ")}`;
  const holds = judgeCount(claim.comparator ?? "=", claim.value ?? 0, found.length) === "holds" &&
    (claim.comparator !== "=" || names.length === claim.value);
  return { verdict: holds ? "verified" : "contradicted", reason, measured };
}

/** A folder or file name as a kind of tests: `test_error_handling.py`, `security_tests` → words. */
function kindOf(name: string): string {
  return name.replace(/\.py$/, "").replace(/^tests?_|_tests?$/g, "").replace(/[-_]+/g, " ");
}

/**
 * The test folder or file named for a kind of tests (`security tests` → `tests/security/` or
 * `tests/test_security.py`), when the snapshot has one.
 */
function partPath(part: string, files: readonly string[]): string | undefined {
  const kind = part.replace(/ tests$/, "");
  const kinds = new Set([kind, kind.replace(/s$/, ""), kind === "end to end" ? "e2e" : kind]);
  for (const file of files) {
    const parts = file.split("/");
    const inTests = parts.findIndex((p) => /^tests?$/.test(p));
    if (inTests < 0) continue;
    for (let i = inTests + 1; i < parts.length; i++) {
      const folder = i < parts.length - 1;
      if (!folder && !/\.py$/.test(parts[i] as string)) continue;
      if (kinds.has(kindOf(parts[i] as string))) {
        return folder ? `${parts.slice(0, i + 1).join("/")}/` : file;
      }
    }
  }
  return undefined;
}

/**
 * A count of a kind of tests ("Security Tests: 14/14 PASS"): how many tests the folder or file
 * named for that kind collected; its outcomes are not measured apart, so other counts stay
 * unverified.
 */
function judgeTestPart(
  claim: Claim,
  part: string,
  checks: readonly CheckResult[],
  files: readonly string[],
): Judged {
  const path = partPath(part, files);
  if (path !== undefined && claim.metric === "tests.total") {
    return judgeTestsIn(claim, path, checks);
  }
  const why = path === undefined
    ? "no test folder or file is named for them, and claimcheck measures the whole suite"
    : `claimcheck counts the tests collected in ${path}, not their outcomes apart`;
  return {
    verdict: "unverified",
    reason: `a claim about the ${part}, a part of the suite: ${why}`,
  };
}

/**
 * The verdict of a count scoped to a part (`tests.*` of a kind of tests, `tests.total` with a
 * path subject, `repo.listed`), or undefined for any other claim.
 */
export function judgeScoped(
  claim: Claim,
  checks: readonly CheckResult[],
  files: readonly string[],
  scripts?: readonly string[],
): Judged | undefined {
  if (claim.value === undefined || claim.subject === undefined) return undefined;
  if (claim.kind === "tests" && isTestPart(claim.subject)) {
    return judgeTestPart(claim, claim.subject, checks, files);
  }
  if (claim.kind === "tests" && claim.metric === "tests.total") {
    return judgeTestsIn(claim, claim.subject, checks);
  }
  if (claim.metric === "repo.listed") {
    return judgeListed(claim, claim.subject.split(", "), files, scripts);
  }
  return undefined;
}
