/**
 * run.entrypoints: every declared way to start the project, started for real in the installed
 * environment through the executor (network off, short timeout): console scripts, `python -m pkg`
 * and package.json `bin` entries with `--help`; a Dockerfile's `ENTRYPOINT`/`CMD`: a Python module or
 * script imported, not run, other programs run directly (not in Docker) with the project's
 * environment, where still running after {@link DOCKER_TIMEOUT_MS} counts as started (a server); the `examples/` and demo scripts once each, and the `python`,
 * `node` and `npx` commands of the documents' shell blocks that point at the repository's files or
 * modules. A declared file the repository does not hold is a failure without running anything.
 * @module
 */
import { dirname, join } from "node:path";
import type { Check, CheckContext, CheckOutcome, Evidence } from "../src/check.ts";
import {
  type ConsoleScript,
  evaluateStarts,
  exampleScripts,
  mainPackages,
  pyprojectScripts,
  setupCfgScripts,
  type StartResult,
} from "../src/integrity/entrypoints.ts";
import {
  type Declared,
  dockerStart,
  documentedCommands,
  importCheckArgv,
  packageBins,
  resolveCommand,
  type Runtime,
} from "../src/integrity/launchers.ts";
import { readSnapshotText } from "../src/integrity/snapshot_text.ts";
import { INSTALL_CHECK, type PythonEnv, pythonEnvOf, sourceImportEnv } from "../src/python/env.ts";
import { pythonLayout } from "../src/python/layout.ts";
import { failureLine, keptOutput } from "../src/python/output.ts";

/** Timeout of one `--help`. */
const HELP_TIMEOUT_MS = 30_000;
/** Timeout of one example (the default). */
export const EXAMPLE_TIMEOUT_MS = 30_000;
/** How long a Dockerfile's command runs before it counts as started (a server keeps running). */
export const DOCKER_TIMEOUT_MS = 10_000;
/** Dockerfiles read at most. */
const MAX_DOCKERFILES = 5;
const DOCKERFILE = /(^|\/)(Dockerfile|[^/]+\.Dockerfile|Dockerfile\.[\w.-]+)$/;

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

/**
 * Why a start failed, in one line: for Node (whose stderr ends with its version line) the first
 * `…Error…:` line, else the last line as for Python.
 */
function startFailure(e: Evidence): string {
  const lines = keptOutput(e, "stderr").trim().split("\n");
  if (!e.timedOut && /^Node\.js v\d/.test(lines.at(-1)?.trim() ?? "")) {
    const error = lines.find((l) => /^(\w*Error|Error \[\w+\])\b.*:/.test(l.trim()));
    if (error !== undefined) return error.trim();
  }
  return failureLine(e);
}

async function start(
  ctx: CheckContext,
  argv: string[],
  cwd: string,
  timeoutMs: number,
  runningIsStarted = false,
  env: Record<string, string> = {},
): Promise<{ failure?: string; evidence: number }> {
  const r = await ctx.exec(argv, { cwd, timeoutMs, env });
  const e = r.evidence;
  const started = e.exitCode === 0 || (runningIsStarted && e.timedOut);
  return started ? { evidence: r.index } : { failure: startFailure(e), evidence: r.index };
}

/** A command found in the repository and how to start it (`kind` and `what` as in the report). */
interface Launch {
  kind: StartResult["kind"];
  declared: Declared;
  what: string;
  options: { workdir?: string; direct?: boolean };
  timeoutMs: number;
  runningIsStarted: boolean;
  /** A Dockerfile's command: a Python one is imported, not run (see `importCheckArgv`). */
  importOnly?: true;
}

/** Dockerfile commands, package.json bins with `--help`, and the documents' commands. */
async function launches(ctx: CheckContext, runtime: Runtime): Promise<Launch[]> {
  const { facts } = ctx;
  const out: Launch[] = [];
  const own = (f: string) => !/(^|\/)(node_modules|fixtures|testdata|vendor)\//.test(f);
  for (
    const path of facts.files.filter((f) => DOCKERFILE.test(f) && own(f)).slice(0, MAX_DOCKERFILES)
  ) {
    const text = await readSnapshotText(facts.root, path);
    const docker = text === undefined ? undefined : dockerStart(text, path);
    if (docker === undefined) continue;
    out.push({
      kind: "entrypoint",
      declared: docker,
      what: docker.argv.join(" "),
      options: { direct: true, ...(docker.workdir ? { workdir: docker.workdir } : {}) },
      timeoutMs: DOCKER_TIMEOUT_MS,
      runningIsStarted: true,
      importOnly: true,
    });
  }
  for (const bin of runtime.bins) {
    out.push({
      kind: "entrypoint",
      declared: { argv: ["npx", bin.name, "--help"], file: bin.file, line: bin.line },
      what: `${bin.name} --help`,
      options: {},
      timeoutMs: HELP_TIMEOUT_MS,
      runningIsStarted: false,
    });
  }
  for (const doc of facts.docs.filter((d) => /\.(md|markdown)$/i.test(d.path))) {
    const text = await readSnapshotText(facts.root, doc.path);
    for (const declared of text === undefined ? [] : documentedCommands(text, doc.path)) {
      const script = /\.(py|[mc]?js)$/.test(declared.argv.at(-1) ?? "") ||
        declared.argv[0] === "node";
      out.push({
        kind: script && declared.argv[0] !== "npx" && !declared.argv.includes("-m")
          ? "example"
          : "entrypoint",
        declared,
        what: declared.argv.join(" "),
        options: {},
        timeoutMs: EXAMPLE_TIMEOUT_MS,
        runningIsStarted: false,
      });
    }
  }
  return out;
}

/** The program a command starts when the Python environment has it as a console script. */
async function installedScripts(env: PythonEnv | undefined, launches: readonly Launch[]) {
  const out = new Map<string, string>();
  if (env === undefined) return out;
  for (const l of launches.filter((l) => l.options.direct)) {
    const name = l.declared.argv[0] ?? "";
    const bin = join(dirname(env.python), name);
    if (/^[\w.-]+$/.test(name) && await Deno.stat(bin).then((i) => i.isFile, () => false)) {
      out.set(name, bin);
    }
  }
  return out;
}

/** Console scripts and `python -m pkg` with `--help`, and each example script once. */
async function pythonStarts(
  ctx: CheckContext,
  env: PythonEnv,
  scripts: readonly ConsoleScript[],
  modules: readonly string[],
  examples: readonly string[],
): Promise<StartResult[]> {
  const results: StartResult[] = [];
  const importEnv = sourceImportEnv(env);
  for (const s of scripts) {
    const argv = await scriptArgv(env, s);
    const r = await start(ctx, argv, env.importCwd, HELP_TIMEOUT_MS, false, importEnv);
    results.push({
      kind: "entrypoint",
      what: `${s.name} --help`,
      file: s.file,
      ...(s.line ? { line: s.line } : {}),
      ...r,
    });
  }
  for (const m of modules) {
    const argv = [env.python, "-m", m, "--help"];
    const r = await start(ctx, argv, env.importCwd, HELP_TIMEOUT_MS, false, importEnv);
    const files = ctx.facts.files;
    const main = files.includes(`src/${m}/__main__.py`)
      ? `src/${m}/__main__.py`
      : `${m}/__main__.py`;
    results.push({ kind: "entrypoint", what: `python -m ${m} --help`, file: main, ...r });
  }
  for (const path of examples) {
    const r = await start(
      ctx,
      [env.python, path],
      ctx.facts.root,
      EXAMPLE_TIMEOUT_MS,
      false,
      importEnv,
    );
    results.push({ kind: "example", what: `python ${path}`, file: path, ...r });
  }
  return results;
}

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const { facts } = ctx;
  const layout = pythonLayout(facts.files);
  const python = facts.ecosystems.includes("python");
  const scripts = python ? await consoleScripts(ctx) : [];
  const modules = python ? mainPackages(facts.files, layout.packages) : [];
  const examples = python ? exampleScripts(facts.files) : [];
  const found = pythonEnvOf(ctx);
  const env = typeof found === "string" ? undefined : found;
  const packageJson = facts.manifests.find((m) =>
    m.kind === "package.json" && !m.path.includes("/")
  );
  const json = packageJson && await readSnapshotText(facts.root, packageJson.path);
  const runtime: Runtime = {
    files: new Set(facts.files),
    modules: new Set(layout.firstParty),
    bins: json ? packageBins(json, packageJson.path) : [],
    ...(env ? { python: env.python } : {}),
    ...(facts.interpreters.node ? { node: facts.interpreters.node.path } : {}),
  };
  const declared = await launches(ctx, runtime);
  runtime.installed = await installedScripts(env, declared);
  if (scripts.length + modules.length + examples.length + declared.length === 0) {
    return evaluateStarts([]);
  }
  const results: StartResult[] = [];
  const notStarted: string[] = [];
  if (env === undefined && scripts.length + modules.length + examples.length > 0) {
    notStarted.push(`the Python entry points: ${found}`);
  }
  if (env !== undefined) results.push(...await pythonStarts(ctx, env, scripts, modules, examples));
  const started = new Set([...examples, ...modules]);
  const importEnv = sourceImportEnv(env);
  for (const l of declared) {
    const resolved = resolveCommand(l.declared.argv, runtime, l.options);
    if ("unavailable" in resolved) {
      // Only a missing runtime leaves a command unstarted; `python -c …` starts nothing of the project.
      if (/ here$/.test(resolved.unavailable)) {
        notStarted.push(`${l.what}: ${resolved.unavailable}`);
      }
      continue;
    }
    if (started.has(resolved.target) && l.declared.argv[0] !== "npx") continue;
    started.add(resolved.target);
    const place = { kind: l.kind, what: l.what, file: l.declared.file, line: l.declared.line };
    const subject = { subject: resolved.target };
    if ("missing" in resolved) {
      results.push({ ...place, ...subject, failure: `${resolved.missing} does not exist` });
      continue;
    }
    // `python -m` imports the installed project, as console scripts do; files run from the root.
    const cwd = env !== undefined && resolved.argv[1] === "-m" ? env.importCwd : facts.root;
    const imported = l.importOnly ? importCheckArgv(resolved.argv, runtime.python) : undefined;
    const r = imported
      ? await start(ctx, imported, cwd, HELP_TIMEOUT_MS, false, importEnv)
      : await start(ctx, resolved.argv, cwd, l.timeoutMs, l.runningIsStarted, importEnv);
    results.push({
      ...place,
      ...subject,
      ...r,
    });
  }
  const outcome = evaluateStarts(results);
  const leftOut = env?.leftOut ?? [];
  if (notStarted.length > 0 && results.length === 0) {
    return {
      status: "unverified",
      summary: `Cannot start the entry points: ${notStarted.join("; ")}`,
    };
  }
  if (notStarted.length > 0) {
    const note = `${outcome.summary}; not started here: ${notStarted.join("; ")}`;
    return { ...outcome, status: outcome.status === "fail" ? "fail" : "unverified", summary: note };
  }
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
  applies: (facts) =>
    facts.ecosystems.includes("python") || facts.ecosystems.includes("node") ||
    facts.files.some((f) => DOCKERFILE.test(f)),
  run,
};
