import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import { claimText, lineUrl, valueBar } from "./claims_table.ts";
import { ladder } from "./glance.ts";
import { renderMarkdown, SECTIONS } from "./markdown.ts";
import { type Report, ReportSchema } from "./schema.ts";

const demo: Report = ReportSchema.parse(
  JSON.parse(await Deno.readTextFile(new URL("../../reports/demo.json", import.meta.url))),
);

Deno.test("ladder() marks reached levels, where it stopped, and the rest", () => {
  strictEqual(ladder(2), "L0 ✅ → L1 ✅ → L2 ✅ → L3 ❌ → L4 · → L5 ·");
  strictEqual(ladder(5), "L0 ✅ → L1 ✅ → L2 ✅ → L3 ✅ → L4 ✅ → L5 ✅");
});

Deno.test("renderMarkdown() opens with the ladder, the tally and the top 3 to fix", () => {
  const md = renderMarkdown(demo);
  const top = md.slice(0, md.indexOf("## Claims vs evidence"));
  match(
    top,
    /^# claimcheck report: fixtures\/demo\n\nL0 ✅ → L1 ✅ → L2 ✅ → L3 ❌ → L4 · → L5 ·\n/,
  );
  match(top, /\*\*Readiness level 2 — Builds\*\* · claims: 5 verified, 11 contradicted/);
  strictEqual(top.match(/^\d\. /gm)?.length, 3);
  match(top, /\*\*Top 3 to fix\*\*\n\n1\. `STATUS\.md:3` /);
});

Deno.test("renderMarkdown() claims table: five columns, one row per line, no list markers", () => {
  const md = renderMarkdown(demo);
  const rows = md.split("## Claims vs evidence")[1]?.split("## Checks")[0]?.split("\n")
    .filter((l) => l.startsWith("|")) ?? [];
  const lines = new Set(demo.claims.map((c) => `${c.file}:${c.line}`));
  strictEqual(rows.length, lines.size + 2);
  strictEqual(rows.every((r) => r.split(/(?<!\\)\|/).length === 7), true);
  strictEqual(rows.slice(2).some((r) => /\| - |\| \* /.test(r)), false);
  match(md, /\| ❌ +\| `STATUS\.md:9` +\| Tests: 12 passed, 0 failed +\| 5 passed; 1 failed +\|/);
});

Deno.test("renderMarkdown() folds skipped checks into one line and flags an incomplete audit", () => {
  const md = renderMarkdown({ ...demo, incomplete: true });
  match(md, /^# claimcheck report: fixtures\/demo \(incomplete\)\n\n> \*\*Incomplete:\*\* /);
  const skipped = demo.checks.filter((c) => c.status === "skip");
  strictEqual(skipped.length > 0, true);
  strictEqual(md.includes("| ➖ skip |"), false);
  match(md, new RegExp(`Skipped: ${skipped.map((c) => `\`${c.id}\``).join(", ")} `));
});

Deno.test("renderMarkdown() links claims to their line when the repository URL is known", () => {
  const report = {
    ...demo,
    target: { ...demo.target, webUrl: "https://github.com/org/repo", repoPath: "fixtures/demo" },
  };
  strictEqual(
    lineUrl(report, "STATUS.md", 3),
    `https://github.com/org/repo/blob/${demo.target.commit}/fixtures/demo/STATUS.md#L3`,
  );
  match(renderMarkdown(report), /\[`STATUS\.md:3`\]\(https:\/\/github\.com\/org\/repo\/blob\//);
  strictEqual(lineUrl(demo, "STATUS.md", 3), undefined);
});

Deno.test("valueBar() draws percentages and timings with the claim marked; nothing for counts", () => {
  strictEqual(valueBar(57, 95, "percent"), "██████░░░┃");
  strictEqual(valueBar(66, 5, "ms"), "┃█████████");
  strictEqual(valueBar(5, 12, "count"), undefined);
  strictEqual(valueBar(5, undefined, "ms"), undefined);
});

Deno.test("claimText() drops list markers and emphasis", () => {
  deepStrictEqual(
    ["- Tests: 12 passed", "**Status:** ready", "1. one"].map(claimText),
    ["Tests: 12 passed", "Status: ready", "one"],
  );
});

Deno.test("SECTIONS renders the report in order; a new section is one more entry", () => {
  strictEqual(renderMarkdown(demo), SECTIONS.flatMap((s) => s(demo)).join("\n"));
});
