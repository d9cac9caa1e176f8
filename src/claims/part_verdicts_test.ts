/** Verdicts of counts scoped to a part, of qualities and of build claims, on tables of our own. */
import assert from "node:assert/strict";
import type { CheckResult } from "../check.ts";
import type { JUnitCase } from "../parsers/junit.ts";
import { judgeBuild } from "./build_verdict.ts";
import type { Claim } from "./claim.ts";
import { reviewQuality } from "./quality_verdict.ts";
import { judgeScoped, pathCounts } from "./scoped_counts.ts";

function testCase(file: string, outcome: JUnitCase["outcome"] = "passed"): JUnitCase {
  return {
    classname: file.replace(/\.py$/, "").replaceAll("/", "."),
    name: "t",
    file,
    durationMs: 1,
    outcome,
  };
}

function check(
  id: string,
  category: CheckResult["category"],
  status: CheckResult["status"],
  extra: Partial<CheckResult> = {},
): CheckResult {
  return {
    id,
    category,
    status,
    summary: `${id} said ${status}`,
    durationMs: 1,
    measurements: [],
    evidence: [],
    findings: [],
    ...extra,
  };
}

function claim(fields: Partial<Claim> & Pick<Claim, "kind">): Claim {
  return { file: "STATUS.md", line: 1, text: "a claim", ...fields };
}

Deno.test("pathCounts() counts the tests collected under each folder and file", () => {
  const counts = pathCounts([
    testCase("tests/unit/test_a.py"),
    testCase("tests/unit/test_a.py", "failed"),
    testCase("tests/unit/test_b.py", "skipped"),
    testCase("tests/e2e/test_c.py"),
  ]);
  assert.deepEqual(counts.map((m) => [m.metric, m.value]), [
    ["tests.total.in:tests/", 4],
    ["tests.total.in:tests/e2e/", 1],
    ["tests.total.in:tests/e2e/test_c.py", 1],
    ["tests.total.in:tests/unit/", 3],
    ["tests.total.in:tests/unit/test_a.py", 2],
    ["tests.total.in:tests/unit/test_b.py", 1],
  ]);
});

Deno.test("judgeScoped() judges a count where it is scoped", async (t) => {
  const run = check("tests.pytest", "tests", "pass", {
    measurements: pathCounts([testCase("tests/unit/test_a.py"), testCase("tests/unit/test_b.py")]),
  });
  const files = ["src/pkg/a.py", "src/pkg/b.py"];
  const tests = (subject: string, value: number) =>
    claim({ kind: "tests", metric: "tests.total", subject, comparator: "=", value, unit: "count" });
  const listed = (subject: string, value: number) =>
    claim({ kind: "repo", metric: "repo.listed", subject, comparator: "=", value, unit: "count" });
  const table: Array<[string, Claim, CheckResult[], string, RegExp]> = [
    ["right count in a folder", tests("tests/unit/", 2), [run], "verified", /collected 2 there$/],
    [
      "a folder written without its slash",
      tests("tests/unit", 2),
      [run],
      "verified",
      /in tests\/unit\//,
    ],
    [
      "wrong count in a folder",
      tests("tests/unit/", 5),
      [run],
      "contradicted",
      /claimed 5 tests in tests\/unit\/; tests\.pytest collected 2 there/,
    ],
    ["a folder with no tests", tests("tests/e2e/", 3), [run], "contradicted", /collected 0 there$/],
    [
      "a run that could not happen",
      tests("tests/unit/", 5),
      [check("tests.pytest", "tests", "error", { measurements: run.measurements })],
      "unverified",
      /^not measured here/,
    ],
    ["no test run", tests("tests/unit/", 2), [], "unverified", /no test check ran$/],
    ["a list whose names all exist", listed("a.py, b.py", 2), [], "verified", /all 2 exist$/],
    ["a list with a missing name", listed("a.py, c.py", 2), [], "contradicted", /missing: c\.py$/],
    [
      "a count that is not the list's length",
      listed("a.py, b.py", 3),
      [],
      "contradicted",
      /all 2 exist$/,
    ],
  ];
  for (const [name, c, checks, verdict, reason] of table) {
    await t.step(name, () => {
      const judged = judgeScoped(c, checks, files);
      assert.equal(judged?.verdict, verdict, judged?.reason);
      assert.match(judged?.reason ?? "", reason);
    });
  }
  assert.equal(
    judgeScoped(claim({ kind: "tests", metric: "tests.total", value: 3 }), [run], files),
    undefined,
  );
});

Deno.test("judgeScoped() judges a kind of tests by the folder or file named for it", async (t) => {
  const run = check("tests.pytest", "tests", "pass", {
    measurements: pathCounts([
      testCase("tests/security/test_auth.py"),
      testCase("tests/security/test_tokens.py"),
      testCase("tests/test_error_handling.py"),
      testCase("tests/test_core.py"),
    ]),
  });
  const files = [
    "tests/security/test_auth.py",
    "tests/security/test_tokens.py",
    "tests/test_error_handling.py",
    "tests/test_core.py",
  ];
  const part = (subject: string, metric: string, value: number) =>
    claim({ kind: "tests", metric, subject, comparator: "=", value, unit: "count" });
  const table: Array<[string, Claim, string, RegExp]> = [
    [
      "a folder named for the kind",
      part("security tests", "tests.total", 2),
      "verified",
      /in tests\/security\/; tests\.pytest collected 2 there$/,
    ],
    [
      "a wrong count in that folder",
      part("security tests", "tests.total", 14),
      "contradicted",
      /claimed 14 tests in tests\/security\//,
    ],
    [
      "a file named for the kind",
      part("error handling tests", "tests.total", 1),
      "verified",
      /tests\/test_error_handling\.py/,
    ],
    [
      "outcomes of a part are not measured apart",
      part("security tests", "tests.passed", 2),
      "unverified",
      /a part of the suite: claimcheck counts the tests collected in tests\/security\/, not their outcomes apart$/,
    ],
    [
      "a kind with no folder or file",
      part("performance tests", "tests.total", 3),
      "unverified",
      /no test folder or file is named for them/,
    ],
  ];
  for (const [name, c, verdict, reason] of table) {
    await t.step(name, () => {
      const judged = judgeScoped(c, [run], files);
      assert.equal(judged?.verdict, verdict, judged?.reason);
      assert.match(judged?.reason ?? "", reason);
    });
  }
});

Deno.test("reviewQuality() does not let existence verify a quality", async (t) => {
  const found = { verdict: "verified" as const, reason: "found pyproject.toml" };
  const deps = (status: CheckResult["status"]) => check("deps.python", "deps", status);
  const table: Array<[string, Claim, CheckResult[], string, RegExp]> = [
    [
      "declared dependencies, and the check agrees",
      claim({ kind: "exists", subject: "pyproject.toml", quality: "all dependencies declared" }),
      [deps("pass")],
      "verified",
      /deps\.python pass/,
    ],
    [
      "declared dependencies, and the check disagrees",
      claim({ kind: "exists", subject: "pyproject.toml", quality: "all dependencies declared" }),
      [deps("fail")],
      "contradicted",
      /, but deps\.python fail/,
    ],
    [
      "declared dependencies, not measured",
      claim({ kind: "exists", subject: "pyproject.toml", quality: "all dependencies declared" }),
      [],
      "unverified",
      /no dependency check ran/,
    ],
    [
      "an interactive demo",
      claim({ kind: "exists", subject: "run_demo.py", quality: "interactive" }),
      [],
      "unverified",
      /whether it works \(interactive\) was not measured$/,
    ],
    [
      "working examples",
      claim({ kind: "repo", metric: "repo.examples", quality: "working" }),
      [],
      "unverified",
      /whether they work/,
    ],
    [
      "a bare mention",
      claim({ kind: "exists", subject: "docs/guide.md" }),
      [],
      "verified",
      /^found pyproject\.toml$/,
    ],
  ];
  for (const [name, c, checks, verdict, reason] of table) {
    await t.step(name, () => {
      const judged = reviewQuality(found, c, checks);
      assert.equal(judged.verdict, verdict, judged.reason);
      assert.match(judged.reason, reason);
    });
  }
});

Deno.test("judgeBuild() reads the build evidence", async (t) => {
  const built = check("build.python", "build", "pass");
  const table: Array<[string, Claim, CheckResult[], string[] | undefined, string, RegExp]> = [
    [
      "the build passed",
      claim({ kind: "build", metric: "build.python", subject: "python -m build" }),
      [built],
      [],
      "verified",
      /build\.python pass/,
    ],
    [
      "the build failed",
      claim({ kind: "build", metric: "build.python", subject: "sdist and wheel" }),
      [check("build.python", "build", "fail")],
      [],
      "contradicted",
      /build\.python fail/,
    ],
    [
      "the build could not run",
      claim({ kind: "build", metric: "build.python" }),
      [check("build.python", "build", "unverified")],
      [],
      "unverified",
      /not measured here/,
    ],
    [
      "no build ran",
      claim({ kind: "build", metric: "build.deno", subject: "deno check" }),
      [],
      [],
      "unverified",
      /build\.deno did not run$/,
    ],
    [
      "entry points declared",
      claim({ kind: "build", metric: "build.entryPoints", subject: "entry points" }),
      [],
      ["mytool"],
      "verified",
      /declared: mytool$/,
    ],
    [
      "no entry point declared",
      claim({ kind: "build", metric: "build.entryPoints", subject: "entry points" }),
      [],
      [],
      "contradicted",
      /declares none/,
    ],
    [
      "entry points unknown",
      claim({ kind: "build", metric: "build.entryPoints" }),
      [],
      undefined,
      "unverified",
      /unknown$/,
    ],
  ];
  for (const [name, c, checks, scripts, verdict, reason] of table) {
    await t.step(name, () => {
      const judged = judgeBuild(c, checks, scripts);
      assert.equal(judged.verdict, verdict, judged.reason);
      assert.match(judged.reason, reason);
    });
  }
});
