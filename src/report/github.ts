/**
 * GitHub Actions output: workflow-command annotations for contradicted claims.
 * @module
 */
import type { Report } from "./schema.ts";

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * One `::error` line per contradicted claim, at its document's file and line, and one `::warning`
 * per failed or errored check. `prefix` is the target's path relative to the workspace.
 */
export function githubAnnotations(report: Report, prefix = ""): string[] {
  const base = prefix && !prefix.endsWith("/") ? `${prefix}/` : prefix;
  const claims = report.claims.filter((c) => c.verdict === "contradicted").map((c) =>
    `::error file=${escapeProperty(`${base}${c.file}`)},line=${c.line},title=${
      escapeProperty("claimcheck: contradicted claim")
    }::${escapeData(c.reason)}`
  );
  const checks = report.checks.filter((c) => c.status === "fail" || c.status === "error").map((c) =>
    `::warning title=${escapeProperty(`claimcheck: ${c.id} ${c.status}`)}::${escapeData(c.summary)}`
  );
  return [...claims, ...checks];
}
