/**
 * The few lines the CLI prints after an audit: level, claims tally, worst contradictions.
 * @module
 */
import type { Report } from "./report/schema.ts";

/** Lines for the terminal: level and blockers, tallies, up to five contradictions, files written. */
export function summaryLines(report: Report, written: readonly string[], worst = 5): string[] {
  const { level, summary } = report;
  const lines = [
    `Readiness level ${level.value} (${level.name})`,
    ...level.blockers.slice(0, 5).map((b) => `  blocks the next level: ${b}`),
    `Claims: ${summary.verified} verified, ${summary.contradicted} contradicted, ${summary.unverified} unverified`,
  ];
  const contradicted = report.claims.filter((c) => c.verdict === "contradicted");
  for (const c of contradicted.slice(0, worst)) lines.push(`  ✗ ${c.file}:${c.line} ${c.reason}`);
  if (contradicted.length > worst) {
    lines.push(`  … and ${contradicted.length - worst} more in the report`);
  }
  for (const path of written) lines.push(`Report: ${path}`);
  return lines;
}
