/**
 * Why a `pip install` failed, read from its output.
 * @module
 */
import type { CheckOutcome } from "../check.ts";
import { requirementName } from "./requirements.ts";

/** The kinds of pip failure the install check tells apart. */
export type PipFailure =
  /** A requirement has no matching distribution on the configured index: cannot be verified here. */
  | { kind: "not-found"; requirements: string[] }
  /** The index could not be reached. */
  | { kind: "network"; detail: string }
  /** The requirements conflict with each other. */
  | { kind: "conflict"; detail: string }
  /** A package (usually the target) failed to build or to produce its metadata. */
  | { kind: "build"; detail: string }
  | { kind: "other"; detail: string };

const NETWORK =
  /(NewConnectionError|Temporary failure in name resolution|Name or service not known|Network is unreachable|Could not fetch URL|ConnectTimeoutError|ProxyError)/;

function lastMatch(lines: readonly string[], pattern: RegExp): string | undefined {
  return lines.filter((l) => pattern.test(l)).at(-1)?.trim();
}

/**
 * Classify pip's output (stderr, or both streams joined).
 *
 * @example
 * ```ts
 * import { parsePipFailure } from "./pip_failure.ts";
 * parsePipFailure("ERROR: No matching distribution found for tenacity==0.0.1\n");
 * // { kind: "not-found", requirements: ["tenacity==0.0.1"] }
 * ```
 */
export function parsePipFailure(output: string): PipFailure {
  const lines = output.split(/\r?\n/);
  const notFound = missingRequirements(output).map((m) => m.requirement);
  if (notFound.length > 0) {
    return NETWORK.test(output)
      ? { kind: "network", detail: lastMatch(lines, NETWORK) ?? "" }
      : { kind: "not-found", requirements: notFound };
  }
  if (/ResolutionImpossible|conflicting dependencies/.test(output)) {
    const detail = lastMatch(lines, /conflict is caused by|Cannot install|depends on/) ??
      "conflicting dependencies";
    return { kind: "conflict", detail };
  }
  if (
    /metadata-generation-failed|subprocess-exited-with-error|Failed building wheel|Failed to build|did not run successfully/
      .test(output)
  ) {
    const exception = lastMatch(lines, /^\s*[\w.]*(Error|Exception)\b.*:\s/);
    const error = lastMatch(lines, /^error: /);
    return { kind: "build", detail: exception ?? error ?? "the build failed" };
  }
  // "ERROR: Exception:" introduces a traceback of pip itself: its last line says what went wrong.
  const error = lastMatch(lines, /^ERROR: (?!Exception:$)/);
  return { kind: "other", detail: error ?? lines.filter((l) => l.trim()).at(-1)?.trim() ?? "" };
}

/**
 * The lines of `output` with `python -m build`'s relayed pip lines (`< …`, wrapped with two-space
 * continuation lines) joined again; a line broken after a hyphen is joined without a space.
 */
function unwrapRelay(output: string): string[] {
  const lines: string[] = [];
  for (const line of output.split(/\r?\n/)) {
    const last = lines.at(-1);
    if (last !== undefined && last.startsWith("< ") && /^ {2}\S/.test(line)) {
      const rest = line.trim();
      lines[lines.length - 1] = last.endsWith("-") ? last + rest : `${last} ${rest}`;
    } else lines.push(line);
  }
  return lines;
}

/** A requirement pip could not find on the index, as its output names it. */
export interface MissingRequirement {
  /** The requirement as pip wrote it (`py-cpuinfo2>=10.1`). */
  requirement: string;
  /** Its distribution name (`py-cpuinfo2`). */
  name: string;
  /** The requirement that pulled it in, when pip says (`(from pytest-benchmark)`). */
  from?: string;
  /** The versions the index has (`(from versions: 6.5.0, 7.6.4)`), oldest first as pip lists them. */
  versions: string[];
}

const COULD_NOT =
  /Could not find a version that satisfies the requirement (\S+)((?: \(from [^)]*\))*)/;
const NO_MATCH = /No matching distribution found for (\S+)/;

/**
 * The requirements pip could not find, from its `Could not find a version that satisfies the
 * requirement X` and `No matching distribution found for X` lines; each once, in order.
 *
 * @example
 * ```ts
 * import { missingRequirements } from "./pip_failure.ts";
 * missingRequirements(
 *   "ERROR: Could not find a version that satisfies the requirement b>=1 (from a) (from versions: none)",
 * );
 * // [{ requirement: "b>=1", name: "b", from: "a", versions: [] }]
 * ```
 */
export function missingRequirements(output: string): MissingRequirement[] {
  const found = new Map<string, MissingRequirement>();
  for (const line of unwrapRelay(output)) {
    const could = COULD_NOT.exec(line);
    const spec = could?.[1] ?? NO_MATCH.exec(line)?.[1];
    if (spec === undefined) continue;
    const name = requirementName(spec) ?? spec;
    const key = name.toLowerCase().replace(/[-_.]+/g, "-");
    const known = found.get(key);
    const entry: MissingRequirement = known ?? { requirement: spec, name, versions: [] };
    for (const [, inner] of (could?.[2] ?? "").matchAll(/\(from ([^)]*)\)/g)) {
      const text = (inner ?? "").trim();
      if (text.startsWith("versions:")) {
        const list = text.slice("versions:".length).trim();
        entry.versions = list === "none" ? [] : list.split(/,\s*/);
      } else if (text !== "") entry.from = text;
    }
    found.set(key, entry);
  }
  return [...found.values()];
}

/** The distribution names of a not-found failure's requirements (`six==1.16.0` → `six`). */
function notFoundNames(failure: PipFailure & { kind: "not-found" }): string[] {
  return failure.requirements.map((r) => requirementName(r) ?? r);
}

/**
 * The install check's verdict on a failed pip run: a requirement missing from the index or an
 * unreachable index cannot be verified here (`unverified`, naming it); a conflict, a failed build or
 * anything else is `fail`. `what` names what was being installed.
 */
export function pipFailureVerdict(
  failure: PipFailure,
  what: string,
): Pick<CheckOutcome, "status" | "summary" | "findings"> {
  const cannot = `Cannot install ${what}`;
  switch (failure.kind) {
    case "not-found":
      return {
        status: "unverified",
        summary: `${cannot}: not on the configured package index: ${
          notFoundNames(failure).join(", ")
        } (${failure.requirements.join(", ")})`,
        findings: failure.requirements.map((r) => ({
          message: `No matching distribution found for ${r}`,
        })),
      };
    case "network":
      return {
        status: "unverified",
        summary: `${cannot}: the package index is unreachable (${failure.detail})`,
      };
    case "conflict":
      return { status: "fail", summary: `${cannot}: conflicting dependencies: ${failure.detail}` };
    case "build":
      return { status: "fail", summary: `${cannot}: the build failed: ${failure.detail}` };
    default:
      return { status: "fail", summary: `${cannot}: ${failure.detail}` };
  }
}
