/**
 * Test helpers for reading audits and outcomes: fixture paths, a check's result, its values.
 * @module
 */
import { ok } from "node:assert/strict";
import { fileURLToPath } from "node:url";
import type { CheckResult, Measurement } from "../src/check.ts";
import type { Report } from "../src/report/schema.ts";

/** The absolute path of `fixtures/<name>`. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

/** The result of check `id` in `report`; fails the test when it is absent. */
export function check(report: Report, id: string): CheckResult {
  const found = report.checks.find((c) => c.id === id);
  ok(found, `no ${id} in the report`);
  return found;
}

/** Measured values by metric key, of a check result or an outcome. */
export function values(result: { measurements?: readonly Measurement[] }): Record<string, number> {
  return Object.fromEntries((result.measurements ?? []).map((m) => [m.metric, m.value]));
}
