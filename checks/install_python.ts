/**
 * install.python: does the project install into a fresh environment and do its packages import?
 * The one Python step that may use the network; `--python PATH` audits an existing environment
 * instead. The environment goes to the dependants as `PythonEnv`.
 * @module
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Check, CheckContext, CheckOutcome } from "../src/check.ts";
import type { ExecResult } from "../src/exec/types.ts";
import {
  parseProbe,
  PIP_PASS_ENV,
  pipEnv,
  PROBE_SCRIPT,
  type ProbeResult,
  type PythonEnv,
} from "../src/python/env.ts";
import { planInstall } from "../src/python/install_plan.ts";
import { pythonLayout } from "../src/python/layout.ts";
import { type Manifests, readManifests } from "../src/python/manifests.ts";
import { parsePipFailure, pipFailureVerdict } from "../src/python/pip_failure.ts";
import { failureLine } from "../src/python/output.ts";

const VENV_TIMEOUT_MS = 120_000;
const INSTALL_TIMEOUT_MS = 300_000;
const PROBE_TIMEOUT_MS = 120_000;

/** The verdict of a failed pip step. */
async function pipVerdict(r: ExecResult, what: string): Promise<CheckOutcome> {
  if (r.evidence.timedOut || r.evidence.startError) {
    return { status: "error", summary: `Cannot install ${what}: ${failureLine(r.evidence)}` };
  }
  const stdout = await Deno.readTextFile(r.stdoutPath);
  const stderr = await Deno.readTextFile(r.stderrPath);
  return pipFailureVerdict(parsePipFailure(`${stdout}\n${stderr}`), what);
}

async function probe(
  ctx: CheckContext,
  python: string,
  packages: readonly string[],
  cwd: string,
): Promise<{ result?: ProbeResult; run: ExecResult }> {
  const run = await ctx.exec([python, "-c", PROBE_SCRIPT, ...packages], {
    cwd,
    timeoutMs: PROBE_TIMEOUT_MS,
  });
  const result = parseProbe(await Deno.readTextFile(run.stdoutPath));
  return result ? { result, run } : { run };
}

/** Status and summary from the import probe. */
function importVerdict(env: PythonEnv, how: string): CheckOutcome {
  const failed = Object.entries(env.imports).filter(([, error]) => error !== null);
  const data = { data: env };
  if (failed.length > 0) {
    const list = failed.map(([name, error]) => `${name}: ${error}`).join("; ");
    return {
      status: "fail",
      summary: `${how}, but ${
        failed.length === 1 ? "a package does" : "packages do"
      } not import: ${list}`,
      findings: failed.map(([name, error]) => ({ message: `import ${name} fails: ${error}` })),
      ...data,
    };
  }
  const names = Object.keys(env.imports);
  const imported = names.length > 0
    ? `; ${names.join(", ")} ${names.length === 1 ? "imports" : "import"}`
    : "; no first-party package to import";
  const missingTools = Object.entries(env.tools).filter(([, ok]) => !ok).map(([t]) => t);
  const tools = missingTools.length > 0 ? ` (not available: ${missingTools.join(", ")})` : "";
  return { status: "pass", summary: `${how}${imported}${tools}`, ...data };
}

async function auditExisting(ctx: CheckContext, python: string): Promise<CheckOutcome> {
  const layout = pythonLayout(ctx.facts.files);
  const packages = [...layout.packages, ...layout.modules];
  const { result, run } = await probe(ctx, python, packages, ctx.facts.root);
  if (!result) {
    return {
      status: "error",
      summary: `Cannot inspect the environment of ${python}: ${failureLine(run.evidence)}`,
    };
  }
  const env: PythonEnv = {
    python,
    mode: "existing",
    installed: true,
    buildReady: true,
    tools: result.tools,
    packages,
    imports: result.imports,
    importCwd: ctx.facts.root,
  };
  return importVerdict(env, `Audited the existing environment of ${python} (nothing installed)`);
}

async function install(ctx: CheckContext, python: string): Promise<CheckOutcome> {
  const { facts } = ctx;
  const layout = pythonLayout(facts.files);
  const packages = [...layout.packages, ...layout.modules];
  const installable = facts.manifests.some((m) => m.kind === "pyproject" || m.kind === "setup.py");
  let manifests: Manifests | undefined;
  try {
    manifests = await readManifests(facts.root, facts.manifests);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    // pip reports the broken pyproject.toml itself; deps.python names the line.
  }
  const venv = join(await ctx.tempDir("venv"), "venv");
  const created = await ctx.exec([python, "-m", "venv", venv], { timeoutMs: VENV_TIMEOUT_MS });
  if (created.evidence.exitCode !== 0) {
    return {
      status: "error",
      summary: `Cannot create a virtual environment: ${failureLine(created.evidence)}`,
    };
  }
  const py = join(venv, "bin", "python");
  const plan = planInstall({
    python: py,
    root: facts.root,
    installable,
    ...(manifests ? { manifests } : {}),
    requirementsFiles: facts.manifests.filter((m) => m.kind === "requirements").map((m) => m.path),
  });
  const pip = {
    network: true,
    passEnv: PIP_PASS_ENV,
    env: pipEnv(ctx.options.cacheDir, (k) => Deno.env.get(k), existsSync),
    timeoutMs: Math.max(INSTALL_TIMEOUT_MS, ctx.options.timeoutMs),
  };
  const tools = await ctx.exec(plan.tools, pip);
  const buildStep = plan.buildRequires ? await ctx.exec(plan.buildRequires, pip) : undefined;
  const buildReady = buildStep === undefined || buildStep.evidence.exitCode === 0;
  const target = buildReady && plan.target ? await ctx.exec(plan.target, pip) : undefined;
  const cwd = installable ? await ctx.tempDir("import") : facts.root;
  const { result, run } = await probe(ctx, py, packages, cwd);
  const env: PythonEnv = {
    python: py,
    mode: "venv",
    installed: buildReady && (target === undefined || target.evidence.exitCode === 0),
    buildReady,
    tools: result?.tools ?? { pytest: false, coverage: false, build: false },
    packages,
    imports: result?.imports ?? {},
    importCwd: cwd,
  };
  const toolsNote = tools.evidence.exitCode === 0
    ? ""
    : `; claimcheck's tools could not be installed: ${failureLine(tools.evidence)}`;
  if (buildStep && !buildReady) {
    const verdict = await pipVerdict(buildStep, "the build backend");
    return { ...verdict, summary: verdict.summary + toolsNote, data: env };
  }
  if (target && target.evidence.exitCode !== 0) {
    const verdict = await pipVerdict(target, "the project");
    return { ...verdict, summary: verdict.summary + toolsNote, data: env };
  }
  if (!result) {
    return {
      status: "error",
      summary: `Cannot import the installed packages: ${failureLine(run.evidence)}${toolsNote}`,
      data: env,
    };
  }
  return importVerdict(env, `Installed into a fresh virtual environment${toolsNote}`);
}

/** install.python: a fresh venv with the project and its declared dependencies, then an import of each package. */
export const installPython: Check = {
  id: "install.python",
  category: "deps",
  applies: (facts) => facts.ecosystems.includes("python"),
  run: (ctx) => {
    if (ctx.options.python) return auditExisting(ctx, ctx.options.python);
    const python = ctx.facts.interpreters.python;
    if (!python) {
      return Promise.resolve({
        status: "unverified",
        summary: "No Python interpreter was found to create an environment",
      });
    }
    return install(ctx, python.path);
  },
};
