/**
 * run.entrypoints: every declared way to start the project, started for real in the installed
 * environment through the executor (network off, short timeout): console scripts and
 * `python -m pkg` with `--help`; the `examples/` and demo scripts once each.
 * @module
 */
import { dirname, join } from "node:path";
import type { Check, CheckContext, CheckOutcome } from "../src/check.ts";
import {
  type ConsoleScript,
  evaluateStarts,
  exampleScripts,
  mainPackages,
  pyprojectScripts,
  setupCfgScripts,
  type StartResult,
} from "../src/integrity/entrypoints.ts";
import { readSnapshotText } from "../src/integrity/snapshot_text.ts";
import { INSTALL_CHECK, type PythonEnv, pythonEnvOf } from "../src/python/env.ts";
import { pythonLayout } from "../src/python/layout.ts";
import { failureLine } from "../src/python/output.ts";

/** Timeout of one `--help`. */
const HELP_TIMEOUT_MS = 30_000;
/** Timeout of one example (the default). */
export const EXAMPLE_TIMEOUT_MS = 30_000;

async function consoleScripts(ctx: CheckContext): Promise<ConsoleScript[]> {
  const out: ConsoleScript[] = [];
  for (const m of ctx.facts.manifests) {
    const text = await readSnapshotText(ctx.facts.root, m.path);
    if (text === undefined) continue;
    if (m.kind === "pyproject") out.push(...pyprojectScripts(text, m.path));
    if (m.kind === "setup.cfg") out.push(...setupCfgScripts(text, m.path));
  }
  return out;
}

/** The installed script, else the same call through the interpreter (`module:function`). */
async function scriptArgv(env: PythonEnv, s: ConsoleScript): Promise<string[]> {
  const bin = join(dirname(env.python), s.name);
  try {
    if ((await Deno.stat(bin)).isFile) return [bin, "--help"];
  } catch {
    // Not installed as a script: call its target.
  }
  const [module, func = "main"] = s.target.split(":");
  const call = [
    "import sys, importlib",
    `sys.argv = [${JSON.stringify(s.name)}, "--help"]`,
    `target = importlib.import_module(${JSON.stringify(module)})`,
    `for part in ${JSON.stringify(func.split("."))}: target = getattr(target, part)`,
    "sys.exit(target())",
  ].join("\n");
  return [env.python, "-c", call];
}

async function start(
  ctx: CheckContext,
  argv: string[],
  cwd: string,
  timeoutMs: number,
): Promise<{ failure?: string; evidence: number }> {
  const r = await ctx.exec(argv, { cwd, timeoutMs });
  const e = r.evidence;
  return e.exitCode === 0 ? { evidence: r.index } : { failure: failureLine(e), evidence: r.index };
}

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const { facts } = ctx;
  const layout = pythonLayout(facts.files);
  const scripts = await consoleScripts(ctx);
  const modules = mainPackages(facts.files, layout.packages);
  const examples = exampleScripts(facts.files);
  if (scripts.length + modules.length + examples.length === 0) return evaluateStarts([]);
  const env = pythonEnvOf(ctx);
  if (typeof env === "string") {
    return { status: "unverified", summary: `Cannot start the entry points: ${env}` };
  }
  const results: StartResult[] = [];
  for (const s of scripts) {
    const r = await start(ctx, await scriptArgv(env, s), env.importCwd, HELP_TIMEOUT_MS);
    results.push({
      kind: "entrypoint",
      what: `${s.name} --help`,
      file: s.file,
      ...(s.line ? { line: s.line } : {}),
      ...r,
    });
  }
  for (const m of modules) {
    const r = await start(ctx, [env.python, "-m", m, "--help"], env.importCwd, HELP_TIMEOUT_MS);
    const main = facts.files.includes(`src/${m}/__main__.py`)
      ? `src/${m}/__main__.py`
      : `${m}/__main__.py`;
    results.push({ kind: "entrypoint", what: `python -m ${m} --help`, file: main, ...r });
  }
  for (const path of examples) {
    const r = await start(ctx, [env.python, path], facts.root, EXAMPLE_TIMEOUT_MS);
    results.push({ kind: "example", what: `python ${path}`, file: path, ...r });
  }
  const outcome = evaluateStarts(results);
  const leftOut = env.leftOut ?? [];
  if (outcome.status !== "fail" || leftOut.length === 0) return outcome;
  // A partial environment: a failure may be the missing requirement's, not the target's.
  return {
    ...outcome,
    status: "unverified",
    summary: `${outcome.summary} (partial environment: ${
      leftOut.map((l) => l.requirement).join(", ")
    } left out)`,
  };
}

/** run.entrypoints: the declared ways to start the project, and its examples, started for real. */
export const runEntrypoints: Check = {
  id: "run.entrypoints",
  category: "docs",
  needs: [INSTALL_CHECK],
  applies: (facts) => facts.ecosystems.includes("python"),
  run,
};
