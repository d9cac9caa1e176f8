import { deepStrictEqual, equal, match } from "node:assert/strict";
import $ from "dax";
import { join } from "node:path";
import {
  evaluateHistory,
  isDocumentation,
  raises,
  restorations,
} from "../src/integrity/history.ts";
import { repoHistory } from "./repo_history.ts";
import { detectedContext, withTemp } from "./_integrity_context.ts";

const status = (readiness: number, coverage: number) =>
  `# Status\n\nProduction readiness: ${readiness}%\n\nTest coverage: ${coverage}%\n`;

Deno.test("restorations() finds a figure that fell and came back", () => {
  const versions = [
    { commit: "a".repeat(40), text: status(95, 90) },
    { commit: "b".repeat(40), text: status(60, 80) },
    { commit: "c".repeat(40), text: status(60, 85) },
    { commit: "d".repeat(40), text: status(95, 85) },
  ];
  const found = restorations("STATUS.md", versions);
  deepStrictEqual(
    found.map((r) => [r.key, r.before, r.fell, r.restored, r.distance, r.claim.line]),
    [
      ["status:level:readiness", 95, 60, 95, 2, 3],
    ],
  );
  deepStrictEqual(restorations("STATUS.md", versions.slice(0, 3)), []);
});

Deno.test("evaluateHistory() keeps restorations with only documentation changed between", () => {
  const versions = [
    { commit: "a".repeat(40), text: status(95, 90) },
    { commit: "b".repeat(40), text: status(60, 90) },
    { commit: "c".repeat(40), text: status(95, 90) },
  ];
  const found = restorations("STATUS.md", versions);
  const key = `${"b".repeat(40)}..${"c".repeat(40)}`;
  const docsOnly = evaluateHistory(found, [], new Map([[key, ["STATUS.md", "docs/x.txt"]]]), 1, 3);
  equal(docsOnly.status, "fail");
  equal(
    docsOnly.findings?.[0]?.message,
    "level went from 95 to 60 at bbbbbbb and back to 95 at ccccccc, 1 commit after the retraction; no code changed between",
  );
  equal(evaluateHistory(found, [], new Map([[key, ["src/a.py"]]]), 1, 3).status, "pass");
  equal(isDocumentation("README.rst"), true);
  equal(isDocumentation("src/readme.py"), false);
});

async function commit(dir: string, files: Record<string, string>, message: string) {
  for (const [path, text] of Object.entries(files)) {
    await Deno.mkdir(join(dir, path, ".."), { recursive: true });
    await Deno.writeTextFile(join(dir, path), text);
  }
  await $`git add -A`.cwd(dir).quiet();
  await $`git -c user.name=t -c user.email=t@t commit -qm ${message}`.cwd(dir).quiet();
}

Deno.test("repoHistory reads a git history: restored without code is a finding, with code is not", async () => {
  await withTemp(async (temp) => {
    const repo = join(temp, "repo");
    await Deno.mkdir(repo);
    await $`git init -q`.cwd(repo).quiet();
    await commit(repo, { "STATUS.md": status(95, 90), "src/a.py": "x = 1\n" }, "start");
    await commit(repo, { "STATUS.md": status(95, 80), "src/a.py": "x = 2\n" }, "a regression");
    await commit(repo, { "src/a.py": "x = 3\n", "STATUS.md": status(95, 90) }, "fixed, with code");
    await commit(repo, { "STATUS.md": status(70, 90) }, "honest numbers");
    await commit(repo, { "STATUS.md": status(95, 90), "NOTES.md": "n\n" }, "restore");
    const ctx = await detectedContext(repo, join(temp, "t"));
    ctx.facts.gitSource = repo;
    const outcome = await repoHistory.run(ctx);
    equal(outcome.status, "fail", outcome.summary);
    equal(outcome.findings?.length, 1);
    equal(outcome.findings?.[0]?.file, "STATUS.md");
    equal(outcome.findings?.[0]?.line, 3);
    match(
      outcome.findings?.[0]?.message ?? "",
      /^level went from 95 to 70 at \w{7} and back to 95 at \w{7}, 1 commit after/,
    );
  });
});

Deno.test("raises() compares each figure at HEAD with the version before the commit that wrote it", () => {
  const [a, b, c, d] = ["a", "b", "c", "d"].map((x) => x.repeat(40)) as [
    string,
    string,
    string,
    string,
  ];
  const versions = [
    { commit: a, text: status(60, 70) },
    { commit: b, text: status(60, 70) + "\nNotes.\n" },
    { commit: c, text: status(80, 70) + "\nNotes.\n" },
    { commit: d, text: status(80, 65) + "\nNotes.\n" },
  ];
  // Line 3 (readiness) was written at c, line 5 (coverage) at d.
  const found = raises("STATUS.md", versions, new Map([[3, c], [5, d]]));
  deepStrictEqual(
    found.map((r) => [r.key, r.from, r.to, r.writtenAt, r.previousAt, r.claim.line]),
    [
      ["status:level:readiness", 60, 80, c, a, 3],
    ],
  );
  deepStrictEqual(raises("STATUS.md", versions, new Map([[3, a]])), []);
  const key = `${a}..${c}`;
  const docsOnly = evaluateHistory([], found, new Map([[key, ["STATUS.md"]]]), 1, 4);
  equal(docsOnly.status, "fail");
  equal(
    docsOnly.findings?.[0]?.message,
    "level was raised from 60 to 80 at ccccccc, a commit that changed only documentation; no code or test changed since 60 was written at aaaaaaa",
  );
  equal(
    evaluateHistory([], found, new Map([[key, ["STATUS.md", "tests/test_a.py"]]]), 1, 4).status,
    "pass",
  );
});

Deno.test("repoHistory blames HEAD's figures: raised by a docs-only commit is a finding, after code is not", async () => {
  await withTemp(async (temp) => {
    const repo = join(temp, "repo");
    await Deno.mkdir(repo);
    await $`git init -q`.cwd(repo).quiet();
    await commit(repo, { "STATUS.md": status(70, 60), "src/a.py": "x = 1\n" }, "start");
    await commit(
      repo,
      { "src/a.py": "x = 2\n", "tests/test_a.py": "def test_x(): assert 1\n" },
      "tests",
    );
    await commit(repo, { "STATUS.md": status(72, 85) }, "figures after the new tests");
    await commit(repo, { "CHANGELOG.md": "- docs\n" }, "changelog");
    await commit(repo, { "STATUS.md": status(98, 85) }, "readiness up");
    await commit(repo, { "STATUS.md": status(98, 85) + "\nFine print.\n" }, "fine print");
    const ctx = await detectedContext(repo, join(temp, "t"));
    ctx.facts.gitSource = repo;
    const outcome = await repoHistory.run(ctx);
    equal(outcome.status, "fail", outcome.summary);
    deepStrictEqual(outcome.findings?.map((f) => `${f.file}:${f.line}`), ["STATUS.md:3"]);
    match(
      outcome.findings?.[0]?.message ?? "",
      /^level was raised from 72 to 98 at \w{7}, a commit that changed only documentation; no code or test changed since 72 was written at \w{7}$/,
    );
  });
});

Deno.test("repoHistory does not apply without a git checkout", async () => {
  await withTemp(async (temp) => {
    const ctx = await detectedContext(join(Deno.cwd(), "fixtures", "py_ok"), temp);
    equal(repoHistory.applies(ctx.facts), false);
  });
});
