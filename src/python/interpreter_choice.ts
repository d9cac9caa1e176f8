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

/** The next version after `parts` bumped at `index` (`[3, 8]`, 0 → `4.0`; `[3, 8, 1]`, 1 → `3.9.0`). */
function bump(parts: readonly number[], index: number): string {
  return parts.map((n, i) => i < index ? n : i === index ? n + 1 : 0).join(".");
}

/** One Poetry constraint term (`^3.8`, `~3.8`, `3.8`, `3.*`, `*`, `>=3.8`) as PEP 440 clauses. */
function poetryTerm(term: string): string[] {
  const match = /^([\^~])?(\d+(?:\.\d+){0,2})$/.exec(term);
  if (term === "*") return [">=0"];
  if (!match) return /^\d+(\.\d+)*\.\*$/.test(term) ? [`==${term}`] : [term];
  const [, op, version] = match as unknown as [string, string | undefined, string];
  const parts = version.split(".").map(Number);
  if (op === undefined) return [`==${version}`];
  if (op === "~") return [`>=${version}`, `<${bump(parts, Math.min(1, parts.length - 1))}`];
  const first = parts.findIndex((n) => n !== 0);
  return [`>=${version}`, `<${bump(parts, first < 0 ? parts.length - 1 : first)}`];
}

/**
 * A `requires-python` as PEP 440 specifiers, any of which is to be satisfied: the text itself
 * when it is PEP 440 (and not blank), else read as a Poetry constraint (`^3.8` → `>=3.8,<4`, `~3.8` →
 * `>=3.8,<3.9`, `3.8.*`, `>=3.8 <4`, alternatives joined by `||`); undefined when neither parses.
 *
 * @example
 * ```ts
 * import { pep440Specifiers } from "./interpreter_choice.ts";
 * pep440Specifiers("^3.8 || ~2.7"); // [">=3.8,<4.0", ">=2.7,<2.8"]
 * ```
 */
export function pep440Specifiers(text: string): string[] | undefined {
  if (text.trim() === "") return undefined;
  if (validRange(text)) return [text];
  const specs = text.split("||").map((part) => {
    const terms = part.trim().replace(/([<>=!~]=?|\^)\s+/g, "$1").split(/[\s,]+/).filter(Boolean);
    return terms.flatMap(poetryTerm).join(",");
  });
  return specs.every((spec) => spec !== "" && validRange(spec)) ? specs : undefined;
}

/**
 * Choose the interpreter to make the project's environment from, the way a maintainer would:
 *
 * 1. Only interpreters whose version satisfies `requires-python` are acceptable (PEP 440, parsed
 *    with `@renovatebot/pep440`; a Poetry `python` constraint is read with
 *    {@link pep440Specifiers}). An absent or empty specifier accepts every interpreter; one that
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
  const spec = requiresPython?.trim() || undefined;
  const specs = spec === undefined ? undefined : pep440Specifiers(spec);
  const unparseable = spec !== undefined && specs === undefined
    ? `requires-python "${spec}" cannot be parsed and was treated as absent; `
    : "";
  const readAs = specs && specs.join(" or ") !== spec ? ` (read as ${specs.join(" or ")})` : "";
  const specText = specs === undefined ? "" : ` requires-python ${spec}${readAs}`;
  const accepts = (tool: Tool) =>
    valid(tool.version) !== null &&
    (specs === undefined || specs.some((s) => satisfies(tool.version, s)));
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
  const satisfiesText = specs === undefined ? "" : ` that satisfies${specText}`;
  if (defaultTool) {
    chosen = defaultTool;
    why = `${chosen.version}: the machine's default python3${
      specs === undefined ? "" : `, which satisfies${specText}`
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
      : specs === undefined
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
