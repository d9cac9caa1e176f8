/**
 * Which Python interpreter an environment is made from: the one that satisfies the project's
 * `requires-python` and, among those, a version of the CI matrix, else the newest.
 * @module
 */
import { compare, satisfies, valid, validRange } from "@renovatebot/pep440";
import type { Tool } from "../facts.ts";

/** One interpreter that was considered, and whether it satisfies the project. */
export interface PythonAlternative {
  path: string;
  version: string;
  accepted: boolean;
  /** Why it was not chosen, or why it was. */
  reason: string;
}

/** The choice: an interpreter (absent when none satisfies), why, and what else there was. */
export interface PythonChoice {
  chosen?: Tool;
  why: string;
  alternatives: PythonAlternative[];
}

/**
 * Whether an interpreter version is one of a CI matrix's `python-version` entries: `3.12` and
 * `3.12.1` name that minor (or that exact) version, `3.x` any 3; `pypy-3.9` and the like name
 * another implementation and match nothing. A `-dev` suffix is ignored.
 */
export function inMatrix(version: string, ciVersions: readonly string[]): boolean {
  const parts = version.split(".");
  return ciVersions.some((entry) => {
    const wanted = entry.trim().replace(/-dev$/, "").split(".");
    if (!wanted.every((part) => /^(\d+|x)$/.test(part))) return false;
    return wanted.every((part, i) => part === "x" || part === parts[i]);
  });
}

/**
 * Choose the interpreter to make the project's environment from, the way a maintainer would:
 *
 * 1. Only interpreters whose version satisfies `requires-python` are acceptable (PEP 440, parsed
 *    with `@renovatebot/pep440`). An absent or empty specifier accepts every interpreter; one that
 *    cannot be parsed is treated as absent, and `why` says so.
 * 2. The machine's default `python3` (`machineDefault`, matched by path, else by version) wins when
 *    it is acceptable and is in the CI matrix or no matrix is given: it is the interpreter the
 *    machine's binary wheels and tools are made for.
 * 3. Else the newest acceptable interpreter in the CI matrix; else the newest acceptable one.
 *
 * No acceptable interpreter → `chosen` is absent and `why` names the specifier and the versions
 * found. Every candidate appears in `alternatives` with whether it is acceptable and why it was or
 * was not chosen.
 *
 * @example
 * ```ts
 * import { choosePython } from "./interpreter_choice.ts";
 * const choice = choosePython([{ path: "/a", version: "3.11.7" }, { path: "/b", version: "3.12.1" }],
 *   ">=3.12", []);
 * // choice.chosen?.version === "3.12.1"
 * ```
 */
export function choosePython(
  candidates: readonly Tool[],
  requiresPython: string | undefined,
  ciVersions: readonly string[],
  machineDefault?: Tool,
): PythonChoice {
  const trimmed = requiresPython?.trim() || undefined;
  const spec = trimmed !== undefined && validRange(trimmed) ? trimmed : undefined;
  const unparseable = trimmed !== undefined && spec === undefined
    ? `requires-python "${trimmed}" cannot be parsed and was treated as absent; `
    : "";
  const specText = spec === undefined ? "" : ` requires-python ${spec}`;
  const accepts = (tool: Tool) =>
    valid(tool.version) !== null && (spec === undefined || satisfies(tool.version, spec));
  const newestFirst = (a: Tool, b: Tool) =>
    valid(a.version) && valid(b.version) ? compare(b.version, a.version) : 0;

  const acceptable = candidates.filter(accepts).sort(newestFirst);
  const matrix = ciVersions.length > 0 ? ` in the CI matrix (${ciVersions.join(", ")})` : "";
  const inCi = acceptable.filter((tool) => inMatrix(tool.version, ciVersions));
  const pool = ciVersions.length > 0 ? inCi : acceptable;
  const defaultTool = machineDefault &&
    (pool.find((tool) => tool.path === machineDefault.path) ??
      pool.find((tool) => tool.version === machineDefault.version));

  let chosen: Tool | undefined;
  let why: string;
  const satisfiesText = spec === undefined ? "" : ` that satisfies${specText}`;
  if (defaultTool) {
    chosen = defaultTool;
    why = `${chosen.version}: the machine's default python3${
      spec === undefined ? "" : `, which satisfies${specText}`
    }${matrix ? ` and is${matrix}` : ""}`;
  } else if (inCi[0]) {
    chosen = inCi[0];
    why = `${chosen.version}: the newest interpreter${matrix}${satisfiesText}`;
  } else if (acceptable[0]) {
    chosen = acceptable[0];
    why = `${chosen.version}: the newest interpreter${satisfiesText}${
      matrix ? ` (none is${matrix})` : ""
    }`;
  } else {
    const found = candidates.map((tool) => tool.version).join(", ");
    why = candidates.length === 0
      ? "No Python interpreter was found on this machine"
      : spec === undefined
      ? `No interpreter has a PEP 440 version: found ${found}`
      : `No interpreter satisfies${specText}: found ${found}`;
  }
  const alternatives = candidates.map((tool): PythonAlternative => {
    const accepted = acceptable.includes(tool);
    const reason = tool === chosen
      ? "chosen"
      : !accepted
      ? valid(tool.version) === null
        ? `version ${tool.version} cannot be parsed`
        : `does not satisfy${specText}`
      : `acceptable, but ${chosen?.version ?? "another"} was preferred`;
    return { path: tool.path, version: tool.version, accepted, reason };
  });
  return { ...(chosen ? { chosen } : {}), why: unparseable + why, alternatives };
}
