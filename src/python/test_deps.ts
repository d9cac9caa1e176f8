/**
 * The project's own test layer: extras named test/tests/testing/dev, PEP 735 dependency groups
 * (`include-group` resolved), Poetry groups and dev-dependencies (constraints turned into PEP 440),
 * Hatch environments, PDM dev groups and test requirements files; and every name the project declares.
 * @module
 */
import { type IniFile, iniKey, iniLines, iniSection } from "./plan_sources.ts";
import type { TomlDoc } from "./pytest_config.ts";
import { parseRequirementsFile, requirementName } from "./requirements.ts";
import type { PlanPiece, PlanRequirement } from "./test_plan.ts";

type Table = Record<string, unknown>;

function table(value: unknown): Table {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value as Table : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** PEP 503/685 normalised name (`Pytest_Cov` → `pytest-cov`). */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

/** Extras and groups whose names say they hold the test layer. */
const TEST_NAMES = new Set(["test", "tests", "testing", "dev"]);

/** Whether an extra or group name is one of the test layer's (test, tests, testing, dev). */
export function isTestName(name: string): boolean {
  return TEST_NAMES.has(normalizeName(name));
}

/** Whether a requirements file (by path) is a test requirements file. */
export function isTestRequirementsFile(path: string): boolean {
  return /^(requirements[-_](dev|tests?)[\w-]*|(tests?|dev)[-_]requirements)\.(txt|in)$/i.test(
    path,
  ) || /^requirements\/(tests?|dev|testing)[\w-]*\.(txt|in)$/i.test(path);
}

/** Poetry's `^1.2`/`~1.2`/`*`/`1.2` constraint as a PEP 440 specifier (empty: any version). */
export function poetryConstraint(constraint: string): string | undefined {
  const parts = constraint.split(",").map((p) => p.trim()).filter(Boolean);
  if (constraint.includes("||")) return undefined;
  const out: string[] = [];
  for (const part of parts) {
    const m = /^(\^|~(?!=)|)\s*(\d+(?:\.\d+)*)(\.\*)?$/.exec(part);
    if (part === "*") continue;
    if (!m) {
      out.push(part.replace(/\s+/g, ""));
      continue;
    }
    const [, op, version, star] = m as unknown as [string, string, string, string | undefined];
    const nums = version.split(".").map(Number);
    if (op === "" && star) out.push(`==${version}.*`);
    else if (op === "") out.push(`==${version}`);
    else {
      const upper = op === "^"
        ? caretUpper(nums)
        : nums.length === 1
        ? [(nums[0] as number) + 1]
        : [nums[0] as number, (nums[1] as number) + 1];
      out.push(`>=${version}`, `<${upper.join(".")}`);
    }
  }
  return out.join(",");
}

function caretUpper(nums: readonly number[]): number[] {
  const first = nums.findIndex((n) => n !== 0);
  const index = first < 0 ? Math.max(0, nums.length - 1) : first;
  return nums.slice(0, index + 1).map((n, i) => (i === index ? n + 1 : n));
}

/** A Poetry dependency (`name = "^1.2"` or `{version, extras, markers}`) as a PEP 508 string. */
export function poetryRequirement(name: string, spec: unknown): string | undefined {
  if (normalizeName(name) === "python") return undefined;
  const t = table(spec);
  if ("path" in t || "git" in t || "url" in t) return undefined;
  const version = typeof spec === "string" ? spec : typeof t.version === "string" ? t.version : "*";
  const constraint = poetryConstraint(version);
  const extras = strings(t.extras);
  const base = `${name}${extras.length > 0 ? `[${extras.join(",")}]` : ""}${constraint ?? ""}`;
  return typeof t.markers === "string" ? `${base}; ${t.markers}` : base;
}

/** A PEP 735 group's requirements, `{include-group = …}` resolved (each group once). */
export function resolveGroup(groups: Table, name: string, seen = new Set<string>()): string[] {
  const key = Object.keys(groups).find((k) => normalizeName(k) === normalizeName(name));
  if (key === undefined || seen.has(key)) return [];
  seen.add(key);
  const items = Array.isArray(groups[key]) ? groups[key] as unknown[] : [];
  return items.flatMap((item) => {
    if (typeof item === "string") return [item];
    const include = table(item)["include-group"];
    return typeof include === "string" ? resolveGroup(groups, include, seen) : [];
  });
}

/** The project's test layer. */
export interface TestLayer {
  requirements: PlanRequirement[];
  extras: string[];
  requirementsFiles: string[];
  pieces: PlanPiece[];
}

/** The line of the first line of `text` that contains `needle` (1 when none does). */
function lineIn(text: string, needle: string): number {
  const index = text.split(/\r?\n/).findIndex((l) => l.includes(needle));
  return index >= 0 ? index + 1 : 1;
}

/** What {@link projectTestLayer} reads. */
export interface TestLayerInputs {
  pyproject?: TomlDoc;
  setupCfg?: IniFile;
  files: readonly string[];
}

/** The test layer the project declares (extras, groups, dev dependencies, requirements files). */
export function projectTestLayer(inputs: TestLayerInputs): TestLayer {
  const layer: TestLayer = { requirements: [], extras: [], requirementsFiles: [], pieces: [] };
  const add = (requirement: string, wantedBy: string, file: string, line: number) => {
    layer.requirements.push({ requirement, wantedBy });
    layer.pieces.push({ file, line, detail: `${wantedBy}: ${requirement}` });
  };
  const py = inputs.pyproject;
  if (py) {
    const { doc, path, text } = py;
    const tool = table(doc.tool);
    const poetry = table(tool.poetry);
    const extras = [
      ...Object.keys(table(table(doc.project)["optional-dependencies"])),
      ...Object.keys(table(poetry.extras)),
    ];
    for (const extra of extras.filter(isTestName)) {
      layer.extras.push(extra);
      layer.pieces.push({
        file: path,
        line: lineIn(text, extra),
        detail: `test extra \`${extra}\``,
      });
    }
    const groups = table(doc["dependency-groups"]);
    for (const group of Object.keys(groups).filter(isTestName)) {
      for (const r of resolveGroup(groups, group)) {
        add(r, `dependency group \`${group}\``, path, lineIn(text, `"${r}"`));
      }
    }
    const poetryGroups: Array<[string, Table]> = [
      ["dev-dependencies", table(poetry["dev-dependencies"])],
      ...Object.entries(table(poetry.group)).filter(([g]) => isTestName(g)).map((
        [g, t],
      ): [string, Table] => [`group.${g}`, table(table(t).dependencies)]),
    ];
    for (const [group, deps] of poetryGroups) {
      for (const [name, spec] of Object.entries(deps)) {
        const r = poetryRequirement(name, spec);
        if (r) add(r, `Poetry ${group}`, path, lineIn(text, `${name} =`));
      }
    }
    const hatch = table(table(tool.hatch).envs);
    for (const env of ["default", "test", "tests"]) {
      const t = table(hatch[env]);
      for (const r of [...strings(t.dependencies), ...strings(t["extra-dependencies"])]) {
        add(r, `Hatch env \`${env}\``, path, lineIn(text, `"${r}"`));
      }
      for (const feature of strings(t.features)) {
        if (!layer.extras.includes(feature)) layer.extras.push(feature);
      }
    }
    const pdm = table(table(tool.pdm)["dev-dependencies"]);
    for (const group of Object.keys(pdm).filter(isTestName)) {
      for (const r of strings(pdm[group]).filter((s) => !s.startsWith("-"))) {
        add(r, `PDM dev group \`${group}\``, path, lineIn(text, `"${r}"`));
      }
    }
  }
  const extrasSection = iniSection(inputs.setupCfg, "options.extras_require");
  for (const key of extrasSection?.keys ?? []) {
    if (isTestName(key.key) && !layer.extras.includes(key.key)) {
      layer.extras.push(key.key);
      layer.pieces.push({ file: "setup.cfg", line: key.line, detail: `test extra \`${key.key}\`` });
    }
  }
  const testsRequire = iniKey(iniSection(inputs.setupCfg, "options"), "tests_require");
  for (const { text, line } of testsRequire ? iniLines(testsRequire) : []) {
    add(text, "setup.cfg `tests_require`", "setup.cfg", line);
  }
  for (const file of inputs.files.filter(isTestRequirementsFile)) {
    layer.requirementsFiles.push(file);
    layer.pieces.push({ file, detail: "test requirements file" });
  }
  return layer;
}

/** What {@link declaredNames} reads: manifests and the texts of requirements files. */
export interface DeclaredInputs {
  pyproject?: TomlDoc;
  setupCfg?: IniFile;
  requirements: ReadonlyArray<{ path: string; text: string }>;
  /** Requirements the plan's sources name (tox deps, CI pip lines, nox installs). */
  extra: readonly string[];
}

/** Every distribution name the project declares anywhere, normalised. */
export function declaredNames(inputs: DeclaredInputs): Set<string> {
  const specs: string[] = [...inputs.extra];
  const doc = inputs.pyproject?.doc ?? {};
  const project = table(doc.project);
  const tool = table(doc.tool);
  const poetry = table(tool.poetry);
  specs.push(...strings(project.dependencies));
  for (const list of Object.values(table(project["optional-dependencies"]))) {
    specs.push(...strings(list));
  }
  for (const list of Object.values(table(doc["dependency-groups"]))) specs.push(...strings(list));
  for (const list of Object.values(table(table(tool.pdm)["dev-dependencies"]))) {
    specs.push(...strings(list));
  }
  specs.push(...strings(table(tool.uv)["dev-dependencies"]));
  for (const env of Object.values(table(table(tool.hatch).envs))) {
    specs.push(...strings(table(env).dependencies), ...strings(table(env)["extra-dependencies"]));
  }
  const poetryTables = [
    table(poetry.dependencies),
    table(poetry["dev-dependencies"]),
    ...Object.values(table(poetry.group)).map((g) => table(table(g).dependencies)),
  ];
  for (const t of poetryTables) specs.push(...Object.keys(t));
  const options = iniSection(inputs.setupCfg, "options");
  for (const key of ["install_requires", "tests_require"]) {
    const found = iniKey(options, key);
    if (found) specs.push(...iniLines(found).map((l) => l.text));
  }
  for (const key of iniSection(inputs.setupCfg, "options.extras_require")?.keys ?? []) {
    specs.push(...iniLines(key).map((l) => l.text));
  }
  for (const file of inputs.requirements) {
    specs.push(...parseRequirementsFile(file.text, file.path).requirements.map((r) => r.raw));
  }
  const names = new Set<string>();
  for (const spec of specs) {
    const name = requirementName(spec);
    if (name !== undefined) names.add(normalizeName(name));
  }
  return names;
}
