/**
 * repo.evidence, the pure part: results the repository ships — Locust `*_stats.csv`, Cobertura
 * `coverage.xml`, coverage.py's `coverage.json`, JUnit XML, pytest-json-report — read with real
 * parsers into numbers marked `committed`, and the coverage gates its configuration sets.
 * @module
 */
import { parse as parseCsv } from "csv-parse/sync";
import { XMLParser } from "fast-xml-parser";
import type { Unit } from "../measurement.ts";
import { parseJUnit } from "../parsers/junit.ts";

/** One number read from a committed artefact. */
export interface CommittedFigure {
  metric: string;
  value: number;
  unit: Unit;
  file: string;
  line?: number;
  /** How it was read: "Aggregated row, Requests/s". */
  what: string;
}

/** Which reader a committed file needs, by its path; undefined when none applies. */
export function artefactKind(
  path: string,
): "locust" | "cobertura" | "coverage-json" | "junit" | "json-report" | undefined {
  const name = path.split("/").at(-1)?.toLowerCase() ?? "";
  if (/_stats\.csv$/.test(name)) return "locust";
  if (name === "coverage.xml" || name === "cobertura.xml") return "cobertura";
  if (name === "coverage.json") return "coverage-json";
  if (/\.xml$/.test(name) && /junit|test[-_]?results?|test[-_]?report/.test(name)) return "junit";
  if (/\.json$/.test(name) && /report|test[-_]?results?/.test(name)) return "json-report";
  return undefined;
}

const number = (v: unknown): number | undefined => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** A Locust stats CSV: the `Aggregated` row's requests per second and failure rate. */
export function locustFigures(text: string, file: string): CommittedFigure[] {
  const rows = parseCsv(text, {
    columns: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as Array<
    Record<string, string>
  >;
  const index = rows.findIndex((r) => (r["Name"] ?? "").trim() === "Aggregated");
  const row = rows[index];
  if (row === undefined) return [];
  const line = index + 2;
  const out: CommittedFigure[] = [];
  const rps = number(row["Requests/s"]);
  if (rps !== undefined) {
    out.push({
      metric: "perf.throughput",
      value: rps,
      unit: "rps",
      file,
      line,
      what: "Aggregated Requests/s",
    });
  }
  const requests = number(row["Request Count"] ?? row["# requests"]);
  const failures = number(row["Failure Count"] ?? row["# failures"]);
  if (requests !== undefined && failures !== undefined && requests > 0) {
    out.push({
      metric: "perf.failureRate",
      value: (failures / requests) * 100,
      unit: "percent",
      file,
      line,
      what: `Aggregated ${failures} failures of ${requests} requests`,
    });
  }
  return out;
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });

/** A Cobertura XML's `line-rate` and `branch-rate` as percentages. */
export function coberturaFigures(text: string, file: string): CommittedFigure[] {
  const root = (xml.parse(text) as Record<string, Record<string, unknown> | undefined>).coverage;
  if (root === undefined) return [];
  const out: CommittedFigure[] = [];
  const lines = number(root["line-rate"]);
  if (lines !== undefined) {
    out.push({
      metric: "coverage.lines",
      value: lines * 100,
      unit: "percent",
      file,
      what: "line-rate",
    });
  }
  const branches = number(root["branch-rate"]);
  if (branches !== undefined && number(root["branches-valid"]) !== 0) {
    out.push({
      metric: "coverage.branches",
      value: branches * 100,
      unit: "percent",
      file,
      what: "branch-rate",
    });
  }
  return out;
}

type Json = Record<string, unknown>;
const object = (v: unknown): Json | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? v as Json : undefined;

/** coverage.py's JSON (`totals.percent_covered`) or pytest-json-report's `summary` counts; else none. */
export function jsonFigures(text: string, file: string): CommittedFigure[] {
  const doc = object(JSON.parse(text));
  const covered = number(object(doc?.totals)?.percent_covered);
  if (covered !== undefined) {
    return [{
      metric: "coverage.lines",
      value: covered,
      unit: "percent",
      file,
      what: "totals.percent_covered",
    }];
  }
  // pytest-json-report: a `summary` beside the run's `exitcode` and its `tests` (a security or
  // benchmark report's `summary` is not a test count).
  const summary = object(doc?.summary);
  if (summary === undefined || !("exitcode" in (doc ?? {})) || !Array.isArray(doc?.tests)) {
    return [];
  }
  return (["passed", "failed", "skipped", "total"] as const).flatMap((k) => {
    const value = number(summary[k]);
    return value === undefined
      ? []
      : [{ metric: `tests.${k}`, value, unit: "count" as const, file, what: `summary.${k}` }];
  });
}

/** A JUnit XML's counts. */
export function junitFigures(text: string, file: string): CommittedFigure[] {
  const s = parseJUnit(text);
  return (["passed", "failed", "errors", "skipped"] as const).map((k) => ({
    metric: `tests.${k}`,
    value: s[k],
    unit: "count" as const,
    file,
    what: `${k} test cases`,
  }));
}

/** The figures of one committed file of kind `kind`; throws a `TypeError` or `SyntaxError` when unreadable. */
export function committedFigures(
  kind: NonNullable<ReturnType<typeof artefactKind>>,
  text: string,
  file: string,
): CommittedFigure[] {
  switch (kind) {
    case "locust":
      return locustFigures(text, file);
    case "cobertura":
      return coberturaFigures(text, file);
    case "junit":
      return junitFigures(text, file);
    default:
      return jsonFigures(text, file);
  }
}

/** A coverage gate set in configuration: `--cov-fail-under=80`, `fail_under = 80`. */
export interface CoverageGate {
  value: number;
  file: string;
  line: number;
}

/** The coverage gates a configuration file sets (pytest options, coverage.py's `fail_under`). */
export function coverageGates(text: string, file: string): CoverageGate[] {
  const out: CoverageGate[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (/^\s*[#;]/.test(line)) continue;
    const m = /--cov-fail-under[=\s]+(\d+(?:\.\d+)?)|^\s*fail_under\s*[=:]\s*(\d+(?:\.\d+)?)/.exec(
      line,
    );
    const value = m?.[1] ?? m?.[2];
    if (value !== undefined) out.push({ value: Number(value), file, line: i + 1 });
  }
  return out;
}
