/**
 * `tests.deno`: run a Deno target's test suite once, with coverage collected in the same run.
 * @module
 */
import { dirname, join } from "node:path";
import { safeReadText, UnsafeFileError } from "../src/safe_read.ts";
import type {
  Check,
  CheckContext,
  CheckOutcome,
  Evidence,
  Finding,
  Measurement,
} from "../src/check.ts";
import {
  denoEnv,
  type DenoTarget,
  diagnosticFinding,
  installDependencies,
  offlineOutcome,
  ownPath,
  place,
  readOutput,
  sourceFiles,
  testFiles,
  unfinishedOutcome,
  withDenoTarget,
} from "../src/deno_target.ts";
import { parseDenoDiagnostics, parseDenoTestFailures } from "../src/parsers/deno_output.ts";
import { countMeasurements } from "../src/measurement.ts";
import { type JUnitSummary, parseJUnit } from "../src/parsers/junit.ts";

/** What `tests.deno` hands to the checks that need it. */
export interface DenoTestData {
  /** Where `deno test --coverage` wrote its raw coverage (may be empty or missing). */
  coverageDir: string;
}

/** The JUnit report a run left: its text, nothing, or a file that could not be read. */
export type JUnitFile =
  | { kind: "text"; text: string }
  | { kind: "missing" }
  | { kind: "unreadable"; reason: string };

/** What one `deno test` run left to evaluate. */
export interface DenoTestRun {
  evidence: Evidence;
  /** Index of `evidence` in the check's evidence list. */
  index: number;
  junit: JUnitFile;
  stdout: string;
  stderr: string;
  /** The snapshot root, to make paths relative. */
  root: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function measurements(s: JUnitSummary, index: number, durationMs: number): Measurement[] {
  return [
    ...countMeasurements({
      "tests.passed": s.passed,
      "tests.failed": s.failed,
      "tests.errors": s.errors,
      "tests.skipped": s.skipped,
      "tests.total": s.tests,
    }, index),
    { metric: "tests.durationMs", value: durationMs, unit: "ms", evidence: index },
  ];
}

function at(
  root: string,
  file: string | undefined,
  line: number | undefined,
): Omit<Finding, "message"> {
  const own = file === undefined ? undefined : ownPath(root, file);
  return own === undefined ? {} : { file: own, ...(line ? { line } : {}) };
}

/** Findings for the failed cases of the JUnit report and the failures only stdout lists. */
function failureFindings(run: DenoTestRun, s: JUnitSummary): Finding[] {
  const failed = s.cases.filter((c) => c.outcome === "failed" || c.outcome === "error");
  const names = new Set(failed.map((c) => c.name));
  const fromJUnit = failed.map((c) => ({
    message: `Test "${c.name}" failed${c.message ? `: ${c.message}` : ""}`,
    ...at(run.root, c.file ?? c.classname, c.line),
  }));
  const elsewhere = parseDenoTestFailures(run.stdout)
    .filter((f) => !names.has(f.name))
    .map((f) => ({ message: `${f.name} failed`, ...at(run.root, f.file, f.line) }));
  return [...fromJUnit, ...elsewhere];
}

/** The outcome of a run that left no JUnit report. */
function withoutJUnit(run: DenoTestRun): CheckOutcome {
  const e = run.evidence;
  const output = `${run.stdout}\n${run.stderr}`;
  if (/No test modules found/.test(output)) {
    return {
      status: "fail",
      summary: "No tests ran: deno test found no test modules",
      measurements: measurements(
        { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0, durationMs: 0, cases: [] },
        run.index,
        e.durationMs,
      ),
    };
  }
  const diagnostics = parseDenoDiagnostics(run.stderr);
  const offline = offlineOutcome(output, diagnostics);
  if (offline) return offline;
  const first = diagnostics[0];
  if (first !== undefined) {
    const at = place(diagnosticFinding(run.root, first));
    const where = at ? ` (${at})` : "";
    return {
      status: "fail",
      summary: `deno test could not load the tests: ${first.message}${where}`,
      findings: diagnostics.map((d) => diagnosticFinding(run.root, d)),
    };
  }
  return {
    status: "error",
    summary: `Cannot read the JUnit report: deno test exited ${
      e.exitCode ?? e.signal
    } without writing it`,
  };
}

/** Turn one `deno test` run into the check's outcome (pass needs ≥ 1 test, 0 failures, exit 0). */
export function evaluateDenoTests(run: DenoTestRun): CheckOutcome {
  const e = run.evidence;
  const unfinished = unfinishedOutcome(e, "deno test");
  if (unfinished) return unfinished;
  if (run.junit.kind === "missing") return withoutJUnit(run);
  if (run.junit.kind === "unreadable") {
    return { status: "error", summary: `Cannot read the JUnit report: ${run.junit.reason}` };
  }
  let s: JUnitSummary;
  try {
    s = parseJUnit(run.junit.text);
  } catch (error) {
    return {
      status: "error",
      summary: `Cannot read the JUnit report: ${(error as Error).message}`,
    };
  }
  const base = {
    measurements: measurements(s, run.index, e.durationMs),
    findings: failureFindings(run, s),
  };
  const ran = s.tests - s.skipped;
  const skipped = s.skipped > 0 ? `, ${s.skipped} skipped` : "";
  if (ran === 0) return { status: "fail", summary: `No tests ran${skipped}`, ...base };
  const failed = s.failed + s.errors;
  if (failed > 0) {
    return {
      status: "fail",
      summary: `${failed} of ${plural(ran, "test")} failed${skipped}`,
      ...base,
    };
  }
  if (e.exitCode !== 0) {
    const reason = base.findings[0]?.message ?? parseDenoDiagnostics(run.stderr)[0]?.message ??
      "no failure listed";
    return {
      status: "fail",
      summary: `deno test exited ${e.exitCode ?? e.signal} although its JUnit report lists ${
        plural(s.passed, "passed test")
      } and no failure: ${reason}`,
      ...base,
    };
  }
  return { status: "pass", summary: `${plural(s.passed, "test")} passed${skipped}`, ...base };
}

async function readJUnit(path: string): Promise<JUnitFile> {
  try {
    return { kind: "text", text: await safeReadText(dirname(path), path) };
  } catch (error) {
    if (error instanceof UnsafeFileError && error.reason === "missing") return { kind: "missing" };
    return { kind: "unreadable", reason: `${path}: ${(error as Error).message}` };
  }
}

async function runDenoTests(ctx: CheckContext, target: DenoTarget): Promise<CheckOutcome> {
  const env = await denoEnv(ctx, target);
  const blocked = await installDependencies(ctx, target, env, [
    ...sourceFiles(target),
    ...testFiles(target),
  ]);
  if (blocked) return blocked;
  const out = await ctx.tempDir("run");
  const junitPath = join(out, "junit.xml");
  const coverageDir = join(out, "cov");
  const run = await ctx.exec([
    target.deno,
    "test",
    "--no-check",
    "--allow-all",
    `--junit-path=${junitPath}`,
    `--coverage=${coverageDir}`,
  ], { cwd: target.root, env, artifacts: [junitPath] });
  const started = run.evidence.startError === undefined;
  const outcome = evaluateDenoTests({
    evidence: run.evidence,
    index: run.index,
    junit: await readJUnit(junitPath),
    stdout: started ? await readOutput(run.stdoutPath) : "",
    stderr: started ? await readOutput(run.stderrPath) : "",
    root: target.root,
  });
  const data: DenoTestData = { coverageDir };
  return { ...outcome, data };
}

/** `tests.deno`: `deno test` with a JUnit report and coverage in one run. */
export const testsDeno: Check = {
  id: "tests.deno",
  category: "tests",
  applies: (facts) => facts.ecosystems.includes("deno"),
  run: (ctx) => withDenoTarget(ctx, (target) => runDenoTests(ctx, target)),
};
