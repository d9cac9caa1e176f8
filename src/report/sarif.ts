/**
 * SARIF 2.1.0 output, for code-scanning views: contradicted claims at their document's line, and
 * the findings of failed checks where they have a location. Reads only the report.
 * @module
 */
import type { Report } from "./schema.ts";
import { integrityRows } from "../integrity/report.ts";
import { INTEGRITY_MEANINGS, isIntegrityCheck } from "../integrity/probes.ts";

const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

interface SarifResult {
  ruleId: string;
  level: "error" | "warning" | "note";
  message: { text: string };
  locations?: Array<{
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
  }>;
}

function location(file: string, line: number | undefined) {
  return [{
    physicalLocation: { artifactLocation: { uri: file }, region: { startLine: line ?? 1 } },
  }];
}

/** The report as a SARIF log: one rule per verdict kind and per failed or errored check. */
export function renderSarif(report: Report): string {
  const results: SarifResult[] = [];
  for (const claim of report.claims) {
    if (claim.verdict === "verified") continue;
    results.push({
      ruleId: `claim.${claim.verdict}`,
      level: claim.verdict === "contradicted" ? "error" : "note",
      message: { text: `${claim.text} — ${claim.reason}` },
      locations: location(claim.file, claim.line),
    });
  }
  for (const row of integrityRows(report.checks)) {
    results.push({
      ruleId: `integrity.${row.probe}`,
      level: "warning",
      message: { text: `${row.finding} (${row.meaning})` },
      ...(row.file !== undefined ? { locations: location(row.file, row.line) } : {}),
    });
  }
  for (const check of report.checks) {
    if (check.status !== "fail" && check.status !== "error") continue;
    if (check.status === "fail" && isIntegrityCheck(check.id)) continue;
    const placed = check.findings.filter((f) => f.file !== undefined);
    if (placed.length === 0) {
      results.push({
        ruleId: `check.${check.id}`,
        level: "warning",
        message: { text: `${check.id} ${check.status}: ${check.summary}` },
      });
    }
    for (const f of placed) {
      results.push({
        ruleId: `check.${check.id}`,
        level: "warning",
        message: { text: f.message },
        locations: location(f.file as string, f.line),
      });
    }
  }
  const ruleIds = [...new Set(results.map((r) => r.ruleId))].sort();
  const log = {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [{
      tool: {
        driver: {
          name: "claimcheck",
          version: report.tool.version,
          rules: ruleIds.map((id) => ({ id, shortDescription: { text: describeRule(id) } })),
        },
      },
      ...(report.target.commit
        ? {
          versionControlProvenance: [{
            repositoryUri: report.target.path,
            revisionId: report.target.commit,
          }],
        }
        : {}),
      results,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function describeRule(id: string): string {
  if (id === "claim.contradicted") {
    return "A claim the target makes is contradicted by measured evidence";
  }
  if (id === "claim.unverified") return "A claim the target makes could not be verified here";
  if (id.startsWith("integrity.")) {
    return `Integrity: ${INTEGRITY_MEANINGS[id.slice("integrity.".length)] ?? "a finding"}`;
  }
  return `The ${id.slice("check.".length)} check failed`;
}
