/**
 * coverage.python: line and branch coverage of the one pytest run, read with `coverage json`. A
 * source file that does not parse is left out of the totals and named, rather than voiding them.
 * @module
 */
import { dirname, join, relative } from "node:path";
import { safeReadText } from "../src/safe_read.ts";
import type { Check, CheckContext, CheckOutcome, Measurement } from "../src/check.ts";
import { parseCoverageTotals, unparsedFiles } from "../src/python/coverage_totals.ts";
import { failureLine, keptOutput } from "../src/python/output.ts";
import type { PytestData } from "./tests_pytest.ts";

const TESTS_CHECK = "tests.pytest";
const REPORT_TIMEOUT_MS = 120_000;

function percent(value: number): string {
  return `${Math.round(value * 10) / 10}%`;
}

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const dep = ctx.dependency(TESTS_CHECK);
  const data = dep?.data as PytestData | undefined;
  if (!dep || !data) {
    const why = dep
      ? `${TESTS_CHECK} ${dep.result.status}: ${dep.result.summary}`
      : `${TESTS_CHECK} did not run`;
    return { status: "unverified", summary: `No coverage data (${why})` };
  }
  const out = join(await ctx.tempDir("coverage"), "coverage.json");
  const r = await ctx.exec(
    [
      data.python,
      "-m",
      "coverage",
      "json",
      "--ignore-errors",
      `--data-file=${data.coverageFile}`,
      ...(data.rcfile ? [`--rcfile=${data.rcfile}`] : []),
      "-o",
      out,
    ],
    { timeoutMs: REPORT_TIMEOUT_MS },
  );
  if (r.evidence.exitCode !== 0) {
    return { status: "unverified", summary: `No coverage data: ${failureLine(r.evidence)}` };
  }
  let totals;
  try {
    // The report names a file under the snapshot relative to it (coverage json runs there).
    const named = (folder: string) =>
      folder.startsWith(`${ctx.facts.root}/`) ? relative(ctx.facts.root, folder) : folder;
    const copies = (data.copies ?? []).map((folders) => folders.map(named));
    totals = parseCoverageTotals(await safeReadText(dirname(out), out), copies);
  } catch (error) {
    return {
      status: "error",
      summary: `Cannot read the coverage report: ${(error as Error).message}`,
    };
  }
  if (!totals) {
    return { status: "unverified", summary: "No coverage data: no statement was measured" };
  }
  const measurements: Measurement[] = [
    { metric: "coverage.lines", value: totals.lines.percent, unit: "percent", evidence: r.index },
  ];
  let summary = `Lines ${
    percent(totals.lines.percent)
  } (${totals.lines.covered}/${totals.lines.total})`;
  if (totals.branches) {
    measurements.push({
      metric: "coverage.branches",
      value: totals.branches.percent,
      unit: "percent",
      evidence: r.index,
    });
    summary += `, branches ${
      percent(totals.branches.percent)
    } (${totals.branches.covered}/${totals.branches.total})`;
  }
  const threshold = ctx.config.coverageThreshold;
  const meets = totals.lines.percent >= threshold;
  const unparsed = unparsedFiles(keptOutput(r.evidence, "stderr"))
    .map((f) => relative(ctx.facts.root, f));
  const left = unparsed.length > 0
    ? `; ${unparsed.length} file${unparsed.length === 1 ? "" : "s"} that do not parse not counted`
    : "";
  const copies = (totals.leftOut ?? []).map((folder) => ({
    message:
      `${folder} is not counted: a second copy of a measured package, which the tests did not run`,
    evidence: r.index,
  }));
  return {
    status: meets ? "pass" : "warn",
    summary: `${summary}; ${meets ? "meets" : "below"} the ${threshold}% threshold${left}`,
    measurements,
    findings: [
      ...unparsed.map((file) => ({
        message: `${file} is not counted: coverage.py cannot parse it`,
        file,
        evidence: r.index,
      })),
      ...copies,
    ],
  };
}

/** coverage.python: lines and branches covered by the test run, against the configured threshold. */
export const coveragePython: Check = {
  id: "coverage.python",
  category: "coverage",
  needs: [TESTS_CHECK],
  applies: (facts) => facts.testRunners.includes("pytest"),
  run,
};
