import { deepStrictEqual } from "node:assert/strict";
import { githubAnnotations } from "./github.ts";
import type { Report } from "./schema.ts";

Deno.test("githubAnnotations() marks contradicted claims at file:line and failed checks", () => {
  const report = {
    claims: [
      {
        file: "STATUS.md",
        line: 7,
        verdict: "contradicted",
        reason: "claimed 42 passed; measured 8, 0 failed",
      },
      { file: "README.md", line: 2, verdict: "verified", reason: "ok" },
    ],
    checks: [
      { id: "tests.pytest", status: "fail", summary: "2 of 10 failed:\nsee log" },
      { id: "build.python", status: "pass", summary: "built" },
    ],
  } as unknown as Report;
  deepStrictEqual(githubAnnotations(report, "sub"), [
    "::error file=sub/STATUS.md,line=7,title=claimcheck%3A contradicted claim::claimed 42 passed; measured 8, 0 failed",
    "::warning title=claimcheck%3A tests.pytest fail::2 of 10 failed:%0Asee log",
  ]);
});
