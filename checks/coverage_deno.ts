/**
 * `coverage.deno`: line and branch coverage of a Deno target, from the coverage `tests.deno`
 * collected in its one test run.
 * @module
 */
import { dirname, join } from "node:path";
import { safeReadText } from "../src/safe_read.ts";
import type {
  Check,
  CheckContext,
  CheckOutcome,
  DependencyResult,
  Finding,
  Measurement,
} from "../src/check.ts";
import {
  coverableFiles,
  denoEnv,
  type DenoTarget,
  diagnosticFinding,
  isDenoTestFile,
  isOwnFile,
  isTypeOnly,
  ownPath,
  readOutput,
  TEST_FILE_PATTERN,
  unfinishedOutcome,
  withDenoTarget,
} from "../src/deno_target.ts";
import { parseDenoDiagnostics } from "../src/parsers/deno_output.ts";
import { type LcovFile, lcovTotals, parseLcov } from "../src/parsers/lcov.ts";
import type { DenoTestData } from "./tests_deno.ts";

/** How many files a finding lists before it says "and N more". */
const LIST_LIMIT = 10;

/**
 * The coverage directory `tests.deno` handed over, or an `unverified` outcome saying why there
 * is none to read.
 */
export function coverageSource(dep: DependencyResult | undefined): string | CheckOutcome {
  if (dep === undefined) {
    return { status: "unverified", summary: "No coverage data: tests.deno did not run" };
  }
  const { status, summary } = dep.result;
  if (status === "skip" || status === "unverified" || status === "error") {
    return {
      status: "unverified",
      summary: `No coverage data: tests.deno ended ${status} (${summary})`,
    };
  }
  const dir = (dep.data as Partial<DenoTestData> | undefined)?.coverageDir;
  if (typeof dir !== "string") {
    return { status: "unverified", summary: "No coverage data: tests.deno handed over none" };
  }
  return dir;
}

function pct(value: number): string {
  return `${value.toFixed(1)}%`;
}

function listed(paths: readonly string[]): string {
  const shown = paths.slice(0, LIST_LIMIT).join(", ");
  return paths.length > LIST_LIMIT ? `${shown} and ${paths.length - LIST_LIMIT} more` : shown;
}

/**
 * Evaluate LCOV records against the threshold, counting only the target's own non-test source
 * files; `index` is the evidence the numbers came from. A source file no test loaded keeps the
 * check from passing, unless it is in `typeOnly` (declares only types, so nothing ever loads it).
 */
export function evaluateCoverage(
  target: Pick<DenoTarget, "root" | "config" | "files">,
  records: readonly LcovFile[],
  threshold: number,
  index: number,
  typeOnly: ReadonlySet<string> = new Set(),
): CheckOutcome {
  const own = records.flatMap((r) => {
    const path = ownPath(target.root, r.path);
    return path !== undefined && !isDenoTestFile(path) && isOwnFile(target, path)
      ? [{ ...r, path }]
      : [];
  });
  const totals = lcovTotals(own);
  if (totals.linesPercent === undefined) {
    return {
      status: "unverified",
      summary: "No coverage data for the target's own source files (no test loaded one)",
    };
  }
  const measurements: Measurement[] = [
    { metric: "coverage.lines", value: totals.linesPercent, unit: "percent", evidence: index },
  ];
  let branches = "";
  if (totals.branchesPercent !== undefined) {
    measurements.push({
      metric: "coverage.branches",
      value: totals.branchesPercent,
      unit: "percent",
      evidence: index,
    });
    branches = `, branches ${
      pct(totals.branchesPercent)
    } (${totals.branchesHit}/${totals.branchesFound})`;
  }
  const below: Finding[] = own
    .map((r) => ({ r, p: r.linesFound === 0 ? 100 : (r.linesHit / r.linesFound) * 100 }))
    .filter(({ p }) => p < threshold)
    .sort((a, b) => a.p - b.p)
    .map(({ r, p }) => ({
      message: `${pct(p)} of lines covered (${r.linesHit}/${r.linesFound})`,
      file: r.path,
    }));
  const loaded = new Set(own.map((r) => r.path));
  const unloaded = coverableFiles(target).filter((f) => !loaded.has(f) && !typeOnly.has(f));
  const notCounted = unloaded.length === 0
    ? ""
    : `; ${plural(unloaded.length)} never loaded by a test, not counted`;
  const findings = unloaded.length === 0 ? below : [...below, {
    message: `Never loaded by a test, not counted: ${listed(unloaded)}`,
  }];
  // A source file no test loads is uncovered code that Deno cannot count: never a pass.
  const status = totals.linesPercent >= threshold && unloaded.length === 0 ? "pass" : "warn";
  return {
    status,
    summary: `Lines ${
      pct(totals.linesPercent)
    } (${totals.linesHit}/${totals.linesFound})${branches} over ${
      plural(own.length)
    }; threshold ${threshold}%${notCounted}`,
    measurements,
    findings,
  };
}

function plural(files: number): string {
  return `${files} file${files === 1 ? "" : "s"}`;
}

async function runDenoCoverage(ctx: CheckContext, target: DenoTarget): Promise<CheckOutcome> {
  const source = coverageSource(ctx.dependency("tests.deno"));
  if (typeof source !== "string") return source;
  const lcovPath = join(await ctx.tempDir("lcov"), "cov.lcov");
  const run = await ctx.exec(
    // deno coverage's default exclude (`test\.(ts|…)$`) also drops `pytest.ts`: use deno test's own pattern.
    [
      target.deno,
      "coverage",
      "--lcov",
      `--exclude=${TEST_FILE_PATTERN}`,
      `--output=${lcovPath}`,
      source,
    ],
    { cwd: target.root, env: await denoEnv(ctx, target), artifacts: [lcovPath] },
  );
  const e = run.evidence;
  const unfinished = unfinishedOutcome(e, "deno coverage");
  if (unfinished) return unfinished;
  if (e.exitCode !== 0) {
    const diagnostics = parseDenoDiagnostics(await readOutput(run.stderrPath));
    const reason = diagnostics[0]?.message ?? `deno coverage exited ${e.exitCode ?? e.signal}`;
    return {
      status: "unverified",
      summary: `No coverage data: ${reason}`,
      findings: diagnostics.map((d) => diagnosticFinding(target.root, d)),
    };
  }
  let records: LcovFile[];
  try {
    records = parseLcov(await safeReadText(dirname(lcovPath), lcovPath));
  } catch (error) {
    return { status: "error", summary: `Cannot read the LCOV report: ${(error as Error).message}` };
  }
  const typeOnly = new Set<string>();
  await Promise.all(
    coverableFiles(target).map(async (f) => {
      const text = await safeReadText(target.root, f).catch(() => "");
      if (isTypeOnly(text)) typeOnly.add(f);
    }),
  );
  return evaluateCoverage(target, records, ctx.config.coverageThreshold, run.index, typeOnly);
}

/** `coverage.deno`: `deno coverage --lcov` over the tests' coverage, against the threshold. */
export const coverageDeno: Check = {
  id: "coverage.deno",
  category: "coverage",
  needs: ["tests.deno"],
  applies: (facts) => facts.ecosystems.includes("deno"),
  run: (ctx) => withDenoTarget(ctx, (target) => runDenoCoverage(ctx, target)),
};
