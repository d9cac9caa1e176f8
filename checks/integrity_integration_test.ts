/**
 * End to end: real audits of fixtures/py_selfdeceiving (as a git repository whose status figure
 * drops and is restored without a code change), of a clean fixture and of claimcheck itself, with
 * every integrity probe registered.
 * @module
 */
import { deepStrictEqual, equal, match, ok } from "node:assert/strict";
import $ from "dax";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { audit } from "../src/audit.ts";
import { INTEGRITY_MEANINGS } from "../src/integrity/probes.ts";
import { renderMarkdown } from "../src/report/markdown.ts";
import type { Report } from "../src/report/schema.ts";
import { walkTree } from "../src/tree_hash.ts";
import { fixture } from "./_report_helpers.ts";

if (!Deno.env.get("PIP_INDEX_URL")) Deno.env.set("PIP_INDEX_URL", "file:///opt/pypi/simple");

const INTEGRITY = Object.keys(INTEGRITY_MEANINGS);

/** Integrity findings as `probe file:line`, sorted. */
function integrityFindings(report: Report): string[] {
  return report.checks.filter((c) => INTEGRITY.includes(c.id) && c.status === "fail")
    .flatMap((c) => c.findings.map((f) => `${c.id} ${f.file}:${f.line ?? ""}`))
    .filter((row) => !row.startsWith("repo.evidence") || !row.includes("records"))
    .sort();
}

async function commitAll(dir: string, message: string): Promise<void> {
  await $`git add -A`.cwd(dir).quiet();
  await $`git -c user.name=t -c user.email=t@t commit -qm ${message}`.cwd(dir).quiet();
}

Deno.test("audit() of py_selfdeceiving finds every planted pattern and puts them in the verdicts", async () => {
  const repo = await Deno.makeTempDir({ prefix: "claimcheck-selfdeceiving-" });
  try {
    await walkTree(fixture("py_selfdeceiving"), repo);
    await $`git init -q`.cwd(repo).quiet();
    await commitAll(repo, "the project");
    const status = join(repo, "STATUS.md");
    const text = await Deno.readTextFile(status);
    await Deno.writeTextFile(status, text.replace("readiness: 95%", "readiness: 60%"));
    await commitAll(repo, "status: honest readiness");
    await Deno.writeTextFile(status, text);
    await commitAll(repo, "status: readiness restored");

    const report = await audit({ target: repo });
    const rows = report.checks.filter((c) => INTEGRITY.includes(c.id))
      .map((c) => `${c.id}=${c.status}: ${c.summary}`).join("\n");
    const evidence = report.checks.find((c) => c.id === "repo.evidence");
    const rest = report.checks.filter((c) => INTEGRITY.includes(c.id) && c.id !== "repo.evidence");
    deepStrictEqual(
      rest.map((c) => `${c.id} ${c.status}`).sort(),
      INTEGRITY.filter((id) => id !== "repo.evidence").map((id) => `${id} fail`).sort(),
      rows,
    );
    equal(evidence?.status, "pass", rows);
    deepStrictEqual(integrityFindings(report), [
      "code.constants src/selfdec/quality_gates.py:6",
      "code.mocks src/selfdec/__init__.py:5",
      "compat.python src/selfdec/report.py:5",
      "deps.shadowed yaml.py:1",
      "repo.history STATUS.md:3",
      "run.entrypoints examples/demo.py:1",
      "tests.vacuous tests/test_selfdec.py:12",
      "tests.vacuous tests/test_selfdec.py:16",
      "tests.vacuous tests/test_selfdec.py:20",
      "tests.vacuous tests/test_selfdec.py:27",
    ], rows);

    const reason = (line: number) =>
      report.claims.find((c) => c.file === "STATUS.md" && c.line === line);
    const tests = reason(5);
    equal(tests?.verdict, "contradicted", tests?.reason);
    match(tests?.reason ?? "", /4 of the 6 passing tests assert nothing/);
    const coverage = reason(6);
    equal(coverage?.verdict, "contradicted", coverage?.reason);
    match(
      coverage?.reason ?? "",
      /the figure is a literal at src\/selfdec\/quality_gates\.py:6, not a measurement/,
    );
    const rps = reason(7);
    equal(rps?.verdict, "contradicted", rps?.reason);
    match(
      rps?.reason ?? "",
      /the committed reports\/load_stats\.csv:3 shows 31 req\/s throughput with 70 % failed requests/,
    );
    const demo = reason(8);
    equal(demo?.verdict, "contradicted", demo?.reason);
    match(
      demo?.reason ?? "",
      /run\.entrypoints: python examples\/demo\.py fails: ModuleNotFoundError/,
    );
    const readiness = reason(3);
    match(
      readiness?.reason ?? "",
      /repo\.history: level went from 95 to 60 .* no code changed between/,
    );
    match(renderMarkdown(report), /## Integrity\n/);
  } finally {
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test("audit() finds no integrity finding in py_ok or in claimcheck itself", async () => {
  const claimcheck = fileURLToPath(new URL("..", import.meta.url));
  for (const target of [fixture("py_ok"), claimcheck]) {
    const report = await audit({ target, only: INTEGRITY });
    deepStrictEqual(integrityFindings(report), [], target);
    ok(!renderMarkdown(report).includes("## Integrity"), target);
  }
});
