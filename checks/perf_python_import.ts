/**
 * perf.python-import: how long a clean process takes to import each first-party package, from
 * `python -X importtime` (1 warm-up, then timed runs), offline.
 * @module
 */
import { readProbeFile } from "../src/safe_read.ts";
import type { Check, CheckContext, CheckOutcome, Finding, Measurement } from "../src/check.ts";
import { INSTALL_CHECK, type PythonEnv, pythonEnvOf, sourceImportEnv } from "../src/python/env.ts";
import { parseImportTime } from "../src/python/import_time.ts";
import { failureLine } from "../src/python/output.ts";
import { summarize } from "../src/stats.ts";

/** Timed runs per package, after one warm-up. */
export const IMPORT_RUNS = 5;
const RUN_TIMEOUT_MS = 60_000;

type Timing = { samples: number[]; evidence: number } | { error: string };

async function time(ctx: CheckContext, env: PythonEnv, pkg: string): Promise<Timing> {
  const samples: number[] = [];
  let evidence = 0;
  for (let i = 0; i <= IMPORT_RUNS; i++) {
    const r = await ctx.exec([env.python, "-X", "importtime", "-c", `import ${pkg}`], {
      cwd: env.importCwd,
      timeoutMs: RUN_TIMEOUT_MS,
      env: sourceImportEnv(env),
    });
    const e = r.evidence;
    if (e.exitCode !== 0) {
      return { error: failureLine(e) };
    }
    const micros = parseImportTime(await readProbeFile(r.stderrPath), pkg);
    if (micros === undefined) return { error: "no import time was reported for it" };
    if (i > 0) samples.push(micros / 1000);
    evidence = r.index;
  }
  return { samples, evidence };
}

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const env = pythonEnvOf(ctx);
  if (typeof env === "string") {
    return { status: "unverified", summary: `Cannot time imports: ${env}` };
  }
  const packages = env.packages.filter((p) => env.imports[p] === null);
  if (packages.length === 0) {
    return {
      status: "unverified",
      summary: env.packages.length === 0
        ? "Cannot time imports: no first-party package was found"
        : "Cannot time imports: no first-party package imports",
    };
  }
  const measurements: Measurement[] = [];
  const findings: Finding[] = [];
  let slowest: Measurement | undefined;
  for (const pkg of packages) {
    const t = await time(ctx, env, pkg);
    if ("error" in t) {
      findings.push({ message: `Cannot time import ${pkg}: ${t.error}` });
      continue;
    }
    const stats = summarize(t.samples);
    const m: Measurement = {
      metric: `perf.import.${pkg}`,
      value: stats.median,
      unit: "ms",
      stats,
      evidence: t.evidence,
    };
    measurements.push(m);
    if (!slowest || m.value > slowest.value) slowest = m;
  }
  if (!slowest) {
    return { status: "error", summary: "Cannot time any import", findings };
  }
  measurements.push({ ...slowest, metric: "perf.import" });
  const parts = measurements.slice(0, -1).map((m) =>
    `${m.metric.slice("perf.import.".length)} ${m.value.toFixed(1)} ms`
  );
  return {
    status: findings.length > 0 ? "warn" : "pass",
    summary: `Import time (median of ${IMPORT_RUNS}): ${parts.join(", ")}`,
    measurements,
    findings,
  };
}

/** perf.python-import: import time of each first-party package in a clean process. */
export const perfPythonImport: Check = {
  id: "perf.python-import",
  category: "perf",
  needs: [INSTALL_CHECK],
  applies: (facts) => facts.ecosystems.includes("python"),
  run,
};
