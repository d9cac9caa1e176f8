/**
 * Render a JSON report as markdown for people. Reads only the report; runs nothing.
 * @module
 */
import type { CheckResult, Status } from "../check.ts";
import type { Evidence } from "../evidence.ts";
import type { Measurement } from "../measurement.ts";
import type { Report } from "./schema.ts";
import type { RootContent } from "mdast";
import { gfmToMarkdown } from "mdast-util-gfm";
import { toMarkdown } from "mdast-util-to-markdown";
import { claimsTable } from "./claims_table.ts";
import { formatBytes, formatDuration, formatValue } from "./format.ts";
import { integrityRows } from "../integrity/report.ts";
import { glance, LEVEL_NAMES } from "./glance.ts";
import { modelsSection } from "./models_table.ts";

const STATUS_MARK: Record<Status, string> = {
  pass: "✅ pass",
  fail: "❌ fail",
  warn: "⚠️ warn",
  skip: "➖ skip",
  unverified: "❔ unverified",
  error: "💥 error",
};

/** Escape text for one markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ").trim();
}

function fence(text: string, lang = ""): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(longest + 1);
  return `${ticks}${lang}\n${text.replace(/\n$/, "")}\n${ticks}`;
}

function shellQuote(arg: string): string {
  if (/^(?:[\w@%+=:,./-]|\$[A-Z_]+)+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** One argv as a copy-pasteable shell command. */
export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(" ");
}

function measurementText(m: Measurement): string {
  const spread = m.stats
    ? ` (median of ${m.stats.runs}, ±${formatValue(m.stats.mad, m.unit)} MAD, min ${
      formatValue(m.stats.min, m.unit)
    }, max ${formatValue(m.stats.max, m.unit)})`
    : "";
  return `\`${m.metric}\` = ${formatValue(m.value, m.unit)}${spread}`;
}

/** mdast nodes printed as markdown lines (tables, escaping and links by mdast-util-to-markdown). */
function printed(nodes: RootContent[]): string[] {
  const text = toMarkdown({ type: "root", children: nodes }, { extensions: [gfmToMarkdown()] });
  return [...text.trimEnd().split("\n"), ""];
}

/** A partial audit's note and what blocks the next level, split by whose it is. */
function levelSection(report: Report): string[] {
  const { level } = report;
  const lines: string[] = [];
  if (level.partial !== undefined) lines.push(`_${level.partial}_`, "");
  if (level.blockers.length > 0) {
    lines.push(`What blocks level ${level.value + 1} (${LEVEL_NAMES[level.value + 1]}):`, "");
    const target = level.blockedByTarget;
    const here = level.notMeasured;
    if (target === undefined || here === undefined) {
      lines.push(...level.blockers.map((b) => `- ${b}`), "");
    } else {
      if (target.length > 0) {
        lines.push(
          "Blocked by the target:",
          ...target.map((b) => `- ${b}`),
          "",
        );
      }
      if (here.length > 0) lines.push("Not measured here:", ...here.map((b) => `- ${b}`), "");
    }
  }
  return lines;
}

function identity(report: Report): string[] {
  const t = report.target;
  const commit = t.commit
    ? `commit \`${t.commit.slice(0, 12)}\`${t.dirty ? " (with uncommitted changes)" : ""}`
    : "no git commit";
  return [
    `Target \`${t.path}\`${t.ref ? ` at \`${t.ref}\`` : ""}, ${commit}, tree sha256 \`${
      t.treeHash.slice(0, 16)
    }\`. ` +
    `claimcheck ${report.tool.version}, ${report.createdAt}.`,
    "",
  ];
}

/** The integrity findings in one table; nothing when no integrity probe found anything. */
function integritySection(checks: readonly CheckResult[]): string[] {
  const rows = integrityRows(checks);
  if (rows.length === 0) return [];
  return [
    "## Integrity",
    "",
    "| Probe | Finding | Where | What it means |",
    "| --- | --- | --- | --- |",
    ...rows.map((r) =>
      `| \`${r.probe}\` | ${cell(r.finding)} | ${
        r.file === undefined ? "—" : cell(`${r.file}${r.line !== undefined ? `:${r.line}` : ""}`)
      } | ${cell(r.meaning)} |`
    ),
    "",
  ];
}

function checksSection(checks: readonly CheckResult[]): string[] {
  const skipped = checks.filter((c) => c.status === "skip");
  return [
    "## Checks",
    "",
    "| Check | Status | Summary | Time |",
    "| --- | --- | --- | --- |",
    ...checks.filter((c) => c.status !== "skip").map((c) =>
      `| \`${c.id}\` | ${STATUS_MARK[c.status]} | ${cell(c.summary)} | ${
        formatDuration(c.durationMs)
      } |`
    ),
    "",
    ...(skipped.length > 0
      ? [`Skipped: ${skipped.map((c) => `\`${c.id}\``).join(", ")} (they do not apply here).`, ""]
      : []),
  ];
}

function evidenceBlock(e: Evidence, n: number): string[] {
  const ended = e.startError
    ? `could not start: ${e.startError}`
    : e.timedOut
    ? `timed out after ${formatDuration(e.durationMs)} (process group killed${
      e.signal ? `, ${e.signal}` : ""
    })`
    : `exit ${e.exitCode ?? "?"}${e.signal ? ` (${e.signal})` : ""} after ${
      formatDuration(e.durationMs)
    }`;
  const lines = [
    `**Command ${n}** — ${ended}; isolation ${e.isolation}, network ${e.network ? "on" : "off"}`,
    "",
    fence(`cd ${shellQuote(e.cwd)}\n${shellCommand(e.argv)}`, "sh"),
    "",
    `Environment keys: ${e.envKeys.join(", ") || "none"}. Output: stdout ${
      formatBytes(e.stdoutBytes)
    }, ` +
    `stderr ${formatBytes(e.stderrBytes)}, sha256 \`${e.outputSha256}\`.`,
    "",
  ];
  for (const a of e.artifacts) {
    lines.push(`- artifact \`${a.path}\` ${formatBytes(a.bytes)}, sha256 \`${a.sha256}\``);
  }
  if (e.artifacts.length > 0) lines.push("");
  for (
    const [name, tail] of [["stdout", e.stdoutTail || e.stdoutHead], [
      "stderr",
      e.stderrTail || e.stderrHead,
    ]]
  ) {
    if (!tail?.trim()) continue;
    const last = tail.trimEnd().split("\n").slice(-40).map(clip).join("\n");
    lines.push(
      `<details><summary>${name} (last lines)</summary>`,
      "",
      fence(last),
      "",
      "</details>",
      "",
    );
  }
  return lines;
}

const MAX_LINE = 300;

function clip(line: string): string {
  return line.length <= MAX_LINE
    ? line
    : `${line.slice(0, MAX_LINE)} … (${line.length - MAX_LINE} more characters in the JSON report)`;
}

function detailsSection(checks: readonly CheckResult[]): string[] {
  const lines = ["## Evidence", ""];
  for (const c of checks) {
    if (c.status === "skip") continue;
    lines.push(
      `<details><summary><code>${c.id}</code> — ${STATUS_MARK[c.status]}: ${
        escapeHtml(c.summary)
      }</summary>`,
      "",
    );
    if (c.findings.length > 0) {
      lines.push("Findings:", "");
      for (const f of c.findings.slice(0, 50)) {
        const where = f.file ? `\`${f.file}${f.line ? `:${f.line}` : ""}\` ` : "";
        lines.push(`- ${where}${f.message.replace(/\n/g, " ")}`);
      }
      if (c.findings.length > 50) {
        lines.push(`- … and ${c.findings.length - 50} more (see the JSON report)`);
      }
      lines.push("");
    }
    if (c.measurements.length > 0) {
      lines.push("Measurements:", "", ...c.measurements.map((m) => `- ${measurementText(m)}`), "");
    }
    if (c.evidence.length === 0) {
      lines.push("No command was run: this check reads the snapshot's file list.", "");
    }
    c.evidence.forEach((e, i) => lines.push(...evidenceBlock(e, i + 1)));
    lines.push("</details>", "");
  }
  return lines;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function environmentSection(report: Report): string[] {
  const { lockfiles, ...tools } = report.environment;
  const lines = [
    "## Environment",
    "",
    ...Object.entries(tools).map(([k, v]) =>
      `- ${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`
    ),
    ...Object.entries(lockfiles).map(([f, sha]) => `- lockfile \`${f}\`: sha256 \`${sha}\``),
    "",
    "`$SNAPSHOT` in the commands is a copy of the target at the commit above; `$AUDIT_TMP` is the audit's " +
    "scratch directory. Rerun a command there to reproduce a verdict.",
    "",
  ];
  return lines;
}

/** One part of the markdown report: its lines, from the report alone. */
export type SectionRenderer = (report: Report) => string[];

/**
 * The report's sections in order; a new section is one more renderer in this list. The top is
 * the at-a-glance summary (ladder, tally, top 3 to fix), then the claims table.
 */
export const SECTIONS: readonly SectionRenderer[] = [
  (report) => printed(glance(report)),
  levelSection,
  identity,
  (report) => printed(claimsTable(report)),
  (report) => integritySection(report.checks),
  (report) => checksSection(report.checks),
  (report) => modelsSection(report.checks),
  (report) => detailsSection(report.checks),
  environmentSection,
];

/** The markdown report: every {@link SECTIONS} renderer's lines, in order. */
export function renderMarkdown(report: Report): string {
  return SECTIONS.flatMap((section) => section(report)).join("\n");
}
