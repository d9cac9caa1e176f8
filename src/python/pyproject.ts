/**
 * What a `pyproject.toml` declares: PEP 621 `[project]`, Poetry, PEP 735 dependency groups, uv and PDM
 * development dependencies, and the build system.
 * @module
 */
import { parse, TomlError } from "smol-toml";
import { type Requirement, requirementName } from "./requirements.ts";

/** The dependencies a `pyproject.toml` declares. */
export interface Pyproject {
  /** `[project] name` or `[tool.poetry] name`. */
  name?: string;
  /** `[build-system] requires`; undefined when the table is absent (pip then assumes setuptools). */
  buildRequires?: string[];
  /** Required runtime dependencies. */
  dependencies: Requirement[];
  /** Optional runtime dependencies by extra (`[project.optional-dependencies]`, Poetry extras). */
  optional: Record<string, Requirement[]>;
  /** Development-only dependencies by group (Poetry groups, dependency-groups, uv, PDM). */
  dev: Record<string, Requirement[]>;
}

type Table = Record<string, unknown>;

function table(value: unknown): Table {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value as Table : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function fromSpecs(specs: readonly string[], source: string): Requirement[] {
  return specs.flatMap((raw) => {
    const name = requirementName(raw);
    return name === undefined ? [] : [{ name, raw, source }];
  });
}

/** Each requirement with the line where its spec (or its Poetry key) first appears in `text`. */
function withLines(requirements: Requirement[], text: string): Requirement[] {
  const lines = text.split(/\r?\n/);
  return requirements.map((r) => {
    const quoted = [`"${r.raw}"`, `'${r.raw}'`];
    const index = lines.findIndex((l) =>
      quoted.some((q) => l.includes(q)) || l.trimStart().startsWith(`${r.raw} =`) ||
      l.trimStart().startsWith(`${r.raw}=`)
    );
    return index >= 0 ? { ...r, line: index + 1 } : r;
  });
}

/** Poetry's `name = spec` tables: the name is the installable spec (Poetry's `^1.2` is not PEP 440). */
function fromPoetry(deps: Table, source: string): Requirement[] {
  return Object.keys(deps).filter((name) => name.toLowerCase() !== "python").map((name) => ({
    name,
    raw: name,
    source,
  }));
}

function groupsOf(value: unknown, source: string): Record<string, Requirement[]> {
  return Object.fromEntries(
    Object.entries(table(value)).map((
      [group, specs],
    ) => [group, fromSpecs(strings(specs), source)]),
  );
}

/** Poetry's optional dependencies by extra; those in no extra under the key `""`. */
function poetryOptional(
  poetry: Table,
  optionalNames: ReadonlySet<string>,
  source: string,
): Record<string, Requirement[]> {
  const extras = table(poetry.extras);
  const out: Record<string, Requirement[]> = {};
  for (const [extra, names] of Object.entries(extras)) {
    out[extra] = strings(names).map((name) => ({ name, raw: name, source }));
  }
  const listed = new Set(Object.values(out).flat().map((r) => r.name));
  const rest = [...optionalNames].filter((n) => !listed.has(n));
  if (rest.length > 0) out[""] = rest.map((name) => ({ name, raw: name, source }));
  return out;
}

function poetryDev(poetry: Table, source: string): Record<string, Requirement[]> {
  const out: Record<string, Requirement[]> = {};
  const legacy = table(poetry["dev-dependencies"]);
  if (Object.keys(legacy).length > 0) out["dev"] = fromPoetry(legacy, source);
  for (const [group, spec] of Object.entries(table(poetry.group))) {
    out[group] = fromPoetry(table(table(spec).dependencies), source);
  }
  return out;
}

/**
 * Parse the text of a `pyproject.toml` found at `source` (a relative path, recorded on each
 * requirement). Throws a `TypeError` naming the file and line when the TOML is invalid.
 */
export function parsePyproject(text: string, source: string): Pyproject {
  let doc: Table;
  try {
    doc = parse(text) as Table;
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split("\n")[0] ?? "invalid TOML";
      throw new TypeError(`Cannot parse ${source}:${error.line}: ${reason}`);
    }
    throw error;
  }
  const project = table(doc.project);
  const tool = table(doc.tool);
  const poetry = table(tool.poetry);
  const poetryDeps = table(poetry.dependencies);
  const optionalPoetry = new Set(
    Object.keys(poetryDeps).filter((n) => table(poetryDeps[n]).optional === true),
  );
  const required = Object.fromEntries(
    Object.entries(poetryDeps).filter(([n]) => !optionalPoetry.has(n)),
  );
  const dev: Record<string, Requirement[]> = {
    ...poetryDev(poetry, source),
    ...groupsOf(tool.pdm && table(tool.pdm)["dev-dependencies"], source),
    ...groupsOf(doc["dependency-groups"], source),
  };
  const uvDev = fromSpecs(strings(table(tool.uv)["dev-dependencies"]), source);
  if (uvDev.length > 0) dev["uv-dev"] = uvDev;
  const name = typeof project.name === "string"
    ? project.name
    : typeof poetry.name === "string"
    ? poetry.name
    : undefined;
  const build = doc["build-system"];
  const located = (groups: Record<string, Requirement[]>) =>
    Object.fromEntries(Object.entries(groups).map(([g, r]) => [g, withLines(r, text)]));
  return {
    ...(name !== undefined ? { name } : {}),
    ...(build !== undefined ? { buildRequires: strings(table(build).requires) } : {}),
    dependencies: withLines([
      ...fromSpecs(strings(project.dependencies), source),
      ...fromPoetry(required, source),
    ], text),
    optional: located({
      ...groupsOf(project["optional-dependencies"], source),
      ...poetryOptional(poetry, optionalPoetry, source),
    }),
    dev: located(dev),
  };
}
