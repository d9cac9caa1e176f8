/**
 * The layers a project's environment is installed in, each its own pip call: claimcheck's tools,
 * the build backend, the project with its core dependencies, the test layer of the test plan, and
 * each other extra on its own. Pure: planned from the manifests and the plan.
 * @module
 */
import type { Manifests } from "./manifests.ts";
import { isDevName, type Requirement, requirementName } from "./requirements.ts";
import type { TestPlan } from "./test_plan.ts";

/** pip's own build requirements when a project has no `[build-system]` table. */
export const DEFAULT_BUILD_REQUIRES = ["setuptools>=40.8.0", "wheel"];

/** claimcheck's own tools, installed in a step of their own. */
export const CLAIMCHECK_TOOLS = ["pytest", "coverage", "build", "wheel"];

/** What a layer is for. */
export type LayerKind = "tools" | "backend" | "core" | "requirements" | "test" | "extra";

/** A requirement of a layer and who wants it (`dependency group test`, `extra solvers`). */
export interface LayerRequirement {
  requirement: string;
  wantedBy: string;
  /** Set once claimcheck relaxed its version (it is then left out if still missing). */
  relaxed?: boolean;
}

/** One pip call. */
export interface Layer {
  kind: LayerKind;
  /** `claimcheck's tools`, `build backend`, `core dependencies`, `test layer`, `extra \`solvers\``. */
  name: string;
  /** Requirements named on the command line. */
  requirements: LayerRequirement[];
  /** Requirements files (`-r`), relative to the root. */
  requirementsFiles: string[];
  /** The project itself from the root (core layer of an installable project). */
  project?: {
    /** `--no-deps`: the dependencies are listed in `requirements` instead. */
    noDeps: boolean;
    /** The project's own dependencies, to list directly when one of them is not on the index. */
    dependencies: LayerRequirement[];
    /** Extras to install it with (`<root>[test]`): those whose requirements no manifest lists. */
    extras?: string[];
  };
  /** Each requirements file's requirements, to list directly when one of them is missing. */
  fileRequirements: Record<string, LayerRequirement[]>;
  /** Whether an exact pin that the index lacks may be relaxed (test and development tools). */
  relaxPins: boolean;
}

/** What the layers are planned from. */
export interface LayerInput {
  plan: TestPlan;
  manifests: Manifests;
  /** Whether the project itself is installed (false: the tests run from the source tree). */
  installProject: boolean;
  /** The text of each requirements file of the plan, parsed: file → its requirements. */
  planFiles: Record<string, Requirement[]>;
}

/** The normalised form of a distribution name (PEP 503). */
export function normalName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

function from(requirements: readonly Requirement[], wantedBy: string): LayerRequirement[] {
  return requirements.map((r) => ({ requirement: r.raw, wantedBy }));
}

/** Every extra the manifests declare, with its requirements (self-references expanded). */
export function declaredExtras(manifests: Manifests): Record<string, Requirement[]> {
  const raw: Record<string, Requirement[]> = {};
  for (const source of [manifests.pyproject?.optional, manifests.setupCfg?.optional]) {
    for (const [extra, reqs] of Object.entries(source ?? {})) {
      if (/^[A-Za-z0-9][\w.-]*$/.test(extra)) raw[extra] = [...(raw[extra] ?? []), ...reqs];
    }
  }
  const self = manifests.pyproject?.name ? normalName(manifests.pyproject.name) : undefined;
  const expand = (extra: string, seen: Set<string>): Requirement[] =>
    (raw[extra] ?? []).flatMap((r) => {
      if (self === undefined || normalName(r.name) !== self) return [r];
      const inner = /\[([^\]]*)\]/.exec(r.raw)?.[1]?.split(",").map((e) => e.trim()) ?? [];
      return inner.filter((e) => !seen.has(e)).flatMap((e) => expand(e, new Set([...seen, e])));
    });
  return Object.fromEntries(Object.keys(raw).map((e) => [e, expand(e, new Set([e]))]));
}

/** The project's core dependencies as the manifests list them. */
function coreDependencies(manifests: Manifests): LayerRequirement[] {
  return [
    ...from(manifests.pyproject?.dependencies ?? [], "the project's dependencies"),
    ...from(manifests.setupCfg?.dependencies ?? [], "setup.cfg install_requires"),
  ];
}

function emptyLayer(kind: LayerKind, name: string, relaxPins: boolean): Layer {
  return { kind, name, requirements: [], requirementsFiles: [], fileRequirements: {}, relaxPins };
}

/**
 * Plan the layers:
 * 1. claimcheck's tools (pytest, coverage, build, wheel), a step of its own so that they never mix
 *    with the project's failures;
 * 2. the build backend (`[build-system].requires`, else setuptools and wheel), when the project is
 *    installed;
 * 3. the core layer: the project (installed with `--no-build-isolation`), then the runtime
 *    requirements files at the root in a layer of their own; or — from the source tree — the
 *    dependencies of the manifests and those files together;
 * 4. the test layer: the plan's requirements, requirements files, the requirements of its extras,
 *    and the plugins the pytest configuration needs that the project declares nowhere — one call
 *    per source;
 * 5. each other extra on its own.
 * Extras are installed from their requirements directly (the project is installed once, in 3).
 * When the plan's source writes the test environment down (`installsWritten`), the requirements files
 * and extras it does not name are not installed: the suite runs as the maintainers set it up
 * ({@link unplannedSources} lists them). Layers with nothing to install are left out.
 */
export function planLayers(input: LayerInput): Layer[] {
  const { plan, manifests } = input;
  const tools = emptyLayer("tools", "claimcheck's tools", false);
  tools.requirements = CLAIMCHECK_TOOLS.map((r) => ({ requirement: r, wantedBy: "claimcheck" }));
  const layers = [tools];
  if (input.installProject) {
    const backend = emptyLayer("backend", "build backend", false);
    const requires = manifests.pyproject?.buildRequires ?? DEFAULT_BUILD_REQUIRES;
    backend.requirements = requires.map((r) => ({ requirement: r, wantedBy: "[build-system]" }));
    layers.push(backend);
  }
  const core = emptyLayer("core", "core dependencies", false);
  const runtimeFiles = rootRuntimeFiles(input);
  // An installed project declares its dependencies itself: its requirements files (often a
  // pinned superset) are a layer of their own; from the source tree they are the core.
  const files = input.installProject
    ? emptyLayer("requirements", "requirements files", false)
    : core;
  files.requirementsFiles = runtimeFiles.map((f) => f.path);
  files.fileRequirements = Object.fromEntries(
    runtimeFiles.map((f) => [f.path, from(f.requirements, f.path)]),
  );
  if (input.installProject) {
    core.project = { noDeps: false, dependencies: coreDependencies(manifests) };
  } else core.requirements = coreDependencies(manifests);
  layers.push(core);
  if (files !== core) layers.push(files);

  const extras = declaredExtras(manifests);
  layers.push(...testLayers(input, extras, files.requirementsFiles));
  for (const [extra, reqs] of Object.entries(extras)) {
    if (plan.extras.includes(extra) || plan.installsWritten) continue;
    const layer = emptyLayer("extra", `extra \`${extra}\``, isDevName(extra));
    layer.requirements = from(reqs, `extra \`${extra}\``);
    layers.push(layer);
  }
  return layers.filter((l) =>
    l.requirements.length > 0 || l.requirementsFiles.length > 0 || l.project !== undefined
  ).map(dedupe);
}

type RequirementsFile = Manifests["requirements"][number];

function isRootRuntime(file: RequirementsFile): boolean {
  return !file.dev && !file.path.includes("/");
}

/** The runtime requirements files at the root that the core layer installs. */
function rootRuntimeFiles(input: LayerInput): RequirementsFile[] {
  return input.manifests.requirements.filter((f) =>
    isRootRuntime(f) &&
    (!input.plan.installsWritten || input.plan.requirementsFiles.includes(f.path))
  );
}

/**
 * What the project declares that the layers leave out because the plan's source writes the test
 * environment down without it: runtime requirements files at the root and extras, with the test
 * sources the plan itself left alone (`plan.notInstalled`).
 */
export function unplannedSources(
  { plan, manifests }: Pick<LayerInput, "plan" | "manifests">,
): string[] {
  if (!plan.installsWritten) return [];
  const files = manifests.requirements.filter((f) =>
    isRootRuntime(f) && !plan.requirementsFiles.includes(f.path)
  ).map((f) => f.path);
  const extras = Object.keys(declaredExtras(manifests)).filter((e) => !plan.extras.includes(e))
    .map((e) => `extra \`${e}\``);
  return [...new Set([...files, ...extras, ...plan.notInstalled])];
}

/**
 * The test layer, one pip call per source (each requirements file, each group of requirements by
 * who wants them, the plugins claimcheck adds), so that a source the index cannot satisfy never
 * takes the others down with it.
 */
function testLayers(
  input: LayerInput,
  extras: Record<string, Requirement[]>,
  coreFiles: readonly string[],
): Layer[] {
  const { plan } = input;
  const wanted: LayerRequirement[] = [
    ...plan.requirements.map((r) => ({ requirement: r.requirement, wantedBy: r.wantedBy })),
    ...plan.extras.flatMap((e) => from(extras[e] ?? [], `extra \`${e}\``)),
    ...plan.plugins.filter((p) => !p.declared).map((p) => ({
      requirement: p.name,
      wantedBy: `${p.reason}; declared nowhere, added by claimcheck`,
    })),
  ];
  const groups = new Map<string, LayerRequirement[]>();
  for (const r of wanted) groups.set(r.wantedBy, [...(groups.get(r.wantedBy) ?? []), r]);
  const layers = [...groups.values()].map((requirements) => ({
    ...emptyLayer("test", "test layer", true),
    requirements,
  }));
  // Extras no parsed manifest lists (a setup.py's extras_require): through the project itself.
  const unlisted = plan.extras.filter((e) => extras[e] === undefined);
  if (unlisted.length > 0 && input.installProject) {
    const layer = emptyLayer("test", "test layer", true);
    layer.project = { noDeps: false, dependencies: [], extras: unlisted };
    layers.push(layer);
  }
  for (const file of plan.requirementsFiles.filter((f) => !coreFiles.includes(f))) {
    const layer = emptyLayer("test", "test layer", true);
    layer.requirementsFiles = [file];
    layer.fileRequirements = { [file]: from(input.planFiles[file] ?? [], file) };
    layers.push(layer);
  }
  return layers;
}

/** A layer with each requirement once (by its text). */
function dedupe(layer: Layer): Layer {
  const seen = new Set<string>();
  const requirements = layer.requirements.filter((r) => {
    const key = r.requirement.replace(/\s+/g, "");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ...layer, requirements };
}

/** The names of a layer's requirements, normalised. */
export function layerNames(layer: Layer): Set<string> {
  return new Set(layer.requirements.flatMap((r) => {
    const name = requirementName(r.requirement);
    return name ? [normalName(name)] : [];
  }));
}

/**
 * The pip calls of a layer (the arguments after `python -m pip install`): one, or two when the
 * project is installed with `--no-deps` (that flag would apply to every requirement of the call);
 * the build backend with `--upgrade`.
 */
export function layerCalls(layer: Layer, root: string): string[][] {
  const files = layer.requirementsFiles.flatMap((f) => ["-r", `${root}/${f}`]);
  const requirements = layer.requirements.map((r) => r.requirement);
  // The newest backend that satisfies the requirements, as an isolated build would get (a venv
  // comes with an old setuptools that already "satisfies" `setuptools>=61`).
  if (layer.kind === "backend") return [["--upgrade", ...files, ...requirements]];
  if (!layer.project) return [[...files, ...requirements]];
  const extras = layer.project.extras ?? [];
  const project = extras.length > 0 ? `${root}[${extras.join(",")}]` : root;
  if (!layer.project.noDeps) return [["--no-build-isolation", ...files, project, ...requirements]];
  const rest = [...files, ...requirements];
  return [["--no-build-isolation", "--no-deps", project], ...(rest.length > 0 ? [rest] : [])];
}
