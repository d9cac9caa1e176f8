/**
 * install.python: a fresh environment for the project, installed in layers the way its
 * maintainers would (claimcheck's tools, the build backend, the project with its core
 * dependencies, the test layer of the test plan, each other extra), then an import of each
 * package. A requirement the index lacks is left out of its layer and reported; only the core
 * layer decides whether there is an environment at all. The one Python step that may use the
 * network; `--python PATH` audits an existing environment instead. The environment goes to the
 * dependants as `PythonEnv`, and is cached for the next audit of the same commit.
 * @module
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { readProbeFile, safeReadTextIfExists } from "../src/safe_read.ts";
import type { Check, CheckContext, CheckOutcome, Finding } from "../src/check.ts";
import type { ExecOptions } from "../src/exec/types.ts";
import type { Facts, Tool } from "../src/facts.ts";
import { hashFile } from "../src/file_hash.ts";
import { harnessFault } from "../src/python/build_output.ts";
import {
  abandonSlot,
  claimSlot,
  envKey,
  envSlot,
  markReady,
  readReady,
  releaseSlot,
} from "../src/python/env_cache.ts";
import {
  isRelaxed,
  type LeftOut,
  parseProbe,
  PIP_PASS_ENV,
  pipEnv,
  PROBE_SCRIPT,
  type PythonEnv,
} from "../src/python/env.ts";
import {
  type Layer,
  layerCalls,
  normalName,
  planLayers,
  unplannedSources,
} from "../src/python/install_plan.ts";
import { choosePython } from "../src/python/interpreter_choice.ts";
import {
  leftOutLine,
  MAX_RETRIES,
  retryWithout,
  wantedByLabel,
} from "../src/python/layer_retry.ts";
import { pythonLayout } from "../src/python/layout.ts";
import { type Manifests, readManifests } from "../src/python/manifests.ts";
import { failureLine } from "../src/python/output.ts";
import {
  type MissingRequirement,
  missingRequirements,
  parsePipFailure,
  pipFailureVerdict,
} from "../src/python/pip_failure.ts";
import { requirementName } from "../src/python/requirements.ts";
import { pretendVersion, pretendVersionEnv } from "../src/python/pretend_version.ts";
import { projectKind } from "../src/python/project_kind.ts";
import { readTestPlan } from "../src/python/read_plan.ts";
import type { TestPlan } from "../src/python/test_plan.ts";

const VENV_TIMEOUT_MS = 120_000;
const INSTALL_TIMEOUT_MS = 300_000;
const PROBE_TIMEOUT_MS = 120_000;
/** Files whose content decides what an environment holds. */
const KEY_FILES =
  /^(pyproject\.toml|setup\.py|setup\.cfg|tox\.ini|noxfile\.py|Makefile|poetry\.lock|uv\.lock|pdm\.lock|Pipfile(\.lock)?|.*requirements[^/]*\.(txt|in)|requirements\/.*\.(txt|in)|\.github\/workflows\/.*)$/;

async function probe(
  ctx: CheckContext,
  python: string,
  packages: readonly string[],
  cwd: string,
  sourcePath: readonly string[] = [],
) {
  const options: ExecOptions = { cwd, timeoutMs: PROBE_TIMEOUT_MS };
  if (sourcePath.length > 0) options.env = { PYTHONPATH: sourcePath.join(":") };
  const run = await ctx.exec([python, "-c", PROBE_SCRIPT, ...packages], options);
  const result = parseProbe(await readProbeFile(run.stdoutPath));
  return result ? { result, run } : { run };
}

/** Status and summary from the import probe; `partial` turns a pass into the given status. */
function importVerdict(
  env: PythonEnv,
  how: string,
  partial?: { status: "warn" | "unverified"; note: string },
): CheckOutcome {
  const failed = Object.entries(env.imports).filter(([, error]) => error !== null);
  const data = { data: env };
  if (failed.length > 0) {
    const list = failed.map(([name, error]) => `${name}: ${error}`).join("; ");
    return {
      status: "fail",
      summary: `${how}, but ${
        failed.length === 1 ? "a package does" : "packages do"
      } not import: ${list}${partial ? `; ${partial.note}` : ""}`,
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
  return {
    status: partial?.status ?? "pass",
    summary: `${how}${imported}${tools}${partial ? `; ${partial.note}` : ""}`,
    ...data,
  };
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

async function readText(root: string, path: string): Promise<string | undefined> {
  try {
    return await safeReadTextIfExists(root, path);
  } catch {
    return undefined;
  }
}

/** Every interpreter detection found (the default one alone when the list is empty). */
function candidates(facts: Facts): Tool[] {
  if (facts.pythons.length > 0) return facts.pythons;
  return facts.interpreters.python ? [facts.interpreters.python] : [];
}

/** How one layer went: the layer as finally installed and what it left out. */
interface LayerRun {
  layer: Layer;
  ok: boolean;
  leftOut: LeftOut[];
  /** pip's full output of the failed call. */
  output?: string;
  /** The failed call's evidence line (timeout, start error), or that retries ran out. */
  failure?: string;
  /** Whether it failed because the retries ran out (pip still named something to leave out). */
  exhausted?: boolean;
}

function isEmpty(layer: Layer): boolean {
  return layer.requirements.length === 0 && layer.requirementsFiles.length === 0 &&
    layer.project === undefined;
}

/** Install one layer, retrying without what the index lacks (at most {@link MAX_RETRIES} times). */
async function runLayer(
  ctx: CheckContext,
  py: string,
  layer: Layer,
  pip: ExecOptions,
  absent: Map<string, MissingRequirement>,
  failing: Map<string, string>,
): Promise<LayerRun> {
  let current = layer;
  const leftOut: LeftOut[] = [];
  // What an earlier layer learnt fails on its own is left out without asking pip again.
  const failingHere = current.requirements.filter((r) => failing.has(nameKey(r.requirement)));
  for (const r of failingHere) {
    leftOut.push({
      requirement: r.requirement,
      layer: wantedByLabel(current, r),
      reason: failing.get(nameKey(r.requirement)) as string,
    });
  }
  current = {
    ...current,
    requirements: current.requirements.filter((r) => !failingHere.includes(r)),
  };
  // What an earlier layer learnt is not on the index at all is left out without asking pip again.
  const known = current.requirements.flatMap((r) => {
    const missing = absent.get(nameKey(r.requirement));
    return missing ? [{ ...missing, requirement: r.requirement }] : [];
  });
  const early = known.length > 0 ? retryWithout(current, known) : undefined;
  if (early) {
    leftOut.push(...early.leftOut);
    current = early.layer;
  }
  for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) {
    if (isEmpty(current)) return { layer: current, ok: true, leftOut };
    let failed: string | undefined;
    for (const args of layerCalls(current, ctx.facts.root)) {
      const r = await ctx.exec([py, "-m", "pip", "install", ...args], pip);
      if (r.evidence.timedOut || r.evidence.startError) {
        return { layer: current, ok: false, leftOut, failure: failureLine(r.evidence) };
      }
      if (r.evidence.exitCode !== 0) {
        failed = `${await readProbeFile(r.stdoutPath)}\n${await readProbeFile(r.stderrPath)}`;
        break;
      }
    }
    if (failed === undefined) return { layer: current, ok: true, leftOut };
    const missing = missingRequirements(failed);
    for (const m of missing) if (m.versions.length === 0) absent.set(normalName(m.name), m);
    const retry = parsePipFailure(failed).kind === "not-found"
      ? retryWithout(current, missing)
      : undefined;
    if (!retry) return { layer: current, ok: false, leftOut, output: failed };
    leftOut.push(...retry.leftOut);
    current = retry.layer;
  }
  return {
    layer: current,
    ok: false,
    leftOut,
    failure: `still failing after ${MAX_RETRIES} retries`,
    exhausted: true,
  };
}

/** The normalised distribution name of a requirement (the requirement itself when it has none). */
function nameKey(requirement: string): string {
  return normalName(requirementName(requirement) ?? requirement);
}

/** Install one layer (see {@link runLayer}), sharing what the index lacks across layers. */
type RunLayer = (layer: Layer) => Promise<LayerRun>;

/**
 * A layer runner for one environment. It remembers what the index lacks and which requirements
 * failed on their own, so that later layers leave those out without asking pip again.
 */
function layerRunner(ctx: CheckContext, py: string, pip: ExecOptions): RunLayer {
  const absent = new Map<string, MissingRequirement>();
  const failing = new Map<string, string>();
  return async (layer) => {
    const run = await runLayer(ctx, py, layer, pip, absent, failing);
    const only = layer.requirements.length === 1 && layer.requirementsFiles.length === 0 &&
      layer.project === undefined;
    const name = only ? requirementName(layer.requirements[0]?.requirement ?? "") : undefined;
    if (!run.ok && name !== undefined && run.failure === undefined) {
      const reason = layerLeftOut(run)[0]?.reason.replace(
        /^the layer could not be installed: /,
        "",
      );
      if (reason) failing.set(normalName(name), reason);
    }
    return run;
  };
}

/** An optional layer that failed as a whole: every requirement of it is left out, with pip's reason. */
function layerLeftOut(run: LayerRun): LeftOut[] {
  const why = run.failure ??
    (() => {
      const f = parsePipFailure(run.output ?? "");
      return f.kind === "not-found"
        ? `needs ${f.requirements.join(", ")}`
        : f.kind === "network"
        ? "the package index is unreachable"
        : f.detail;
    })();
  const layer = run.layer;
  return [
    ...layer.requirements.map((r) => ({
      requirement: r.requirement,
      layer: layer.kind === "test" ? `${layer.name} (${r.wantedBy})` : layer.name,
      reason: `the layer could not be installed: ${why}`,
    })),
    ...layer.requirementsFiles.map((f) => ({
      requirement: `-r ${f}`,
      layer: layer.name,
      reason: `the layer could not be installed: ${why}`,
    })),
    ...(layer.project?.extras?.length
      ? [{
        requirement: `.[${layer.project.extras.join(",")}]`,
        layer: layer.name,
        reason: `the layer could not be installed: ${why}`,
      }]
      : []),
  ];
}

/** What an install produced, stored with a cached environment. */
interface InstallRecord {
  fromSource: boolean;
  buildReady: boolean;
  leftOut: LeftOut[];
  /** Fallbacks taken and other facts of the install, each a finding. */
  notes: string[];
  /** Whether a core dependency was left out (the environment is then partial at runtime). */
  corePartial: boolean;
  /** Why the project runs from the source tree by design (not as a fallback), when it does. */
  sourceByDesign?: string;
  /** Why claimcheck's own tools could not all be installed, when they could not. */
  toolsProblem?: string;
}

/** The install's outcome when the core layer failed. */
type CoreFailure = { outcome: CheckOutcome; toolsProblem?: string };

async function installLayers(
  ctx: CheckContext,
  py: string,
  layers: Layer[],
  pip: ExecOptions,
  manifests: Manifests,
  plan: TestPlan,
  sourceByDesign: string | undefined,
): Promise<InstallRecord | CoreFailure> {
  const record: InstallRecord = {
    fromSource: sourceByDesign !== undefined,
    buildReady: false,
    leftOut: [],
    notes: [],
    corePartial: false,
    ...(sourceByDesign ? { sourceByDesign } : {}),
  };
  const unplanned = unplannedSources({ plan, manifests });
  if (unplanned.length > 0) {
    record.notes.push(
      `Not installed: ${
        unplanned.join(", ")
      }: the maintainers' install (${plan.source}) does not name them`,
    );
  }
  let backendPartial = false;
  const runOne = layerRunner(ctx, py, pip);
  for (const layer of layers) {
    const run = await runOne(layer);
    if (layer.kind === "tools") {
      const problems = [
        ...(run.ok ? [] : [run.failure ?? parsePipFailure(run.output ?? "").kind]),
        ...run.leftOut.map((l) => `${l.requirement}: ${l.reason}`),
      ];
      if (problems.length > 0) {
        record.toolsProblem = problems.join("; ");
        record.notes.push(`claimcheck's tools could not all be installed: ${record.toolsProblem}`);
      }
      continue;
    }
    record.leftOut.push(...run.leftOut);
    if (layer.kind === "backend") {
      backendPartial = !run.ok || run.leftOut.length > 0;
      record.buildReady = run.ok && run.leftOut.length === 0;
      if (run.leftOut.length > 0 && run.ok) {
        record.notes.push(
          "the project is built without build isolation, with the build requirements the index has",
        );
      }
      if (!run.ok) record.leftOut.push(...layerLeftOut(run));
      continue;
    }
    if (layer.kind === "core") {
      if (run.ok) {
        record.corePartial = run.leftOut.length > 0;
        continue;
      }
      const output = run.output ?? "";
      const failure = parsePipFailure(output);
      const expanded = run.layer.project === undefined || run.layer.project.noDeps;
      if (expanded && (failure.kind === "not-found" || run.exhausted)) {
        // pip names a missing distribution no listed dependency explains: each dependency on its
        // own, the project itself first (without its dependencies).
        const each = await runCoreEach(runOne, run);
        if ("outcome" in each) return { outcome: each.outcome, ...tools(record) };
        record.leftOut.push(...each.leftOut);
        record.corePartial = true;
        continue;
      }
      const buildFault = layer.project !== undefined &&
        (backendPartial || harnessFault(output) !== undefined) &&
        (failure.kind === "build" || failure.kind === "other");
      if (!buildFault) {
        const verdict = run.failure
          ? { status: "error" as const, summary: `Cannot install the project: ${run.failure}` }
          : pipFailureVerdict(failure, "the project");
        return { outcome: verdict, ...tools(record) };
      }
      // Last resort: run from the source tree with the manifests' dependencies.
      const fromSource = planLayers({ plan, manifests, installProject: false, planFiles: {} })
        .find((l) => l.kind === "core");
      record.notes.push(
        `the project could not be built here (${
          harnessFault(output) ?? failure.kind
        }): its tests run from the source tree, its dependencies installed from the manifests`,
      );
      record.fromSource = true;
      if (!fromSource) continue;
      const second = await runOne(fromSource);
      record.leftOut.push(...second.leftOut);
      if (!second.ok) {
        const verdict = second.failure
          ? { status: "error" as const, summary: `Cannot install the project: ${second.failure}` }
          : pipFailureVerdict(parsePipFailure(second.output ?? ""), "the project's dependencies");
        return { outcome: verdict, ...tools(record) };
      }
      record.corePartial = second.leftOut.length > 0;
      continue;
    }
    if (!run.ok) record.leftOut.push(...await runEach(runOne, run));
  }
  return record;
}

/**
 * The core layer one by one: the project alone (`--no-deps`), then each dependency on its own.
 * The project failing is the install's failure; a dependency failing is left out (besides what
 * the failed run left out already).
 */
async function runCoreEach(
  runOne: RunLayer,
  failed: LayerRun,
): Promise<{ leftOut: LeftOut[] } | { outcome: CheckOutcome }> {
  const layer = failed.layer;
  if (layer.project) {
    const alone = { ...layer, requirements: [], requirementsFiles: [] };
    const run = await runOne(alone);
    if (!run.ok) {
      return {
        outcome: run.failure
          ? { status: "error", summary: `Cannot install the project: ${run.failure}` }
          : pipFailureVerdict(parsePipFailure(run.output ?? ""), "the project"),
      };
    }
  }
  const { project: _, ...dependencies } = layer;
  return { leftOut: await runEach(runOne, { ...failed, layer: dependencies }) };
}

/** Most requirements an optional layer that failed as a whole is retried with, one by one. */
const MAX_ONE_BY_ONE = 24;

/**
 * An optional layer that failed as a whole (pip named nothing to leave out, or too many): each of
 * its requirements and files on its own, so that one bad requirement costs only itself. Returns
 * what was left out besides what the failed run already left out.
 */
async function runEach(
  runOne: RunLayer,
  failed: LayerRun,
): Promise<LeftOut[]> {
  const layer = failed.layer;
  const singles: Layer[] = [
    ...layer.requirements.map((r) => ({ ...layer, requirements: [r], requirementsFiles: [] })),
    ...layer.requirementsFiles.map((f) => ({ ...layer, requirements: [], requirementsFiles: [f] })),
  ];
  const unreachable = parsePipFailure(failed.output ?? "").kind === "network";
  const broken = failed.failure !== undefined && !failed.exhausted;
  if (singles.length <= 1 || broken || unreachable) return layerLeftOut(failed);
  const leftOut: LeftOut[] = [];
  for (const [i, single] of singles.entries()) {
    if (i >= MAX_ONE_BY_ONE) {
      leftOut.push(...layerLeftOut({ ...failed, layer: single }));
      continue;
    }
    const run = await runOne(single);
    leftOut.push(...run.leftOut, ...(run.ok ? [] : layerLeftOut(run)));
  }
  return leftOut;
}

function tools(record: InstallRecord): { toolsProblem?: string } {
  return record.toolsProblem ? { toolsProblem: record.toolsProblem } : {};
}

/** The summary's note on a partial environment, and its status. */
function partialNote(
  record: InstallRecord,
): { status: "warn" | "unverified"; note: string } | undefined {
  const lines = [...record.notes, ...record.leftOut.map(leftOutLine)];
  if (lines.length === 0) return undefined;
  const shown = lines.slice(0, 4).join("; ") +
    (lines.length > 4 ? `; and ${lines.length - 4} more (see findings)` : "");
  if (record.corePartial) {
    return {
      status: "unverified",
      note: `partial environment, core dependencies missing: ${shown}`,
    };
  }
  const partial = record.leftOut.some((l) => !isRelaxed(l)) ||
    (record.fromSource && !record.sourceByDesign);
  return {
    status: "warn",
    note: `${partial ? "partial environment" : "environment relaxed"}: ${shown}`,
  };
}

/** Directories to put on `sys.path` when running from the source tree (`src/` for a src layout). */
function sourcePath(facts: Facts): string[] {
  const src = facts.files.some((f) =>
    /^src\/[^/]+\/__init__\.py$/.test(f) || /^src\/[^/]+\.py$/.test(f)
  );
  return src ? [join(facts.root, "src"), facts.root] : [facts.root];
}

async function cacheKeyFiles(facts: Facts, installed: boolean): Promise<Record<string, string>> {
  const files = installed ? facts.files : facts.files.filter((f) => KEY_FILES.test(f));
  const entries = await Promise.all(files.map(async (f) => {
    try {
      return [f, (await hashFile(join(facts.root, f))).sha256] as const;
    } catch {
      return [f, "unreadable"] as const;
    }
  }));
  return Object.fromEntries(entries);
}

async function install(ctx: CheckContext): Promise<CheckOutcome> {
  const { facts } = ctx;
  const plan = await readTestPlan(ctx);
  const kind = projectKind({
    setupPy: facts.files.includes("setup.py"),
    ...optionalText("pyproject", await readText(facts.root, "pyproject.toml")),
    ...optionalText("setupCfg", await readText(facts.root, "setup.cfg")),
  });
  const choice = choosePython(
    candidates(facts),
    kind.requiresPython,
    plan.pythonVersions,
    facts.interpreters.python,
  );
  if (!choice.chosen) return { status: "unverified", summary: `Cannot install: ${choice.why}` };
  const interpreter = { path: choice.chosen.path, version: choice.chosen.version, why: choice.why };
  const prepared = await prepare(ctx, plan, kind);
  const first = await installWith(ctx, prepared, interpreter);
  const other = first.toolsProblem ? fallbackPython(facts, choice, interpreter.path) : undefined;
  if (!other) return first.outcome;
  const why =
    `${other.version}: claimcheck's tools cannot be installed with ${interpreter.version} ` +
    `here (${first.toolsProblem}), so the machine's default python3, which the project accepts`;
  return (await installWith(ctx, prepared, { ...other, why })).outcome;
}

/** What the layers are planned from, once per audit. */
interface Prepared {
  plan: TestPlan;
  manifests: Manifests;
  layers: Layer[];
  sourceByDesign?: string;
  installProject: boolean;
  packages: string[];
}

async function prepare(
  ctx: CheckContext,
  plan: TestPlan,
  kind: ReturnType<typeof projectKind>,
): Promise<Prepared> {
  const { facts } = ctx;
  let manifests: Manifests = { requirements: [] };
  try {
    manifests = await readManifests(facts.root, facts.manifests);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    // pip reports the broken pyproject.toml itself; deps.python names the line.
  }
  const planFiles = await readManifests(
    facts.root,
    plan.requirementsFiles.map((path) => ({ kind: "requirements" as const, path })),
  );
  const sourceByDesign = !kind.installable
    ? `the project is not an installable package: ${kind.why}`
    : !plan.installsProject
    ? `the maintainers do not install it (${plan.why})`
    : undefined;
  const installProject = sourceByDesign === undefined;
  const layers = planLayers({
    plan,
    manifests,
    installProject,
    planFiles: Object.fromEntries(planFiles.requirements.map((f) => [f.path, f.requirements])),
  });
  const layout = pythonLayout(facts.files);
  return {
    plan,
    manifests,
    layers,
    ...(sourceByDesign ? { sourceByDesign } : {}),
    installProject,
    packages: [...layout.packages, ...layout.modules],
  };
}

/** One install attempt with `interpreter`: the outcome, and whether claimcheck's tools failed. */
async function installWith(
  ctx: CheckContext,
  prepared: Prepared,
  interpreter: { path: string; version: string; why: string },
): Promise<{ outcome: CheckOutcome; toolsProblem?: string }> {
  const { facts } = ctx;
  const { plan, manifests, layers, sourceByDesign, installProject, packages } = prepared;
  const get = (k: string) => Deno.env.get(k);
  const pipConfig = Object.fromEntries(
    PIP_PASS_ENV.flatMap((k) => get(k) !== undefined ? [[k, get(k) as string]] : []),
  );
  const key = await envKey({
    interpreter,
    files: await cacheKeyFiles(facts, installProject),
    plan: { layers, sourceByDesign },
    pip: pipConfig,
  });
  const slot = envSlot(ctx.options.cacheDir, key);

  const finish = async (
    py: string,
    record: InstallRecord,
    how: string,
  ): Promise<{ outcome: CheckOutcome; toolsProblem?: string }> => {
    const path = record.fromSource ? sourcePath(facts) : [];
    const cwd = record.fromSource ? facts.root : await ctx.tempDir("import");
    const { result, run } = await probe(ctx, py, packages, cwd, path);
    const env: PythonEnv = {
      python: py,
      mode: "venv",
      installed: true,
      buildReady: record.buildReady,
      tools: result?.tools ?? { pytest: false, coverage: false, build: false },
      packages,
      imports: result?.imports ?? {},
      importCwd: cwd,
      plan,
      interpreter,
      fromSource: record.fromSource,
      leftOut: record.leftOut,
      ...(path.length > 0 ? { sourcePath: path } : {}),
    };
    const findings: Finding[] = [
      ...record.notes.map((message) => ({ message })),
      ...record.leftOut.map((l) => ({ message: leftOutLine(l) })),
      ...plan.plugins.filter((p) => !p.declared).map((p) => ({
        message: `${p.reason} but ${p.name} is declared nowhere (claimcheck installed it)`,
      })),
      ...(record.sourceByDesign
        ? [{ message: `Runs from the source tree: ${record.sourceByDesign}` }]
        : []),
    ];
    if (!result) {
      const outcome: CheckOutcome = {
        status: "error",
        summary: `Cannot import the installed packages: ${failureLine(run.evidence)}`,
        data: env,
        findings,
      };
      return { outcome, ...tools(record) };
    }
    const verdict = importVerdict(env, how, partialNote(record));
    return {
      outcome: { ...verdict, findings: [...findings, ...(verdict.findings ?? [])] },
      ...tools(record),
    };
  };

  const where = `Python ${interpreter.version} (${interpreter.why})`;
  const ready = await readReady<InstallRecord>(slot);
  if (ready) {
    return finish(
      join(slot.venv, "bin", "python"),
      ready,
      `Reused environment ${key} from claimcheck's cache, made with ${where}`,
    );
  }
  const cached = await claimSlot(slot);
  const venv = cached ? slot.venv : join(await ctx.tempDir("venv"), "venv");
  // Only this key's parts of the cache are writable; an install beside another audit that holds
  // the slot keeps its pip cache in its own area.
  const pipCache = cached ? slot.pipCache : await ctx.tempDir("pip-cache");
  const created = await ctx.exec([interpreter.path, "-m", "venv", venv], {
    timeoutMs: VENV_TIMEOUT_MS,
    writeCache: cached ? [slot.dir] : [],
  });
  if (created.evidence.exitCode !== 0) {
    if (cached) await abandonSlot(slot);
    return {
      outcome: {
        status: "error",
        summary: `Cannot create a virtual environment: ${failureLine(created.evidence)}`,
      },
    };
  }
  const py = join(venv, "bin", "python");
  const pip: ExecOptions = {
    network: "pip",
    writeCache: cached ? [slot.dir, slot.pipCache] : [],
    passEnv: PIP_PASS_ENV,
    env: {
      ...pipEnv(pipCache, get, existsSync),
      ...pretendVersionEnv(pretendVersion()),
    },
    timeoutMs: Math.max(INSTALL_TIMEOUT_MS, ctx.options.timeoutMs),
  };
  const record = await installLayers(ctx, py, layers, pip, manifests, plan, sourceByDesign);
  if ("outcome" in record) {
    // The venv stays for build.python (it holds the backend); the next claim of the slot removes it.
    if (cached) await releaseSlot(slot);
    const env: PythonEnv = {
      python: py,
      mode: "venv",
      installed: false,
      buildReady: false,
      tools: { pytest: false, coverage: false, build: false },
      packages,
      imports: {},
      importCwd: facts.root,
      plan,
      interpreter,
    };
    const outcome: CheckOutcome = {
      ...record.outcome,
      summary: `${record.outcome.summary} (with ${where}, layered install: core layer)`,
      data: env,
    };
    return { outcome, ...(record.toolsProblem ? { toolsProblem: record.toolsProblem } : {}) };
  }
  const how = `Installed in layers into a fresh virtual environment with ${where}${
    cached ? `, cached as ${key}` : ""
  }`;
  const outcome = await finish(py, record, how);
  if (cached) await markReady(slot, record);
  return outcome;
}

/**
 * The interpreter to try when claimcheck's tools cannot be installed with the chosen one: the
 * machine's default python3 (the one the local binary wheels are made for), when the project
 * accepts it and it is not the one that failed.
 */
function fallbackPython(
  facts: Facts,
  choice: ReturnType<typeof choosePython>,
  failed: string,
): Tool | undefined {
  const fallback = facts.interpreters.python;
  if (!fallback || fallback.path === failed) return undefined;
  const accepted = choice.alternatives.some((a) =>
    a.accepted && (a.path === fallback.path || a.version === fallback.version)
  );
  return accepted ? fallback : undefined;
}

function optionalText<K extends string>(key: K, text: string | undefined) {
  return (text === undefined ? {} : { [key]: text }) as Partial<Record<K, string>>;
}

/** install.python: a fresh venv installed in layers, then an import of each package. */
export const installPython: Check = {
  id: "install.python",
  category: "deps",
  applies: (facts) => facts.ecosystems.includes("python"),
  run: (ctx) => ctx.options.python ? auditExisting(ctx, ctx.options.python) : install(ctx),
};
