/**
 * Words for claims and measurements in verdict reasons: "claimed ≥ 85 % line coverage",
 * "101 ms median ± 2.1 ms over 5 runs".
 * @module
 */
import type { Measurement, Unit } from "../measurement.ts";
import { formatBytes, formatValue } from "../report/format.ts";
import type { Comparator } from "./claim.ts";

const LABELS: Record<string, string> = {
  "tests.passed": "passed",
  "tests.failed": "failed",
  "tests.errors": "errors",
  "tests.skipped": "skipped",
  "tests.total": "tests",
  "tests.collectionErrors": "collection errors",
  "tests.passRate": "pass rate",
  "tests.durationMs": "test run time",
  "tests.flaky": "flaky tests",
  "tests.skipped.environment": "skipped for a module missing here",
  "coverage.lines": "line coverage",
  "coverage.branches": "branch coverage",
  "perf.import": "import time",
  "perf.throughput": "throughput",
  "repo.modules": "modules",
  "repo.examples": "examples",
  "repo.workflows": "workflows",
  "repo.tests": "test files",
  "repo.todos": "TODO/FIXME/XXX markers",
};

/** What a metric key is about, in words ("line coverage"), singular for one; unknown keys in parentheses. */
export function labelOf(metric: string, value?: number): string {
  const label = pluralLabel(metric);
  return value === 1 && label.endsWith("s") ? label.slice(0, -1) : label;
}

function pluralLabel(metric: string): string {
  const known = LABELS[metric];
  if (known !== undefined) return known;
  if (metric.startsWith("perf.import.")) return `import time of ${metric.slice(12)}`;
  if (metric.startsWith("repo.files.")) return `${metric.slice(11)} files`;
  if (metric.startsWith("repo.todos.")) return `${metric.slice(11).toUpperCase()} markers`;
  return `(${metric})`;
}

/** A value in its unit; sizes also in exact bytes. */
export function valueText(value: number, unit: Unit): string {
  if (unit === "bytes" && value >= 1000) return `${formatBytes(value)} (${value} bytes)`;
  return formatValue(value, unit);
}

/** "≥ 85 % line coverage", "42 passed", "< 5 ms (perf.command.export)". */
export function claimText(
  comparator: Comparator,
  value: number,
  unit: Unit,
  metric: string,
): string {
  const prefix = comparator === "=" ? "" : `${comparator} `;
  return `${prefix}${valueText(value, unit)} ${labelOf(metric, value)}`;
}

/** A measurement's value, with its spread when it has one: "101 ms median ± 2.1 ms over 5 runs". */
export function measuredText(measurement: Measurement): string {
  const stats = measurement.stats;
  if (stats === undefined) return valueText(measurement.value, measurement.unit);
  const spread = formatValue(Number(stats.mad.toFixed(2)), measurement.unit);
  const runs = `${stats.runs} run${stats.runs === 1 ? "" : "s"}`;
  return `${valueText(stats.median, measurement.unit)} median ± ${spread} over ${runs}`;
}
