/**
 * SARIF 2.1.0 output, for code-scanning views: contradicted claims at their document's line, and
 * the findings of failed checks where they have a location. Reads only the report.
 * Paths are relative to the repository root (the target's `repoPath` prefixes them), so a target
 * in a subfolder lands on the right file.
 * @module
 */
import type { Report } from "./schema.ts";
import { integrityRows } from "../integrity/report.ts";
import { INTEGRITY_MEANINGS, isIntegrityCheck } from "../integrity/probes.ts";

const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/** Where a code-scanning reader learns what claimcheck is. */
export const INFORMATION_URI = "https://github.com/ORG/claimcheck#readme";

interface SarifResult {
  ruleId: string;
  level: "error" | "warning" | "note";
  message: { text: string };
  locations?: Array<{
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
  }>;
}

interface Rule {
  short: string;
  full: string;
  help: string;
}

const CLAIM_RULES: Record<string, Rule> = {
  "claim.contradicted": {
    short: "A claim the target makes is contradicted by measured evidence",
    full: "A document of the target states something (a test count, a coverage figure, a timing, " +
      "a readiness status) that a probe claimcheck ran here measured otherwise.",
    help: "Correct the document, or fix the code so that the claim holds; the report's evidence " +
      "names the command, exit code and output that decided the verdict.",
  },
  "claim.unverified": {
    short: "A claim the target makes could not be verified here",
    full:
      "No probe could measure what this claim states on the auditing machine (a missing tool, " +
      "an unselected check, or a claim no probe measures).",
    help: "Bind the claim to a command in claimcheck.json, or make the claim measurable.",
  },
};

function rule(id: string): Rule {
  const known = CLAIM_RULES[id];
  if (known) return known;
  if (id.startsWith("integrity.")) {
    const probe = id.slice("integrity.".length);
    const meaning = INTEGRITY_MEANINGS[probe] ?? "a finding";
    return {
      short: `Integrity: ${meaning}`,
      full: `The ${probe} integrity probe found a way the repository fools itself: ${meaning}.`,
      help:
        `See the Integrity section of the markdown report for the file, line and what it means.`,
    };
  }
  const check = id.slice("check.".length);
  return {
    short: `The ${check} check failed`,
    full: `The ${check} check of claimcheck failed or could not run its probe on the target.`,
    help: `See the ${check} section of the markdown report for the command and its output.`,
  };
}

/** A relative POSIX path joined under the repository prefix, as a URI reference. */
function uri(prefix: string, file: string): string {
  const base = prefix === "" || prefix.endsWith("/") ? prefix : `${prefix}/`;
  return encodeURI(`${base}${file}`.replace(/^\.\//, ""));
}

/** A repository URI for `versionControlProvenance`, only when the report knows a real one. */
function repositoryUri(report: Report): string | undefined {
  if (report.target.webUrl) return report.target.webUrl;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(report.target.path) ? report.target.path : undefined;
}

/** The report as a SARIF log: one rule per verdict kind and per failed or errored check. */
export function renderSarif(report: Report): string {
  const prefix = report.target.repoPath ?? "";
  const location = (file: string, line: number | undefined) => [{
    physicalLocation: {
      artifactLocation: { uri: uri(prefix, file) },
      region: { startLine: line ?? 1 },
    },
  }];
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
  const provenance = repositoryUri(report);
  const log = {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [{
      tool: {
        driver: {
          name: "claimcheck",
          version: report.tool.version,
          informationUri: INFORMATION_URI,
          rules: ruleIds.map((id) => {
            const r = rule(id);
            return {
              id,
              shortDescription: { text: r.short },
              fullDescription: { text: r.full },
              help: { text: r.help },
            };
          }),
        },
      },
      ...(provenance && report.target.commit
        ? {
          versionControlProvenance: [{
            repositoryUri: provenance,
            revisionId: report.target.commit,
          }],
        }
        : {}),
      results,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
