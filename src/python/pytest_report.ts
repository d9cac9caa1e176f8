/**
 * Read a pytest run: counts from its JUnit report, collection errors with their root cause, failing
 * tests with their place, and the verdict. Pure: the check runs pytest and hands the results here.
 * @module
 */
import type { Finding, Status } from "../check.ts";
import type { JUnitCase, JUnitSummary } from "../parsers/junit.ts";
import { XFAIL_TYPES } from "./skips.ts";

/** Counts of one pytest run, as pytest's own summary line states them. */
export interface PytestCounts {
  passed: number;
  failed: number;
  /** Errors in setup/teardown and collection errors (pytest counts both as "error"). */
  errors: number;
  /** Skipped tests, xfailed ones left out. */
  skipped: number;
  xfailed: number;
  /** Test cases that ran or were skipped; collection errors are not tests. */
  total: number;
  /** Test files that could not be collected. */
  collectionErrors: number;
  durationMs: number;
}

/** Whether a JUnit case stands for a test file pytest could not collect. */
export function isCollectionError(c: JUnitCase): boolean {
  return c.outcome === "error" && c.classname === "" && c.message === "collection failure";
}

/** Count a pytest JUnit report the way pytest's summary line does. */
export function countPytest(junit: JUnitSummary): PytestCounts {
  const xfailed =
    junit.cases.filter((c) => c.outcome === "skipped" && XFAIL_TYPES.includes(c.type ?? "")).length;
  const collectionErrors = junit.cases.filter(isCollectionError).length;
  return {
    passed: junit.passed,
    failed: junit.failed,
    errors: junit.errors,
    skipped: junit.skipped - xfailed,
    xfailed,
    total: junit.tests - collectionErrors,
    collectionErrors,
    durationMs: junit.durationMs,
  };
}

/**
 * The root cause of a collection error from its traceback: `ModuleNotFoundError torch`,
 * `ImportError pkg.mod` (cannot import name … from it), or the exception type alone.
 */
export function collectionRootCause(detail: string): string {
  const all = detail.split(/\r?\n/);
  const marked = all.filter((l) => /^E\s/.test(l)).map((l) => l.replace(/^E\s+/, ""));
  // pytest marks the exception lines with `E` (the first is the cause); a plain traceback
  // (unittest) ends with the exception it stopped at.
  const plain = all.map((l) => l.trim()).filter((l) => l !== "");
  const exception = (l: string) => /^[\w.]+(Error|Exception|Exit)\b/.test(l);
  const last = (marked.length > 0 ? marked.find(exception) : plain.findLast(exception)) ??
    (marked.length > 0 ? marked : plain).at(-1) ?? "";
  const missing = /^(ModuleNotFoundError): No module named '([^'.]+)/.exec(last);
  if (missing) return `${missing[1]} ${missing[2]}`;
  const cannot = /^(ImportError): cannot import name '[^']*' from '([^']+)'/.exec(last);
  if (cannot) return `${cannot[1]} ${cannot[2]}`;
  const type = /^([\w.]+)(?::|$)/.exec(last)?.[1];
  return type ?? "collection failure";
}

/**
 * One line for the collection errors: `31 test files could not be collected: ModuleNotFoundError
 * torch ×30, tenacity ×1` (the type is repeated only when it changes).
 */
export function describeCollectionErrors(cases: readonly JUnitCase[]): string {
  const counts = new Map<string, number>();
  for (const c of cases) {
    const cause = collectionRootCause(c.detail ?? c.message ?? "");
    counts.set(cause, (counts.get(cause) ?? 0) + 1);
  }
  const sorted = [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  let previousType = "";
  const parts = sorted.map(([cause, count]) => {
    const [type, ...rest] = cause.split(" ");
    const subject = rest.join(" ");
    const label = type === previousType && subject !== "" ? subject : cause;
    previousType = type ?? "";
    return `${label} ×${count}`;
  });
  const files = cases.length === 1 ? "1 test file" : `${cases.length} test files`;
  return `${files} could not be collected: ${parts.join(", ")}`;
}

/** Where a failure happened: the deepest traceback line in the test's own file, else its definition. */
function place(c: JUnitCase): { file?: string; line?: number } {
  const file = c.file ?? (c.classname ? `${c.classname.replaceAll(".", "/")}.py` : undefined);
  const frames = [...(c.detail ?? "").matchAll(/^([^\s:][^:\n]*\.py):(\d+):/gm)];
  const own = frames.filter((f) => f[1] === file).at(-1);
  if (file === undefined) return {};
  if (own) return { file, line: Number(own[2]) };
  // JUnit (xunit1) gives the 0-based line of the `def`.
  return c.line !== undefined ? { file, line: c.line + 1 } : { file };
}

/** The first line of a JUnit message attribute. */
function firstLine(message: string): string {
  return message.split(/\r?\n/)[0]?.trim() ?? "";
}

/**
 * The test id as pytest prints it: `tests/test_a.py::TestK::test_name[1]` (the class is what the
 * classname adds to the file's dotted path).
 */
export function testId(c: JUnitCase): string {
  const file = c.file ?? (c.classname ? `${c.classname.replaceAll(".", "/")}.py` : c.name);
  if (c.classname === "") return file;
  const dotted = file.replace(/\.py$/, "").replaceAll("/", ".");
  const classes = c.classname.startsWith(`${dotted}.`)
    ? c.classname.slice(dotted.length + 1).split(".")
    : [];
  return [file, ...classes, c.name].join("::");
}

/** Findings: each failing or erroring test, and each file that could not be collected. */
export function pytestFindings(junit: JUnitSummary): Finding[] {
  return junit.cases.flatMap((c): Finding[] => {
    if (c.outcome !== "failed" && c.outcome !== "error") return [];
    const reason = isCollectionError(c)
      ? collectionRootCause(c.detail ?? "")
      : firstLine(c.message ?? "");
    const what = isCollectionError(c)
      ? "could not be collected"
      : c.outcome === "failed"
      ? "failed"
      : "errored";
    const at = place(c);
    return [{ message: `${testId(c)} ${what}${reason ? `: ${reason}` : ""}`, ...at }];
  });
}

/** How the suite's run ended, as the verdict needs it. */
export interface PytestRun {
  exitCode: number | null;
  timedOut: boolean;
  /** Counts from the JUnit report; undefined when the run wrote none (or it could not be parsed). */
  counts?: PytestCounts;
  /** The collection-errors line, when there were any. */
  collection?: string;
  /** Why there are no counts: the JUnit problem or the last line the runner printed. */
  problem?: string;
  /** The runner, in summaries (`pytest`, `python -m unittest`); default `pytest`. */
  tool?: string;
  /** Why the JUnit counts, the summary line and the exit code disagree (`reportsDisagree()`). */
  disagreement?: string;
  /** The command whose selection ran, for "collected no test" (`pytest tests/unit -m "not slow"`). */
  selection?: string;
  /** Tests found flaky across the runs. */
  flaky?: number;
  /** Put before the counts: "the maintainers' command stops at 27 collection errors; continued run: ". */
  prefix?: string;
  /** Appended to the summary, each after "; " (flaky tests, environment skips, reruns that hung). */
  notes?: readonly string[];
}

/** "2 failed, 40 passed, 3 skipped, 1 error", or "no tests ran". */
export function countsText(
  c: Pick<PytestCounts, "passed" | "failed" | "errors" | "skipped" | "xfailed">,
): string {
  const parts: Array<[number, string]> = [
    [c.failed, "failed"],
    [c.passed, "passed"],
    [c.skipped, "skipped"],
    [c.xfailed, "xfailed"],
    [c.errors, c.errors === 1 ? "error" : "errors"],
  ];
  const text = parts.filter(([n]) => n > 0).map(([n, label]) => `${n} ${label}`).join(", ");
  return text || "no tests ran";
}

/**
 * The verdict of a run. A run that never ran a test is never `pass`: a timeout, a missing report
 * or reports that disagree (JUnit, summary line, exit code) are `error`; a selection that collects
 * nothing is `unverified`; failures, errors or collection errors are `fail`; a non-zero exit with
 * nothing failed is `error`; a clean first run with a flaky test is `warn`.
 */
export function evaluatePytest(run: PytestRun): { status: Status; summary: string } {
  const tool = run.tool ?? "pytest";
  if (run.timedOut) {
    const seen = run.counts ? ` (${countsText(run.counts)} before the timeout)` : "";
    return { status: "error", summary: `${tool} timed out${seen}` };
  }
  const c = run.counts;
  if (!c) {
    return {
      status: "error",
      summary: `${tool} exited ${run.exitCode ?? "by a signal"} without a readable JUnit report${
        run.problem ? `: ${run.problem}` : ""
      }`,
    };
  }
  if (run.disagreement) return { status: "error", summary: run.disagreement };
  const text = `${run.prefix ?? ""}${countsText(c)}`;
  const collection = run.collection ? `; ${run.collection}` : "";
  const notes = (run.notes ?? []).map((n) => `; ${n}`).join("");
  if (c.total === 0 && c.collectionErrors === 0) {
    const selection = run.selection ? `\`${run.selection}\`` : tool;
    return {
      status: "unverified",
      summary: `the selection collected no test: ${selection} (exit ${
        run.exitCode ?? "by a signal"
      })${notes}`,
    };
  }
  if (c.failed > 0 || c.errors > 0 || c.collectionErrors > 0) {
    return { status: "fail", summary: `${text}${collection}${notes}` };
  }
  if (run.exitCode !== 0) {
    return {
      status: "error",
      summary: `${tool} exited ${run.exitCode ?? "by a signal"} although no test failed (${text})${
        run.problem ? `: ${run.problem}` : ""
      }${notes}`,
    };
  }
  if ((run.flaky ?? 0) > 0) return { status: "warn", summary: `${text}${notes}` };
  return { status: "pass", summary: `${text}${notes}` };
}
