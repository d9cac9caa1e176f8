/**
 * The integrity probes' findings as rows for the report's "Integrity" section and SARIF results.
 * Pure: reads check results only.
 * @module
 */
import type { CheckResult } from "../check.ts";
import { INTEGRITY_MEANINGS } from "./probes.ts";

/** One integrity finding, placed. */
export interface IntegrityRow {
  probe: string;
  finding: string;
  file?: string;
  line?: number;
  /** What such a finding means (one sentence per probe). */
  meaning: string;
}

/** The findings of the integrity checks that ran and found something (`fail`), in report order. */
export function integrityRows(checks: readonly CheckResult[]): IntegrityRow[] {
  return checks.flatMap((c) => {
    const meaning = INTEGRITY_MEANINGS[c.id];
    if (meaning === undefined || c.status !== "fail") return [];
    return c.findings.map((f): IntegrityRow => ({
      probe: c.id,
      finding: f.message,
      ...(f.file !== undefined ? { file: f.file } : {}),
      ...(f.line !== undefined ? { line: f.line } : {}),
      meaning,
    }));
  });
}
