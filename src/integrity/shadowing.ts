/**
 * deps.shadowed, the pure part: which folders are on the import path of a project's code and
 * tests, which top-level modules they hold, and which of those carry the name of a standard-library
 * or installed third-party module (and so would be imported instead of it).
 * @module
 */
import { z } from "zod";
import type { CheckOutcome, Finding, Measurement } from "../check.ts";

/** A folder on `sys.path` when the project's code or tests run, and why. */
export interface PathDir {
  /** Relative POSIX path; `""` is the repository root. */
  dir: string;
  why: string;
}

/** A top-level module in one of those folders. */
export interface Candidate {
  name: string;
  /** The module's file (`yaml.py`, `torch/__init__.py`). */
  path: string;
  /** Why its folder is on the import path. */
  why: string;
}

/** What `module_names.py` prints. */
export const ModuleNamesSchema = z.object({
  stdlib: z.array(z.string()),
  distributions: z.record(z.string(), z.array(z.string())).nullable(),
});
/** What `module_names.py` prints. */
export type ModuleNames = z.infer<typeof ModuleNamesSchema>;

/**
 * Standard-library names a project may reuse harmlessly: `test` (the interpreter's own regression
 * suite, imported by no one else) and `__main__`.
 */
const HARMLESS = new Set(["test", "__main__"]);
/** Folders whose contents are not the project's importable code. */
const FOREIGN =
  /(^|\/)(node_modules|vendor|third_party|site-packages|\.venv|venv|\.tox|\.nox|\.eggs|__pycache__|build|dist)\//;
/** Files pytest imports itself: test modules and `conftest.py`. */
const TEST_MODULE = /^(test_.*|.*_test|conftest)\.py$/;
const MODULE = /^([A-Za-z_][A-Za-z0-9_]*)(?:\.py|\/__init__\.py|\.[a-z0-9_-]+\.(?:so|pyd))$/;

function parentOf(path: string): string {
  return path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
}

/**
 * The folders on the import path: the repository root (the working directory of `python -m`,
 * pytest's rootdir), `src/` when present, and for each test module and `conftest.py` the first
 * folder upwards without an `__init__.py` (where pytest's default `prepend` import mode puts it).
 */
export function importPathDirs(files: readonly string[]): PathDir[] {
  const own = files.filter((f) => !FOREIGN.test(f));
  const set = new Set(own);
  const dirs = new Map<string, string>([["", "the repository root"]]);
  if (own.some((f) => f.startsWith("src/"))) dirs.set("src", "the src/ layout folder");
  for (const file of own) {
    const name = file.split("/").at(-1) ?? file;
    if (!TEST_MODULE.test(name)) continue;
    let dir = parentOf(file);
    while (dir !== "" && set.has(`${dir}/__init__.py`)) dir = parentOf(dir);
    if (!dirs.has(dir)) dirs.set(dir, `pytest puts it on sys.path for ${file}`);
  }
  return [...dirs].map(([dir, why]) => ({ dir, why }));
}

/** The top-level modules and packages in `dirs` (namespace folders without `__init__.py` cannot shadow). */
export function shadowCandidates(files: readonly string[], dirs: readonly PathDir[]): Candidate[] {
  const out: Candidate[] = [];
  for (const { dir, why } of dirs) {
    const prefix = dir === "" ? "" : `${dir}/`;
    for (const file of files) {
      if (!file.startsWith(prefix)) continue;
      const m = MODULE.exec(file.slice(prefix.length));
      if (m !== null) out.push({ name: m[1] as string, path: file, why });
    }
  }
  return out.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/** One shadowing: the file and the module it hides. */
export interface Shadowing {
  candidate: Candidate;
  /** `the standard library's numpy`… : what it hides. */
  hides: string;
}

/**
 * The candidates that carry another module's name: any standard-library name, and — except for
 * the project's own packages (`firstParty`), which its own distribution installs — any installed
 * distribution's top-level name.
 */
export function findShadowing(
  candidates: readonly Candidate[],
  names: ModuleNames,
  firstParty: ReadonlySet<string>,
): Shadowing[] {
  const stdlib = new Set(names.stdlib);
  const out: Shadowing[] = [];
  for (const candidate of candidates) {
    const { name } = candidate;
    if (HARMLESS.has(name)) continue;
    if (stdlib.has(name)) {
      out.push({ candidate, hides: `the standard library's \`${name}\`` });
      continue;
    }
    const dists = names.distributions?.[name];
    if (dists !== undefined && dists.length > 0 && !firstParty.has(name)) {
      out.push({ candidate, hides: `\`${name}\` of the installed ${dists.join(", ")}` });
    }
  }
  return out;
}

/**
 * The outcome: `fail` with a finding per shadowing; without findings `pass` when the installed
 * distributions were compared too, else `unverified` naming why they were not (`thirdParty`).
 */
export function evaluateShadowed(
  found: readonly Shadowing[],
  checked: number,
  evidence: number,
  thirdParty: string | undefined,
): CheckOutcome {
  const measurements: Measurement[] = [{
    metric: "deps.shadowed",
    value: found.length,
    unit: "count",
    evidence,
  }];
  const findings: Finding[] = found.map(({ candidate, hides }) => ({
    message: `${candidate.path} hides ${hides}: ${candidate.why}`,
    file: candidate.path,
    line: 1,
    subject: candidate.name,
  }));
  const scope = thirdParty === undefined
    ? "the standard library and the installed distributions"
    : "the standard library";
  if (found.length > 0) {
    const first = findings[0] as Finding;
    return {
      status: "fail",
      summary: `${found.length} module${
        found.length === 1 ? " on the import path shadows" : "s on the import path shadow"
      } ${scope}: ${first.message}`,
      measurements,
      findings,
    };
  }
  const none = `None of ${checked} top-level modules on the import path shadows ${scope}`;
  if (thirdParty !== undefined) {
    return {
      status: "unverified",
      summary: `${none}; third-party names not checked: ${thirdParty}`,
      measurements,
    };
  }
  return { status: "pass", summary: none, measurements };
}
