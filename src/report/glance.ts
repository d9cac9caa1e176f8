/**
 * The top of the markdown report, what a reader takes in at a glance: the ladder with where it
 * stopped, the tally, and the top 3 things to fix. Built as mdast and printed by
 * mdast-util-to-markdown (escaping included).
 * @module
 */
import type { Paragraph, PhrasingContent, RootContent } from "mdast";
import type { Report } from "./schema.ts";

/** The level names, 0 to 5. */
export const LEVEL_NAMES = ["None", "Installs", "Builds", "Tested", "Measured", "Honest"] as const;

/** `L0 ✅ → L1 ✅ → L2 ✅ → L3 ❌ → L4 · → L5 ·` for level 2: reached, where it stopped, not reached. */
export function ladder(level: number): string {
  return LEVEL_NAMES.map((_, n) => `L${n} ${n <= level ? "✅" : n === level + 1 ? "❌" : "·"}`)
    .join(" → ");
}

const text = (value: string): PhrasingContent => ({ type: "text", value });
const code = (value: string): PhrasingContent => ({ type: "inlineCode", value });
const strong = (value: string): PhrasingContent => ({ type: "strong", children: [text(value)] });
const paragraph = (...children: PhrasingContent[]): Paragraph => ({
  type: "paragraph",
  children,
});

/** Up to `n` things to fix, most telling first: contradicted claims, then blockers, then failed checks. */
export function topToFix(report: Report, n = 3): PhrasingContent[][] {
  const items: PhrasingContent[][] = [
    ...report.claims.filter((c) => c.verdict === "contradicted").map((c) => [
      code(`${c.file}:${c.line}`),
      text(` ${c.reason}`),
    ]),
    ...report.level.blockers.map((b) => [text(b)]),
    ...report.checks.filter((c) => c.status === "fail" || c.status === "error").map((c) => [
      code(c.id),
      text(` ${c.status}: ${c.summary.split("\n")[0]}`),
    ]),
  ];
  return items.slice(0, n);
}

/**
 * The at-a-glance block: title (which says when the audit is incomplete), the warning that it is,
 * ladder, level, tally, top 3 to fix.
 */
export function glance(report: Report): RootContent[] {
  const { level, summary } = report;
  const checks = Object.entries(summary.checks).filter(([s, n]) => n > 0 && s !== "skip")
    .map(([s, n]) => `${n} ${s}`);
  const nodes: RootContent[] = [
    {
      type: "heading",
      depth: 1,
      children: [
        text(
          `claimcheck report: ${report.target.input}${report.incomplete ? " (incomplete)" : ""}`,
        ),
      ],
    },
  ];
  if (report.incomplete) {
    nodes.push({
      type: "blockquote",
      children: [paragraph(
        strong("Incomplete:"),
        text(" the audit was stopped before every check finished; only finished checks are below."),
      )],
    });
  }
  nodes.push(
    paragraph(text(ladder(level.value))),
    paragraph(
      strong(`Readiness level ${level.value} — ${level.name}`),
      text(
        ` · claims: ${summary.verified} verified, ${summary.contradicted} contradicted, ${summary.unverified} unverified · checks: ${
          checks.join(", ") || "none"
        }`,
      ),
    ),
  );
  const fix = topToFix(report);
  if (fix.length > 0) {
    nodes.push(paragraph(strong(`Top ${fix.length} to fix`)), {
      type: "list",
      ordered: true,
      spread: false,
      children: fix.map((children) => ({
        type: "listItem",
        spread: false,
        children: [{ type: "paragraph", children }],
      })),
    });
  }
  return nodes;
}
