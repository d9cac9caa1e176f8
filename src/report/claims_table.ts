/**
 * The claims table of the markdown report, narrow enough for GitHub's width: verdict, where (a link
 * to the line when the report knows the repository's web URL), claim, measured (with a Unicode bar
 * for percentages and timings), why. Claims read from one line share one row.
 * @module
 */
import type { PhrasingContent, RootContent, TableRow } from "mdast";
import type { VerifiedClaim } from "../claims/claim.ts";
import type { Unit } from "../measurement.ts";
import { formatValue } from "./format.ts";
import { LEVEL_NAMES } from "./glance.ts";
import type { Report } from "./schema.ts";

const MARK: Record<VerifiedClaim["verdict"], string> = {
  contradicted: "❌",
  unverified: "❔",
  verified: "✅",
};
const ORDER: Record<VerifiedClaim["verdict"], number> = {
  contradicted: 0,
  unverified: 1,
  verified: 2,
};
const BAR_CELLS = 10;
const MAX_TEXT = 90;

/** A claim's text as a cell: no list marker, emphasis or table pipes of the source, clipped. */
export function claimText(text: string): string {
  const plain = text.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, "").replace(/^\|\s*|\s*\|$/g, "")
    .replace(/\*\*|__/g, "").replace(/\s+/g, " ").trim();
  return plain.length <= MAX_TEXT ? plain : `${plain.slice(0, MAX_TEXT - 1)}…`;
}

/**
 * A bar of the measured value with the claimed value marked (`┃`): ten cells for 0–100 % or, for
 * timings, for the larger of the two. Undefined where a bar says nothing (counts, no claimed value).
 */
export function valueBar(
  measured: number,
  claimed: number | undefined,
  unit: Unit,
): string | undefined {
  if (claimed === undefined || (unit !== "percent" && unit !== "ms")) return undefined;
  const scale = unit === "percent" ? 100 : Math.max(measured, claimed);
  if (!(scale > 0)) return undefined;
  const cell = (v: number) => Math.min(BAR_CELLS, Math.max(0, Math.round((v / scale) * BAR_CELLS)));
  const filled = cell(measured);
  const mark = Math.min(BAR_CELLS - 1, Math.max(0, cell(claimed) - 1));
  return Array.from({ length: BAR_CELLS }, (_, i) => (i === mark ? "┃" : i < filled ? "█" : "░"))
    .join("");
}

function measured(c: VerifiedClaim): string {
  const m = c.measured;
  if (!m) return "—";
  if (m.metric === "level") return `level ${m.value} (${LEVEL_NAMES[m.value] ?? "?"})`;
  const bar = c.unit === m.unit ? valueBar(m.value, c.value, m.unit) : undefined;
  const noun = m.unit === "count" ? ` ${m.metric.split(".").at(-1)}` : "";
  return `${formatValue(m.value, m.unit)}${noun}${bar ? ` ${bar}` : ""}`;
}

/**
 * The reason without what the claim and measured columns already say: its "claimed …;" opening,
 * and its "measured …;" part when more follows.
 */
function why(reason: string): string {
  return reason.replace(/^claimed [^;]*;\s*/, "").replace(/^measured [^;]*;\s*(?=\S)/, "");
}

/** Text with its `code spans` as inline code. */
function phrasing(value: string): PhrasingContent[] {
  return value.split(/`([^`]+)`/).flatMap((part, i): PhrasingContent[] =>
    i % 2 === 1 ? [{ type: "inlineCode", value: part }] : part === "" ? [] : [text(part)]
  );
}

/** A link to `file:line` in the repository's web view, when the report knows its URL and commit. */
export function lineUrl(report: Report, file: string, line: number): string | undefined {
  const { webUrl, commit, repoPath } = report.target;
  if (!webUrl || !commit) return undefined;
  const path = [repoPath, file].filter(Boolean).join("/");
  return `${webUrl}/blob/${commit}/${encodeURI(path)}#L${line}`;
}

const text = (value: string): PhrasingContent => ({ type: "text", value });

function row(cells: PhrasingContent[][]): TableRow {
  return {
    type: "tableRow",
    children: cells.map((children) => ({ type: "tableCell", children })),
  };
}

/** The "Claims vs evidence" section as mdast nodes. */
export function claimsTable(report: Report): RootContent[] {
  const heading: RootContent = {
    type: "heading",
    depth: 2,
    children: [text("Claims vs evidence")],
  };
  if (report.claims.length === 0) {
    return [heading, {
      type: "paragraph",
      children: [text("The target's documents make no claim claimcheck could read.")],
    }];
  }
  const lines = new Map<string, VerifiedClaim[]>();
  for (const c of report.claims) {
    const key = `${c.file}\u0000${c.line}`;
    lines.set(key, [...(lines.get(key) ?? []), c]);
  }
  const groups = [...lines.values()].map((claims) =>
    [...claims].sort((a, b) => ORDER[a.verdict] - ORDER[b.verdict])
  ).sort((a, b) => {
    const [x, y] = [a[0] as VerifiedClaim, b[0] as VerifiedClaim];
    return ORDER[x.verdict] - ORDER[y.verdict] || x.file.localeCompare(y.file) ||
      x.line - y.line;
  });
  const rows = groups.map((claims) => {
    const first = claims[0] as VerifiedClaim;
    const where = `${first.file}:${first.line}`;
    const url = lineUrl(report, first.file, first.line);
    const place: PhrasingContent = url
      ? { type: "link", url, children: [{ type: "inlineCode", value: where }] }
      : { type: "inlineCode", value: where };
    return row([
      [text(MARK[first.verdict])],
      [place],
      phrasing(claimText(first.text)),
      [text(claims.map(measured).join("; "))],
      [text([...new Set(claims.map((c) => why(c.reason)))].join("; "))],
    ]);
  });
  return [
    heading,
    {
      type: "paragraph",
      children: [text("✅ verified · ❌ contradicted · ❔ unverified; ┃ marks the claimed value.")],
    },
    {
      type: "table",
      align: [null, null, null, null, null],
      children: [
        row([[text("")], [text("Where")], [text("Claim")], [text("Measured")], [text("Why")]]),
        ...rows,
      ],
    },
  ];
}
