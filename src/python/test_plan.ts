/**
 * The test plan: how the maintainers run the tests, read from CI workflows, tox, nox, a Makefile and
 * the pytest configuration, each piece with its file and line. claimcheck runs that selection itself
 * with its own reporting options, in an environment installed in layers.
 * @module
 */
import { parse as parseToml, TomlError } from "smol-toml";
import { z } from "zod";
import { type Finding, FindingSchema } from "../finding.ts";
import { parseMakefile } from "./makefile.ts";
import {
  type Candidate,
  ciCandidate,
  ciRequirements,
  makeCandidate,
  noxCandidate,
  toxCandidate,
} from "./plan_candidates.ts";
import type { IniFile, NoxFile } from "./plan_sources.ts";
import {
  choosePytestConfig,
  configPlugins,
  type PytestConfig,
  type TomlDoc,
} from "./pytest_config.ts";
import { coverageTargets } from "./pytest_args.ts";
import { requirementName } from "./requirements.ts";
import {
  declaredNames,
  normalizeName,
  projectTestLayer,
  resolveGroup,
  type TestLayer,
} from "./test_deps.ts";
import { type ToxConfig, toxFromIni, toxFromToml } from "./tox.ts";
import { concreteVersions, parseWorkflow, type Workflow } from "./workflows.ts";

/** Where a plan's command came from, in order of precedence. */
export const PlanSourceKindSchema = z.enum([
  "ci",
  "tox",
  "nox",
  "make",
  "pytest-config",
  "default",
]);
/** Where a plan's command came from. */
export type PlanSourceKind = z.infer<typeof PlanSourceKindSchema>;

/** One piece of the plan and where it was read. */
export const PlanPieceSchema = z.object({
  file: z.string(),
  line: z.number().int().positive().optional(),
  /** What was read there: `run: pytest tests/unit -m "not slow"`, `deps = pytest-mock`. */
  detail: z.string(),
});
/** One piece of the plan and where it was read. */
export type PlanPiece = z.infer<typeof PlanPieceSchema>;

/** A requirement of the test layer and what asked for it. */
export const PlanRequirementSchema = z.object({
  /** A PEP 508 requirement as written (`pytest-mock>=3`). */
  requirement: z.string(),
  /** Who wants it: `dependency group test`, `tox.ini deps`, `pytest addopts --cov`. */
  wantedBy: z.string(),
});
/** A requirement of the test layer and what asked for it. */
export type PlanRequirement = z.infer<typeof PlanRequirementSchema>;

/** A pytest plugin that the configuration needs. */
export const PlanPluginSchema = z.object({
  /** Distribution name (`pytest-cov`). */
  name: z.string(),
  /** Why it is needed: "`addopts` uses `--cov`". */
  reason: z.string(),
  /** Whether the project declares it anywhere (dependencies, extras, groups, requirements, tox deps). */
  declared: z.boolean(),
});
/** A pytest plugin that the configuration needs. */
export type PlanPlugin = z.infer<typeof PlanPluginSchema>;

/** The plan: one command's selection, its environment and its test layer. */
export const TestPlanSchema = z.object({
  source: PlanSourceKindSchema,
  /** Why this source won ("an explicit CI test step beats tox.ini"). */
  why: z.string(),
  /** The maintainers' own command line as written, when one was found. */
  command: z.string().optional(),
  /** `pytest`, `unittest` (`python -m unittest …`), or `module` (the project's own `python -m pkg.tests`). */
  runner: z.enum(["pytest", "unittest", "module"]),
  /**
   * How the maintainers start pytest: `script` (the `pytest` command, which leaves the working
   * directory off `sys.path`) or `module` (`python -m pytest`, which puts it first). claimcheck
   * starts it the same way: `import src.pkg` works under one and not the other.
   */
  pytestInvocation: z.enum(["module", "script"]).default("module"),
  /**
   * pytest arguments that keep the maintainers' selection (paths, `-m`, `-k`, `--ignore`, `-p`,
   * `--doctest-modules`, `-o`); reporting options (`--cov*`, `--junitxml`, `-v`, `--html`, …) are left
   * out: claimcheck adds its own.
   */
  pytestArgs: z.array(z.string()),
  /**
   * What the maintainers' coverage measures: the `--cov` values of their command, else of the pytest
   * configuration's `addopts` (`pkg`, `src/pkg`); empty when they name none.
   */
  coverageTargets: z.array(z.string()).default([]),
  /** With `runner: unittest` or `module`: the arguments after `python -m` (`["unittest", "discover", "-s", "tests"]`). */
  moduleArgs: z.array(z.string()).default([]),
  /** Environment values the maintainers set for the tests (never `${{ secrets.* }}`). */
  env: z.record(z.string(), z.string()),
  /** Requirements of the test layer (plugins the configuration needs included). */
  requirements: z.array(PlanRequirementSchema),
  /** Requirements files of the test layer, relative to the root. */
  requirementsFiles: z.array(z.string()),
  /** Extras of the project the test layer installs (`test`, `tests`, …). */
  extras: z.array(z.string()),
  /** Plugins the pytest configuration needs. */
  plugins: z.array(PlanPluginSchema),
  /** Python versions of the CI matrix (`3.11`, `3.12`), newest last. */
  pythonVersions: z.array(z.string()),
  /** Whether the maintainers install the project before testing (false: the tests run from the tree). */
  installsProject: z.boolean(),
  /**
   * Whether the winning source writes down the whole test environment (a tox env, a nox session,
   * `pip install` lines before the test command): then only what it names is installed, and the
   * project's other test sources are listed in `notInstalled`.
   */
  installsWritten: z.boolean().default(false),
  /**
   * Whether the maintainers install the project editable (`-e .`, tox `usedevelop`, `uv sync`): the
   * project's folders (the root, or `src/`) are then what imports, not an installed copy.
   */
  installsEditable: z.boolean().default(false),
  /** Test requirements the project declares that the maintainers' written install leaves out. */
  notInstalled: z.array(z.string()).default([]),
  /** Every piece read, with file and line. */
  pieces: z.array(PlanPieceSchema),
  /** Files that could not be read (a workflow that does not parse, a tox.ini with a syntax error). */
  problems: z.array(FindingSchema),
});
/** The plan: one command's selection, its environment and its test layer. */
export type TestPlan = z.infer<typeof TestPlanSchema>;

/** A file's path and text. */
export interface TextFile {
  path: string;
  text: string;
}

/** Everything {@link planTests} reads: the texts of the sources, the INI files and noxfiles parsed by Python. */
export interface PlanInputs {
  /** Every file of the snapshot (relative). */
  files: readonly string[];
  /** `.github/workflows/*.yml|yaml`. */
  workflows: readonly TextFile[];
  pyproject?: TextFile;
  toxToml?: TextFile;
  /** `pytest.toml` and `.pytest.toml`. */
  pytestToml?: readonly TextFile[];
  makefile?: TextFile;
  /** Requirements files (test ones and those the sources name). */
  requirements: readonly TextFile[];
  /**
   * INI files read by `plan_sources.py`: `tox.ini`, `setup.cfg`, `pytest.ini`, `.pytest.ini`, and
   * pyproject's `legacy_tox_ini` under the file name `pyproject.toml`.
   */
  ini: readonly IniFile[];
  /** `noxfile.py` read by `plan_sources.py`. */
  nox: readonly NoxFile[];
  /** Problems met while reading (no interpreter for the INI/nox sources, a file too large). */
  problems: readonly Finding[];
  /** Whether the project can be installed (pyproject.toml, setup.py or setup.cfg). */
  installable: boolean;
}

type Table = Record<string, unknown>;

function readToml(
  file: TextFile | undefined,
  problems: Finding[],
): TomlDoc | undefined {
  if (!file) return undefined;
  try {
    return { path: file.path, doc: parseToml(file.text) as Table, text: file.text };
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    problems.push({
      message: `Cannot parse ${file.path}: ${error.message.split("\n")[0]}`,
      file: file.path,
      line: error.line,
    });
    return undefined;
  }
}

function iniProblem(file: IniFile | NoxFile, problems: Finding[]): void {
  if ("error" in file) {
    problems.push({
      message: `Cannot parse ${file.file}:${file.error.line}: ${file.error.message}`,
      file: file.file,
      line: file.error.line,
    });
  }
}

/** tox configurations in tox's order of discovery. */
function toxConfigs(inputs: PlanInputs, pyproject: TomlDoc | undefined, problems: Finding[]) {
  const ini = (name: string) => inputs.ini.find((f) => f.file === name);
  const configs: Array<ToxConfig | undefined> = [];
  const toxIni = ini("tox.ini");
  if (toxIni) configs.push(toxFromIni(toxIni, "tox"));
  const setupCfg = ini("setup.cfg");
  if (setupCfg) configs.push(toxFromIni(setupCfg, "tox:tox"));
  const legacy = ini("pyproject.toml");
  if (legacy) configs.push(toxFromIni(legacy, "tox"));
  if (pyproject) {
    const tox = (pyproject.doc.tool as Table | undefined)?.tox;
    if (typeof tox === "object" && tox !== null) {
      configs.push(toxFromToml(tox as Table, pyproject.path, pyproject.text));
    }
  }
  const toxToml = readToml(inputs.toxToml, problems);
  if (toxToml) configs.push(toxFromToml(toxToml.doc, toxToml.path, toxToml.text));
  return configs.filter((c): c is ToxConfig => c !== undefined);
}

function byName<T>(items: readonly T[], name: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = normalizeName(name(item));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function requirementKey(r: PlanRequirement): string {
  return requirementName(r.requirement) ?? r.requirement;
}

/**
 * The test plan from the repository's sources. Precedence: an explicit CI test step beats tox, which
 * beats nox, which beats a Makefile target, which beats the pytest configuration alone; a source
 * that cannot be read is a `problems` entry and the next one is used.
 */
export function planTests(inputs: PlanInputs): TestPlan {
  const problems: Finding[] = [...inputs.problems];
  const pyproject = readToml(inputs.pyproject, problems);
  const pytestToml = (inputs.pytestToml ?? []).map((f) => readToml(f, problems))
    .filter((d): d is TomlDoc => d !== undefined);
  for (const file of [...inputs.ini, ...inputs.nox]) iniProblem(file, problems);
  const workflows: Workflow[] = [];
  for (const file of inputs.workflows) {
    try {
      workflows.push(parseWorkflow(file.text, file.path));
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      const line = Number(/:(\d+):/.exec(error.message)?.[1] ?? 1);
      problems.push({ message: error.message, file: file.path, line });
    }
  }
  const tox = toxConfigs(inputs, pyproject, problems)[0];
  const nox = inputs.nox.find((f) => "sessions" in f);
  const makefile = inputs.makefile && parseMakefile(inputs.makefile.text, inputs.makefile.path);
  const setupCfg = inputs.ini.find((f) => f.file === "setup.cfg");
  const pytestConfig = choosePytestConfig({
    ini: inputs.ini,
    toml: pytestToml,
    ...(pyproject ? { pyproject } : {}),
  });

  const attempts: Array<[string, PlanSourceKind, () => Candidate | undefined]> = [
    ["CI", "ci", () =>
      ciCandidate(workflows, {
        ...(tox ? { tox } : {}),
        ...(nox ? { nox } : {}),
        ...(makefile ? { makefile } : {}),
      }, problems)],
    [tox?.file ?? "tox", "tox", () => tox && toxCandidate(tox)],
    [nox?.file ?? "nox", "nox", () => nox && noxCandidate(nox)],
    [makefile?.path ?? "Makefile", "make", () => makefile && makeCandidate(makefile)],
  ];
  let chosen: Candidate | undefined;
  const beaten: string[] = [];
  for (const [label, kind, attempt] of attempts) {
    // A source the winning CI step runs (its tox, nox or Makefile) is not beaten by it.
    if (chosen?.source === kind) continue;
    const found = attempt();
    if (!found) continue;
    if (chosen) beaten.push(label);
    else chosen = found;
  }
  if (chosen && pytestConfig) beaten.push(`the pytest configuration (${pytestConfig.file})`);
  const base = chosen ?? configOrDefault(pytestConfig, inputs.installable);
  const declaredLayer = projectTestLayer({
    ...(pyproject ? { pyproject } : {}),
    ...(setupCfg ? { setupCfg } : {}),
    files: inputs.files,
  });
  const layer = base.installsWritten ? emptyTestLayer() : declaredLayer;
  const why = beaten.length > 0
    ? `${base.why}; it beats ${
      beaten.join(", ")
    } (an explicit CI test step beats tox, which beats nox, which beats a Makefile, which beats the pytest configuration alone)`
    : base.why;

  const groups = (pyproject?.doc["dependency-groups"] ?? {}) as Table;
  const groupRequirements = base.groups.flatMap((g) =>
    resolveGroup(groups, g).map((requirement) => ({
      requirement,
      wantedBy: `dependency group \`${g}\``,
    }))
  );
  const requirements = byName(
    [...base.requirements, ...groupRequirements, ...layer.requirements],
    requirementKey,
  );
  const declared = declaredNames({
    ...(pyproject ? { pyproject } : {}),
    ...(setupCfg ? { setupCfg } : {}),
    requirements: inputs.requirements,
    extra: [
      ...ciRequirements(workflows),
      ...requirements.map((r) => r.requirement),
    ],
  });
  const plugins: PlanPlugin[] = [];
  const pieces: PlanPiece[] = [...base.pieces];
  if (base.runner === "pytest") {
    const needed = [
      ...(pytestConfig ? configPlugins(pytestConfig) : []).map((p) => ({
        name: p.name,
        requirement: p.requirement,
        reason: p.reason,
      })),
      ...base.argPlugins.map((p) => ({
        name: p.name,
        requirement: p.name,
        reason: `the test command's \`${p.option}\``,
      })),
    ];
    for (const p of byName(needed, (n) => n.name)) {
      plugins.push({
        name: p.name,
        reason: p.reason,
        declared: declared.has(normalizeName(p.name)),
      });
      if (!requirements.some((r) => normalizeName(requirementKey(r)) === normalizeName(p.name))) {
        requirements.push({ requirement: p.requirement, wantedBy: p.reason });
      }
    }
    if (pytestConfig) pieces.push(...configPieces(pytestConfig));
  }
  pieces.push(...layer.pieces);
  return {
    source: base.source,
    why,
    ...(base.command ? { command: base.command } : {}),
    runner: base.runner,
    pytestInvocation: base.pytestInvocation,
    pytestArgs: base.pytestArgs,
    coverageTargets: base.coverageTargets.length > 0
      ? base.coverageTargets
      : coverageTargets(pytestConfig?.options.addopts?.values ?? []),
    moduleArgs: base.moduleArgs,
    env: base.env,
    requirements,
    requirementsFiles: present(
      base.requirementsFiles,
      layer.requirementsFiles,
      inputs.files,
      problems,
    ),
    extras: byName([...base.extras, ...layer.extras], (e) => e),
    plugins,
    pythonVersions: base.pythonVersions.length > 0
      ? base.pythonVersions
      : concreteVersions(workflows.flatMap((w) => w.jobs.flatMap((j) => j.pythonVersions))),
    installsProject: base.installsProject,
    installsWritten: base.installsWritten,
    installsEditable: base.installsEditable,
    notInstalled: base.installsWritten ? leftAlone(declaredLayer, base, requirements) : [],
    pieces,
    problems,
  };
}

function emptyTestLayer(): TestLayer {
  return { requirements: [], extras: [], requirementsFiles: [], pieces: [] };
}

/** The sources of the project's declared test layer that a written install does not name. */
function leftAlone(
  declared: TestLayer,
  base: Candidate,
  installed: readonly PlanRequirement[],
): string[] {
  const named = new Set(installed.map((r) => normalizeName(requirementKey(r))));
  const sources = [
    ...declared.extras.filter((e) => !base.extras.includes(e)).map((e) => `extra \`${e}\``),
    ...declared.requirementsFiles.filter((f) => !base.requirementsFiles.includes(f)),
    ...declared.requirements.filter((r) => !named.has(normalizeName(requirementKey(r))))
      .map((r) => r.wantedBy),
  ];
  return [...new Set(sources)];
}

/** Requirements files, each once, those not in the tree left out with a problem. */
function present(
  named: readonly string[],
  layer: readonly string[],
  files: readonly string[],
  problems: Finding[],
): string[] {
  const tree = new Set(files);
  const out: string[] = [];
  for (const file of new Set([...named, ...layer])) {
    if (tree.has(file)) out.push(file);
    else {problems.push({
        message: `${file} is named as a requirements file but is not in the tree`,
      });}
  }
  return out;
}

/** The pieces of the pytest configuration that shape the run. */
function configPieces(config: PytestConfig): PlanPiece[] {
  return ["testpaths", "addopts", "markers", "required_plugins"].flatMap((key) => {
    const option = config.options[key];
    if (!option) return [];
    const detail = key === "markers"
      ? `${config.section} markers (${option.values.length})`
      : `${config.section} ${key} = ${option.values.join(" ")}`;
    return [{ file: config.file, line: option.line, detail }];
  });
}

/** The plan when no command is written anywhere: the pytest configuration alone, or the default. */
function configOrDefault(config: PytestConfig | undefined, installable: boolean): Candidate {
  const plain = {
    command: "",
    runner: "pytest" as const,
    pytestInvocation: "module" as const,
    pytestArgs: [],
    coverageTargets: [],
    moduleArgs: [],
    argPlugins: [],
    env: {},
    requirements: [],
    requirementsFiles: [],
    extras: [],
    groups: [],
    installsProject: installable,
    installsWritten: false,
    installsEditable: false,
    pythonVersions: [],
    pieces: [],
  };
  if (!config) {
    return {
      ...plain,
      source: "default",
      why:
        "no CI step, tox, nox, Makefile target or pytest configuration says how the tests run: plain pytest from the root",
    };
  }
  const testpaths = config.options.testpaths?.values.join(" ");
  return {
    ...plain,
    source: "pytest-config",
    why:
      `no CI step, tox, nox or Makefile target runs the tests; pytest reads ${config.file} ${config.section}${
        testpaths ? ` (testpaths ${testpaths})` : ""
      }`,
  };
}
