/**
 * build.python: does the project build a wheel, offline, with the backend install.python put in the
 * environment? `python -m build --wheel --no-isolation`, else `pip wheel --no-deps`.
 * @module
 */
import { join } from "node:path";
import type { Check, CheckContext, CheckOutcome, Finding } from "../src/check.ts";
import { hashFile } from "../src/file_hash.ts";
import { INSTALL_CHECK, pythonEnvOf } from "../src/python/env.ts";
import { failureLine } from "../src/python/output.ts";

async function wheelsIn(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && entry.name.endsWith(".whl")) names.push(entry.name);
  }
  return names.sort();
}

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const env = pythonEnvOf(ctx, false);
  if (typeof env === "string") return { status: "unverified", summary: `Cannot build: ${env}` };
  if (!env.buildReady) {
    return { status: "unverified", summary: "Cannot build: the build backend is not installed" };
  }
  const out = await ctx.tempDir("dist");
  const root = ctx.facts.root;
  const argv = env.tools.build
    ? [env.python, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, root]
    : [
      env.python,
      "-m",
      "pip",
      "wheel",
      "--no-deps",
      "--no-build-isolation",
      "--no-index",
      "-w",
      out,
      root,
    ];
  const tool = env.tools.build ? "python -m build" : "pip wheel";
  const r = await ctx.exec(argv, { timeoutMs: ctx.options.timeoutMs });
  const e = r.evidence;
  if (e.timedOut || e.startError) {
    return { status: "error", summary: `${tool}: ${failureLine(e)}` };
  }
  if (e.exitCode !== 0) {
    return { status: "fail", summary: `${tool} failed (exit ${e.exitCode}): ${failureLine(e)}` };
  }
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
    summary: `Built ${wheels.join(", ")} with ${tool} (${bytes} bytes)`,
    measurements: [{
      metric: "build.artifactBytes",
      value: bytes,
      unit: "bytes",
      evidence: r.index,
    }],
    findings,
  };
}

/** build.python: a wheel built offline in the environment install.python prepared. */
export const buildPython: Check = {
  id: "build.python",
  category: "build",
  needs: [INSTALL_CHECK],
  applies: (facts) => facts.manifests.some((m) => m.kind === "pyproject" || m.kind === "setup.py"),
  run,
};
