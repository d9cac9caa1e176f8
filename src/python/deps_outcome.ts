/**
 * The verdict of deps.python: findings, measurements and status from the classification.
 * @module
 */
import type { CheckOutcome, Finding } from "../check.ts";
import type { DepsClassification, ImportProblem } from "./classify.ts";
import type { ParseError } from "./scan.ts";

/** What the verdict reads. */
export interface DepsVerdictInput {
  classification: DepsClassification;
  parseErrors: readonly ParseError[];
  /** Notes that weaken the result (e.g. setup.py's requirements could not be read statically). */
  notes?: readonly Finding[];
  /** Evidence index of the scan. */
  evidence: number;
  /** Whether import names were matched with the installed environment's metadata. */
  installedNames?: boolean;
}

function siteFindings(problems: readonly ImportProblem[], what: string): Finding[] {
  return problems.flatMap((p) =>
    p.sites.map((s) => ({ message: `${p.module} ${what}`, file: s.file, line: s.line }))
  );
}

function list(problems: readonly ImportProblem[]): string {
  return problems.map((p) => {
    const first = p.sites[0];
    return first ? `${p.module} (${first.file}:${first.line})` : p.module;
  }).join(", ");
}

/**
 * Status: an import of shipped code that no runtime dependency covers (missing, or declared only for
 * development) → `fail`; only unused dependencies, undeclared test/script imports, unparsable files
 * or notes → `warn`; else `pass`.
 */
export function depsOutcome(input: DepsVerdictInput): CheckOutcome {
  const { missing, devOnly, undeclared, unused } = input.classification;
  const findings: Finding[] = [
    ...siteFindings(missing, "is imported but not declared as a dependency"),
    ...siteFindings(devOnly, "is imported by shipped code but declared only for development"),
    ...siteFindings(undeclared, "is imported by tests or scripts but declared nowhere"),
    ...unused.map((r) => ({
      message: `${r.name} is declared (${r.source}) but never imported`,
      file: r.source,
      ...(r.line !== undefined ? { line: r.line } : {}),
    })),
    ...input.parseErrors.map((e) => ({
      message: `Cannot parse ${e.file}: ${e.message}`,
      file: e.file,
      line: Math.max(1, e.line),
    })),
    ...input.notes ?? [],
  ];
  const parts = [
    missing.length > 0 ? `${missing.length} missing: ${list(missing)}` : "",
    devOnly.length > 0 ? `${devOnly.length} declared only for development: ${list(devOnly)}` : "",
    unused.length > 0 ? `${unused.length} unused: ${unused.map((r) => r.name).join(", ")}` : "",
    undeclared.length > 0
      ? `${undeclared.length} undeclared in tests or scripts: ${
        undeclared.map((p) => p.module).join(", ")
      }`
      : "",
    input.parseErrors.length > 0 ? `${input.parseErrors.length} file(s) could not be parsed` : "",
    ...(input.notes ?? []).map((n) => n.message),
  ].filter((p) => p !== "");
  const status = missing.length + devOnly.length > 0 ? "fail" : parts.length > 0 ? "warn" : "pass";
  const measure = (metric: string, value: number) => ({
    metric,
    value,
    unit: "count" as const,
    evidence: input.evidence,
  });
  const basis = input.installedNames
    ? " (import names matched with the installed environment's metadata)"
    : "";
  return {
    status,
    summary:
      (parts.length > 0
        ? parts.join("; ")
        : "Declared dependencies cover every import; none unused") + basis,
    measurements: [
      measure("deps.missing", missing.length),
      measure("deps.unused", unused.length),
      measure("deps.devOnly", devOnly.length),
    ],
    findings,
  };
}
