/**
 * `deno task merge REPORT.json…`: many audits (one per repository, e.g. the jobs of a matrix
 * workflow) as one markdown table and one JSON index. Reads reports only.
 * @module
 */
import { markdownTable } from "markdown-table";
import { relative } from "node:path";
import type { Report } from "./report/schema.ts";

/** One audited target in the index. */
export interface IndexEntry {
  target: string;
  commit: string | null;
  level: number;
  levelName: string;
  verified: number;
  contradicted: number;
  unverified: number;
  topBlocker: string | null;
  /** The JSON report's path relative to the index. */
  report: string;
  /** Its markdown's path relative to the index, when it lies beside the JSON. */
  markdown: string | null;
  incomplete: boolean;
}

/** A report read from `path`, and its markdown's path when there is one beside it. */
export interface ReadReport {
  path: string;
  report: Report;
  markdown?: string;
}

/** The JSON index: one entry per report, worst level first, then by target. */
export function mergeIndex(reports: readonly ReadReport[], indexDir: string): IndexEntry[] {
  const rel = (path: string) => relative(indexDir, path).split("\\").join("/");
  return reports.map(({ path, report, markdown }) => ({
    target: report.target.input === "." ? report.target.path : report.target.input,
    commit: report.target.commit,
    level: report.level.value,
    levelName: report.level.name,
    verified: report.summary.verified,
    contradicted: report.summary.contradicted,
    unverified: report.summary.unverified,
    topBlocker: report.level.blockers[0] ?? null,
    report: rel(path),
    markdown: markdown === undefined ? null : rel(markdown),
    incomplete: report.incomplete ?? false,
  })).sort((a, b) => a.level - b.level || a.target.localeCompare(b.target));
}

const cell = (text: string) => text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");

/** The index as one markdown table (target, commit, level, claims tally, top blocker, link). */
export function mergeMarkdown(entries: readonly IndexEntry[]): string {
  const rows = entries.map((e) => [
    cell(e.target),
    e.commit ? `\`${e.commit.slice(0, 12)}\`` : "—",
    `${e.level} ${e.levelName}${e.incomplete ? " (incomplete)" : ""}`,
    `${e.verified} / ${e.contradicted} / ${e.unverified}`,
    cell(e.topBlocker ?? "—"),
    `[report](${encodeURI(e.markdown ?? e.report)})`,
  ]);
  return [
    `# claimcheck: ${entries.length} audit${entries.length === 1 ? "" : "s"}`,
    "",
    markdownTable([
      [
        "Target",
        "Commit",
        "Level",
        "Verified / contradicted / unverified",
        "Top blocker",
        "Report",
      ],
      ...rows,
    ]),
    "",
  ].join("\n");
}
