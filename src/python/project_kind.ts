/**
 * Whether a Python project is a package pip can install, or an application / folder of scripts
 * whose tests run from the source tree; and the interpreter versions it accepts.
 * @module
 */
import { parse } from "smol-toml";

/** What is read to tell. */
export interface ProjectFiles {
  /** The text of `pyproject.toml`, when there is one. */
  pyproject?: string;
  /** Whether there is a `setup.py` at the root. */
  setupPy: boolean;
  /** The text of `setup.cfg`, when there is one. */
  setupCfg?: string;
}

/** The answer: installable or not, and why; the `requires-python` specifier when declared. */
export interface ProjectKind {
  installable: boolean;
  why: string;
  requiresPython?: string;
}

type Table = Record<string, unknown>;

function table(value: unknown): Table {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value as Table : {};
}

function tomlOf(text: string | undefined): Table | undefined {
  if (text === undefined) return undefined;
  try {
    return parse(text) as Table;
  } catch {
    return undefined;
  }
}

/** The value of `key` in `[section]` of a setup.cfg (first line only). */
function setupCfgValue(text: string | undefined, section: string, key: string): string | undefined {
  if (text === undefined) return undefined;
  let current = "";
  for (const line of text.split(/\r?\n/)) {
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) current = (header[1] ?? "").trim();
    const pair = /^([\w-]+)\s*[=:]\s*(.+)$/.exec(line);
    if (current === section && pair?.[1] === key) return (pair[2] ?? "").trim();
  }
  return undefined;
}

/**
 * Tell whether the project is installable: a `setup.py`, or a `pyproject.toml` whose `[project]`
 * or `[tool.poetry]` table (or setup.cfg's `[metadata]`) names the project; Poetry's `package-mode = false` declares an
 * application. A `pyproject.toml` that does not parse counts as installable (pip then names the
 * error).
 *
 * @example
 * ```ts
 * import { projectKind } from "./project_kind.ts";
 * projectKind({ pyproject: "[tool.pytest.ini_options]\n", setupPy: false }).installable; // false
 * ```
 */
export function projectKind(files: ProjectFiles): ProjectKind {
  const doc = tomlOf(files.pyproject);
  const project = table(doc?.project);
  const poetry = table(table(doc?.tool).poetry);
  const requires = typeof project["requires-python"] === "string"
    ? project["requires-python"]
    : setupCfgValue(files.setupCfg, "options", "python_requires");
  const extra = requires !== undefined ? { requiresPython: requires } : {};
  if (poetry["package-mode"] === false) {
    return {
      installable: false,
      why: "pyproject.toml sets `[tool.poetry] package-mode = false` (an application)",
      ...extra,
    };
  }
  if (files.setupPy) return { installable: true, why: "setup.py", ...extra };
  if (files.pyproject === undefined) {
    return { installable: false, why: "there is no pyproject.toml or setup.py", ...extra };
  }
  if (doc === undefined) return { installable: true, why: "pyproject.toml", ...extra };
  if (typeof project.name === "string" || typeof poetry.name === "string") {
    return { installable: true, why: "pyproject.toml names the project", ...extra };
  }
  if (setupCfgValue(files.setupCfg, "metadata", "name") !== undefined) {
    return { installable: true, why: "setup.cfg names the project", ...extra };
  }
  return {
    installable: false,
    why: "neither pyproject.toml nor setup.cfg names the project and there is no setup.py",
    ...extra,
  };
}
