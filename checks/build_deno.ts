/**
 * `build.deno`: type-check a Deno target's entry points with `deno check`.
 * @module
 */
import type { Check, CheckContext, CheckOutcome, Evidence, Measurement } from "../src/check.ts";
import {
  denoEnv,
  type DenoTarget,
  diagnosticFinding,
  entryPoints,
  installDependencies,
  offlineOutcome,
  place,
  readOutput,
  testFiles,
  unfinishedOutcome,
  withDenoTarget,
} from "../src/deno_target.ts";
import { type DenoDiagnostic, parseDenoDiagnostics } from "../src/parsers/deno_output.ts";

/** What one `deno check` run left to evaluate. */
export interface DenoCheckRun {
  evidence: Evidence;
  /** Index of `evidence` in the check's evidence list. */
  index: number;
  /** Its full stderr (where deno prints diagnostics). */
  stderr: string;
  /** The snapshot root, to make diagnostic paths relative. */
  root: string;
  /** How many entry points were checked. */
  entries: number;
}

/** Turn one `deno check` run into the check's outcome. */
export function evaluateDenoCheck(run: DenoCheckRun): CheckOutcome {
  const e = run.evidence;
  const unfinished = unfinishedOutcome(e, "deno check");
  if (unfinished) return unfinished;
  const diagnostics = parseDenoDiagnostics(run.stderr);
  const errors = (n: number): Measurement[] => [
    { metric: "build.errors", value: n, unit: "count", evidence: run.index },
  ];
  if (e.exitCode === 0) {
    return {
      status: "pass",
      summary: `deno check passed on ${run.entries} entry point${run.entries === 1 ? "" : "s"}`,
      measurements: errors(0),
    };
  }
  const typed = diagnostics.filter((d) => d.code !== undefined);
  const offline = typed.length === 0 ? offlineOutcome(run.stderr, diagnostics) : undefined;
  if (offline) return offline;
  if (diagnostics.length === 0) {
    return {
      status: "error",
      summary: `deno check exited ${e.exitCode ?? e.signal} without a diagnostic`,
    };
  }
  const first = diagnosticFinding(run.root, diagnostics[0] as DenoDiagnostic);
  const at = place(first);
  return {
    status: "fail",
    summary: `deno check found ${diagnostics.length} error${
      diagnostics.length === 1 ? "" : "s"
    }, first${at ? ` at ${at}` : ""}: ${first.message}`,
    measurements: errors(diagnostics.length),
    findings: diagnostics.map((d) => diagnosticFinding(run.root, d)),
  };
}

async function runDenoCheck(ctx: CheckContext, target: DenoTarget): Promise<CheckOutcome> {
  const entries = entryPoints(target);
  if (entries.length === 0) {
    return { status: "skip", summary: "No TypeScript source file to type-check" };
  }
  const env = await denoEnv(ctx, target);
  const blocked = await installDependencies(ctx, target, env, [...entries, ...testFiles(target)]);
  if (blocked) return blocked;
  const run = await ctx.exec([target.deno, "check", "--allow-import", ...entries], {
    cwd: target.root,
    env,
  });
  return evaluateDenoCheck({
    evidence: run.evidence,
    index: run.index,
    stderr: run.evidence.startError ? "" : await readOutput(run.stderrPath),
    root: target.root,
    entries: entries.length,
  });
}

/** `build.deno`: `deno check` over the target's entry points; type errors fail with file:line. */
export const buildDeno: Check = {
  id: "build.deno",
  category: "build",
  applies: (facts) => facts.ecosystems.includes("deno"),
  run: (ctx) => withDenoTarget(ctx, (target) => runDenoCheck(ctx, target)),
};
