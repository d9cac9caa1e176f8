/**
 * tests.pytest: run the test suite once, offline, under coverage.py when it is available, and read
 * the JUnit report. The coverage data goes to coverage.python as `PytestData`.
 * @module
 */
import { join } from "node:path";
import type { Check, CheckContext, CheckOutcome, Measurement } from "../src/check.ts";
import { countMeasurements } from "../src/measurement.ts";
import { parseJUnit } from "../src/parsers/junit.ts";
import { pathCounts } from "../src/claims/scoped_counts.ts";
import { INSTALL_CHECK, pythonEnvOf } from "../src/python/env.ts";
import { failureLine } from "../src/python/output.ts";
import {
  countPytest,
  describeCollectionErrors,
  evaluatePytest,
  isCollectionError,
  type PytestCounts,
  pytestFindings,
  type PytestRun,
} from "../src/python/pytest_report.ts";

/** What tests.pytest hands to coverage.python. */
export interface PytestData {
  python: string;
  /** The coverage.py data file of the run. */
  coverageFile: string;
}

/** Where coverage.py writes, what it measures, and what it leaves out. */
export interface CoverageOptions {
  dataFile: string;
  /** First-party packages and modules (all code run when empty). */
  sources: readonly string[];
  /** Snapshot root, whose test folders are left out. */
  root: string;
  /** The environment's folder, left out when no source is named. */
  venv?: string;
}

/**
 * The argv of the one pytest run: JUnit (xunit1, with file and line), no cache written, collection
 * errors reported without stopping the run; under `coverage run --branch` when `coverage` is given.
 */
export function pytestArgv(python: string, junit: string, coverage?: CoverageOptions): string[] {
  const pytest = [
    "-m",
    "pytest",
    `--junitxml=${junit}`,
    "-o",
    "junit_family=xunit1",
    "-p",
    "no:cacheprovider",
    "--continue-on-collection-errors",
    "-q",
  ];
  if (!coverage) return [python, ...pytest];
  // With named sources the environment must stay measured: an installed package lives in it.
  const omit = [
    `${coverage.root}/tests/*`,
    `${coverage.root}/test/*`,
    "*/test_*.py",
    "*_test.py",
    "*/conftest.py",
    ...(coverage.venv && coverage.sources.length === 0 ? [`${coverage.venv}/*`] : []),
  ];
  return [
    python,
    "-m",
    "coverage",
    "run",
    "--branch",
    `--data-file=${coverage.dataFile}`,
    ...(coverage.sources.length > 0 ? [`--source=${coverage.sources.join(",")}`] : []),
    `--omit=${omit.join(",")}`,
    ...pytest,
  ];
}

function measurements(c: PytestCounts, evidence: number): Measurement[] {
  return [
    ...countMeasurements({
      "tests.passed": c.passed,
      "tests.failed": c.failed,
      "tests.errors": c.errors,
      "tests.skipped": c.skipped,
      "tests.xfailed": c.xfailed,
      "tests.total": c.total,
      "tests.collectionErrors": c.collectionErrors,
    }, evidence),
    { metric: "tests.durationMs", value: c.durationMs, unit: "ms", evidence },
  ];
}

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const env = pythonEnvOf(ctx);
  if (typeof env === "string") {
    return { status: "unverified", summary: `Cannot run pytest: ${env}` };
  }
  if (!env.tools.pytest) {
    return {
      status: "unverified",
      summary: "Cannot run pytest: it is not installed in the environment",
    };
  }
  const dir = await ctx.tempDir("pytest");
  const junitPath = join(dir, "junit.xml");
  const dataFile = join(dir, ".coverage");
  const venv = env.mode === "venv" ? join(env.python, "..", "..") : undefined;
  const argv = pytestArgv(
    env.python,
    junitPath,
    env.tools.coverage
      ? { dataFile, sources: env.packages, root: ctx.facts.root, ...(venv ? { venv } : {}) }
      : undefined,
  );
  const r = await ctx.exec(argv, { timeoutMs: ctx.options.timeoutMs });
  const e = r.evidence;
  const pytestRun: PytestRun = { exitCode: e.exitCode, timedOut: e.timedOut };
  let findings: CheckOutcome["findings"] = [];
  let scoped: Measurement[] = [];
  try {
    const junit = parseJUnit(await Deno.readTextFile(junitPath));
    scoped = pathCounts(junit.cases, r.index);
    pytestRun.counts = countPytest(junit);
    const collection = junit.cases.filter(isCollectionError);
    if (collection.length > 0) pytestRun.collection = describeCollectionErrors(collection);
    findings = pytestFindings(junit);
  } catch (error) {
    pytestRun.problem = e.exitCode === 0 ? (error as Error).message : failureLine(e);
  }
  const verdict = evaluatePytest(pytestRun);
  const offline = verdict.status !== "pass" && !e.network
    ? " (tests ran with the network off)"
    : "";
  const data: PytestData | undefined = env.tools.coverage
    ? { python: env.python, coverageFile: dataFile }
    : undefined;
  return {
    status: verdict.status,
    summary: verdict.summary + offline,
    measurements: pytestRun.counts ? [...measurements(pytestRun.counts, r.index), ...scoped] : [],
    findings,
    ...(data ? { data } : {}),
  };
}

/** tests.pytest: the test suite, run once with coverage, read from its JUnit report. */
export const testsPytest: Check = {
  id: "tests.pytest",
  category: "tests",
  needs: [INSTALL_CHECK],
  applies: (facts) => facts.testRunners.includes("pytest"),
  run,
};
