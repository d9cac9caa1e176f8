import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import { publishToGitHub, repositoryWebUrl, withRepositoryUrl } from "./github.ts";
import { ReportSchema } from "./report/schema.ts";

const report = ReportSchema.parse(
  JSON.parse(await Deno.readTextFile(new URL("../reports/demo.json", import.meta.url))),
);

Deno.test("publishToGitHub() writes the step summary, the outputs and the annotations", async () => {
  const dir = await Deno.makeTempDir();
  const summary = join(dir, "summary.md");
  const output = join(dir, "output");
  await Deno.writeTextFile(output, "earlier=1\n");
  const printed: string[] = [];
  const sub = { ...report, target: { ...report.target, repoPath: "pkg" } };
  await publishToGitHub(sub, ["out/demo.md", "out/demo.json", "out/demo.sarif"], {
    GITHUB_ACTIONS: "true",
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: output,
  }, (line) => printed.push(line));
  match(await Deno.readTextFile(summary), /^# claimcheck report: /);
  deepStrictEqual((await Deno.readTextFile(output)).split("\n"), [
    "earlier=1",
    `level=${report.level.value}`,
    `contradicted=${report.summary.contradicted}`,
    "report=out/demo.json",
    "sarif=out/demo.sarif",
    "",
  ]);
  const errors = printed.filter((l) => l.startsWith("::error "));
  strictEqual(errors.length, report.summary.contradicted);
  strictEqual(errors.every((l) => /^::error file=pkg\/[^,]+,line=\d+,/.test(l)), true);
  strictEqual(printed.some((l) => l.startsWith("::warning ")), true);
});

Deno.test("repositoryWebUrl() and withRepositoryUrl() read the workflow's repository", () => {
  const env = {
    GITHUB_SERVER_URL: "https://github.com/",
    GITHUB_REPOSITORY: "org/repo",
    GITHUB_WORKSPACE: "/w",
  };
  strictEqual(repositoryWebUrl(env), "https://github.com/org/repo");
  strictEqual(repositoryWebUrl({ GITHUB_REPOSITORY: "org/repo" }), undefined);
  strictEqual(withRepositoryUrl(report, env).target.webUrl, "https://github.com/org/repo");
  const remote = { ...report, target: { ...report.target, path: "https://example.com/x.git" } };
  strictEqual(withRepositoryUrl(remote, env).target.webUrl, undefined);
});
