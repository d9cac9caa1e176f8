/**
 * build.python: does the project build a wheel the way its maintainers build it? `python -m build
 * --wheel` with isolation through the configured index, then `--no-isolation` with the backend
 * install.python put in the environment; the harness's own faults are `unverified`, never `fail`.
 * @module
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { readProbeFile } from "../src/safe_read.ts";
import type { Check, CheckContext, CheckOutcome, Finding } from "../src/check.ts";
import type { ExecOptions, ExecResult } from "../src/exec/types.ts";
import { hashFile } from "../src/file_hash.ts";
import { firstErrorLine, harnessFault } from "../src/python/build_output.ts";
import {
  INSTALL_CHECK,
  PIP_PASS_ENV,
  pipEnv,
  type PythonEnv,
  pythonEnvOf,
} from "../src/python/env.ts";
import { failureLine } from "../src/python/output.ts";
import { pretendVersion, pretendVersionEnv } from "../src/python/pretend_version.ts";

async function wheelsIn(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && entry.name.endsWith(".whl")) names.push(entry.name);
  }
  return names.sort();
}

/** One build attempt: the tool, its recorded run, and its full output. */
interface Attempt {
  tool: string;
  result: ExecResult;
  output: string;
}

async function attempt(
  ctx: CheckContext,
  tool: string,
  argv: string[],
  options: ExecOptions,
): Promise<Attempt> {
  const result = await ctx.exec(argv, { timeoutMs: ctx.options.timeoutMs, ...options });
  const output = `${await readProbeFile(result.stdoutPath)}\n${await readProbeFile(
    result.stderrPath,
  )}`;
  return { tool, result, output };
}

const failed = (a: Attempt) => a.result.evidence.exitCode !== 0;

/**
 * Build as a maintainer would: `python -m build --wheel` with isolation through the configured
 * index; when that fails for a reason of the harness's environment (the index lacks the backend),
 * again with `--no-isolation` and the backend the layered environment holds. Without the `build`
 * tool, `pip wheel --no-deps --no-build-isolation` offline.
 */
async function build(ctx: CheckContext, env: PythonEnv, out: string): Promise<Attempt[]> {
  const root = ctx.facts.root;
  const versionEnv = pretendVersionEnv(pretendVersion());
  if (!env.tools.build) {
    const argv = [env.python, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"];
    return [
      await attempt(ctx, "pip wheel", [...argv, "--no-index", "-w", out, root], {
        env: versionEnv,
      }),
    ];
  }
  const isolated = await attempt(ctx, "python -m build", [
    env.python,
    "-m",
    "build",
    "--wheel",
    "--outdir",
    out,
    root,
  ], {
    network: "pip",
    passEnv: PIP_PASS_ENV,
    // The audit's own pip cache: the shared cache stays read-only to a build that runs the target.
    env: {
      ...pipEnv(await ctx.tempDir("pip-cache"), (k) => Deno.env.get(k), existsSync),
      ...versionEnv,
    },
  });
  if (!failed(isolated) || isolated.result.evidence.timedOut) return [isolated];
  if (harnessFault(isolated.output) === undefined) return [isolated];
  const offline = await attempt(ctx, "python -m build --no-isolation", [
    env.python,
    "-m",
    "build",
    "--wheel",
    "--no-isolation",
    "--skip-dependency-check",
    "--outdir",
    out,
    root,
  ], { env: versionEnv });
  return [isolated, offline];
}

/** The verdict of a failed last attempt: the harness's fault is `unverified`, the project's `fail`. */
function failedVerdict(attempts: readonly Attempt[]): CheckOutcome {
  const last = attempts.at(-1) as Attempt;
  const e = last.result.evidence;
  if (e.timedOut || e.startError) {
    return { status: "error", summary: `${last.tool}: ${failureLine(e)}` };
  }
  const faults = attempts.map((a) => harnessFault(a.output));
  const tried = attempts.length > 1
    ? ` (first with isolation: ${faults[0]}; then ${last.tool})`
    : "";
  const fault = faults.at(-1);
  if (fault !== undefined) {
    return {
      status: "unverified",
      summary: `Cannot build here: ${fault}${tried}`,
    };
  }
  const line = firstErrorLine(last.output) ?? failureLine(e);
  return { status: "fail", summary: `${last.tool} failed (exit ${e.exitCode}): ${line}${tried}` };
}

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const env = pythonEnvOf(ctx, false);
  if (typeof env === "string") return { status: "unverified", summary: `Cannot build: ${env}` };
  const out = await ctx.tempDir("dist");
  const attempts = await build(ctx, env, out);
  const last = attempts.at(-1) as Attempt;
  if (failed(last)) return failedVerdict(attempts);
  const tool = last.tool;
  const r = last.result;
  const wheels = await wheelsIn(out);
  if (wheels.length === 0) {
    return {
      status: "error",
      summary: `${tool} succeeded but no wheel was found in its output folder`,
    };
  }
  const findings: Finding[] = [];
  let bytes = 0;
  for (const name of wheels) {
    const hash = await hashFile(join(out, name));
    bytes += hash.bytes;
    findings.push({ message: `Built ${name}: ${hash.bytes} bytes, sha256 ${hash.sha256}` });
  }
  return {
    status: "pass",
    summary: `Built ${wheels.join(", ")} with ${tool} (${bytes} bytes)${
      attempts.length > 1
        ? `; the isolated build could not run: ${harnessFault(attempts[0]?.output ?? "")}`
        : ""
    }`,
    measurements: [{
      metric: "build.artifactBytes",
      value: bytes,
      unit: "bytes",
      evidence: r.index,
    }],
    findings,
  };
}

/** build.python: a wheel built with isolation, else with the backend install.python prepared. */
export const buildPython: Check = {
  id: "build.python",
  category: "build",
  needs: [INSTALL_CHECK],
  applies: (facts) => facts.manifests.some((m) => m.kind === "pyproject" || m.kind === "setup.py"),
  run,
};
