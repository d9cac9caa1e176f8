import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import { mergeIndex, mergeMarkdown } from "./merge.ts";
import { type Report, ReportSchema } from "./report/schema.ts";

const CLI = new URL("./cli.ts", import.meta.url).pathname;
const demo: Report = ReportSchema.parse(
  JSON.parse(await Deno.readTextFile(new URL("../reports/demo.json", import.meta.url))),
);

Deno.test("mergeIndex() and mergeMarkdown() make one row per report, worst level first", () => {
  const better: Report = {
    ...demo,
    target: { ...demo.target, input: "b" },
    level: { ...demo.level, value: 4, name: "Measured", blockers: [] },
  };
  const index = mergeIndex([
    { path: "/r/b/b.json", report: better },
    { path: "/r/a/demo.json", report: demo, markdown: "/r/a/demo.md" },
  ], "/r/merged");
  deepStrictEqual(index.map((e) => [e.target, e.level, e.report, e.markdown]), [
    ["fixtures/demo", demo.level.value, "../a/demo.json", "../a/demo.md"],
    ["b", 4, "../b/b.json", null],
  ]);
  const md = mergeMarkdown(index);
  const rows = md.split("\n").filter((l) => l.startsWith("|"));
  strictEqual(rows.length, 4);
  match(rows[2] ?? "", /\[report\]\(\.\.\/a\/demo\.md\)/);
  match(rows[3] ?? "", /\| — +\| \[report\]\(\.\.\/b\/b\.json\)/);
});

async function cli(args: string[], cwd: string) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", CLI, ...args],
    cwd,
    env: { NO_COLOR: "1", INIT_CWD: cwd },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

Deno.test("cli: merge writes index.md and index.json; an empty set is a one-line error", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(join(dir, "reports"));
  await Deno.copyFile(
    new URL("../reports/demo.json", import.meta.url),
    join(dir, "reports", "demo.json"),
  );
  const merged = await cli(["merge", "reports/demo.json", "--out", "merged"], dir);
  strictEqual(merged.code, 0, merged.stderr);
  const index = JSON.parse(await Deno.readTextFile(join(dir, "merged", "index.json")));
  strictEqual(index.length, 1);
  match(await Deno.readTextFile(join(dir, "merged", "index.md")), /^# claimcheck: 1 audit\n/);
  const empty = await cli(["merge", "nothing/*.json"], dir);
  strictEqual(empty.code, 2);
  strictEqual(empty.stderr, "claimcheck: Cannot merge: no report matches nothing/*.json\n");
  strictEqual((await cli(["merge"], dir)).stderr, "claimcheck: Cannot merge: no report given\n");
});
