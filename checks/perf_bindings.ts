/**
 * `perf.bindings`: measure what `claimcheck.json` binds claims to — a command timed over repeated
 * runs (`perf.command.<slug>`, ms, median with spread) or a file's size (`size.<slug>`, bytes).
 * @module
 */
import { resolveInside } from "../src/safe_read.ts";
import { isAbsolute, normalize } from "node:path";
import type { Check, CheckContext, CheckOutcome, Finding, Measurement } from "../src/check.ts";
import { bindingMetric } from "../src/claims/bindings.ts";
import type { Binding } from "../src/config.ts";
import type { Evidence } from "../src/evidence.ts";
import { formatValue } from "../src/report/format.ts";
import { summarize } from "../src/stats.ts";

/** What became of one binding: a measurement, or why there is none. */
export type BindingResult =
  | { binding: Binding; metric: string; measurement: Measurement }
  | { binding: Binding; metric: string; failure: string };

/** Why a probe gives no timing, or undefined when it exited 0. */
export function runFailure(evidence: Evidence): string | undefined {
  if (evidence.startError !== undefined) return `could not start: ${evidence.startError}`;
  if (evidence.timedOut) return `timed out after ${Math.round(evidence.durationMs)} ms`;
  if (evidence.exitCode === 0) return undefined;
  if (evidence.exitCode === null) return `was killed by ${evidence.signal ?? "a signal"}`;
  return `exited ${evidence.exitCode}`;
}

/** One warm-up run, then `runs` timed runs; the first failing run ends the binding. */
async function timeCommand(
  ctx: CheckContext,
  binding: Binding,
  command: string[],
): Promise<BindingResult> {
  const metric = bindingMetric(binding);
  const durations: number[] = [];
  let first: number | undefined;
  for (let run = 0; run <= binding.runs; run++) {
    const result = await ctx.exec(command, { timeoutMs: ctx.options.timeoutMs });
    const failure = runFailure(result.evidence);
    if (failure !== undefined) {
      const which = run === 0 ? "the warm-up run" : `timed run ${run}`;
      return { binding, metric, failure: `${which} ${failure}` };
    }
    if (run === 0) continue;
    first ??= result.index;
    durations.push(result.evidence.durationMs);
  }
  const stats = summarize(durations);
  const measurement: Measurement = { metric, value: stats.median, unit: "ms", stats };
  if (first !== undefined) measurement.evidence = first;
  return { binding, metric, measurement };
}

/** A file's size in the snapshot; a path outside it or a missing file is a failure. */
async function measureFile(
  ctx: CheckContext,
  binding: Binding,
  file: string,
): Promise<BindingResult> {
  const metric = bindingMetric(binding);
  const path = normalize(file).replace(/^\.\//, "");
  if (isAbsolute(path) || path.startsWith("../") || path === "..") {
    return { binding, metric, failure: `${file} lies outside the target` };
  }
  if (!ctx.facts.files.includes(path)) {
    return { binding, metric, failure: `no file ${path} in the snapshot` };
  }
  let size: number;
  try {
    // Every symlink hop must stay inside the tree: a size of ~/.ssh/id_rsa is no measurement.
    const info = await Deno.lstat(await resolveInside(ctx.facts.root, path));
    if (!info.isFile) return { binding, metric, failure: `${path} is not a regular file` };
    size = info.size;
  } catch (error) {
    return { binding, metric, failure: (error as Error).message };
  }
  return { binding, metric, measurement: { metric, value: size, unit: "bytes" } };
}

function probeText(binding: Binding): string {
  return binding.command !== undefined ? binding.command.join(" ") : `size of ${binding.file}`;
}

/**
 * Turn the bindings' results into the check's outcome: pass when every binding was measured, fail
 * when any was not. One finding per binding maps its phrase to its metric.
 */
export function evaluateBindings(results: readonly BindingResult[]): CheckOutcome {
  if (results.length === 0) {
    return { status: "skip", summary: "No claim bindings in claimcheck.json" };
  }
  const measurements: Measurement[] = [];
  const findings: Finding[] = [];
  const failed: string[] = [];
  for (const result of results) {
    const head = `"${result.binding.claim}" → ${result.metric} (${probeText(result.binding)})`;
    if ("measurement" in result) {
      measurements.push(result.measurement);
      const runs = result.measurement.stats
        ? ` median of ${result.measurement.stats.runs} runs`
        : "";
      const value = formatValue(result.measurement.value, result.measurement.unit);
      findings.push({ message: `${head}: ${value}${runs}`, file: "claimcheck.json" });
    } else {
      failed.push(`"${result.binding.claim}" ${result.failure}`);
      findings.push({ message: `${head}: ${result.failure}`, file: "claimcheck.json" });
    }
  }
  const total = `${results.length} binding${results.length === 1 ? "" : "s"}`;
  if (failed.length > 0) {
    return {
      status: "fail",
      summary: `${failed.length} of ${total} not measured: ${failed.join("; ")}`,
      measurements,
      findings,
    };
  }
  return { status: "pass", summary: `Measured ${total}`, measurements, findings };
}

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const results: BindingResult[] = [];
  for (const binding of ctx.config.bindings) {
    if (binding.command !== undefined) {
      results.push(await timeCommand(ctx, binding, binding.command));
    } else if (binding.file !== undefined) {
      results.push(await measureFile(ctx, binding, binding.file));
    }
  }
  return evaluateBindings(results);
}

/**
 * `perf.bindings`: time the commands and size the files that `claimcheck.json` binds claims to
 * (one warm-up, then `runs` timed runs, network off). Skips when there are no bindings.
 */
export const perfBindings: Check = {
  id: "perf.bindings",
  category: "perf",
  applies: () => true,
  run,
};
