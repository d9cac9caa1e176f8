import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import type { Category, CheckResult, Status } from "./check.ts";
import type { VerifiedClaim } from "./claims/claim.ts";
import { gradeChecks, gradeClaims } from "./level.ts";

function r(id: string, category: Category, status: Status): CheckResult {
  return {
    id,
    category,
    status,
    summary: `${id} said ${status}`,
    durationMs: 1,
    measurements: [],
    evidence: [],
    findings: [],
  };
}

Deno.test("gradeChecks() climbs the ladder only as far as the evidence goes", async (t) => {
  const table: Array<[string, CheckResult[], number, RegExp | null]> = [
    ["nothing ran", [r("docs.present", "docs", "pass")], 0, /no dependency, build or test probe/],
    [
      "deps fail",
      [r("deps.python", "deps", "fail"), r("tests.pytest", "tests", "pass")],
      0,
      /deps.python fail/,
    ],
    [
      "deps unverified",
      [r("install.python", "deps", "unverified")],
      0,
      /install.python unverified/,
    ],
    [
      "type errors",
      [r("build.deno", "build", "fail"), r("tests.deno", "tests", "pass")],
      1,
      /build.deno fail/,
    ],
    ["no build check", [r("deps.python", "deps", "pass")], 1, /no build check/],
    [
      "tests fail",
      [r("build.deno", "build", "pass"), r("tests.deno", "tests", "fail")],
      2,
      /tests.deno fail/,
    ],
    ["no tests", [r("build.deno", "build", "pass")], 2, /no test suite/],
    [
      "coverage low",
      [
        r("build.deno", "build", "pass"),
        r("tests.deno", "tests", "pass"),
        r("coverage.deno", "coverage", "warn"),
      ],
      3,
      /coverage.deno warn/,
    ],
    [
      "coverage unmeasured",
      [r("build.deno", "build", "pass"), r("tests.deno", "tests", "pass")],
      3,
      /coverage was not measured/,
    ],
    [
      "perf budget broken",
      [
        r("build.deno", "build", "pass"),
        r("tests.deno", "tests", "pass"),
        r("coverage.deno", "coverage", "pass"),
        r("perf.bindings", "perf", "fail"),
      ],
      3,
      /perf.bindings fail/,
    ],
    [
      "all measured",
      [
        r("build.deno", "build", "pass"),
        r("tests.deno", "tests", "pass"),
        r("coverage.deno", "coverage", "pass"),
      ],
      4,
      null,
    ],
  ];
  for (const [name, results, value, blocker] of table) {
    await t.step(name, () => {
      const level = gradeChecks(results);
      strictEqual(level.value, value);
      if (blocker) match(level.blockers.join("\n"), blocker);
      else deepStrictEqual(level.blockers, []);
    });
  }
});

Deno.test("gradeClaims() gives Honest only at Measured with no contradicted claim", () => {
  const claim = (verdict: VerifiedClaim["verdict"]): VerifiedClaim => ({
    file: "STATUS.md",
    line: 3,
    text: "x",
    kind: "tests",
    verdict,
    reason: "because",
  });
  const measured = { value: 4, name: "Measured" as const, blockers: [] };
  strictEqual(gradeClaims(measured, [claim("verified"), claim("unverified")]).value, 5);
  const held = gradeClaims(measured, [claim("contradicted")]);
  strictEqual(held.value, 4);
  match(held.blockers[0] ?? "", /STATUS.md:3/);
  const tested = { value: 3, name: "Tested" as const, blockers: ["coverage was not measured"] };
  deepStrictEqual(gradeClaims(tested, []), tested);
});

Deno.test("gradeChecks() splits blockers into the target's faults and what was not measured here", async (t) => {
  const table: Array<[string, CheckResult[], number, string[], string[]]> = [
    [
      "an install claimcheck could not do",
      [r("install.python", "deps", "unverified"), r("tests.pytest", "tests", "unverified")],
      0,
      [],
      ["install.python unverified: install.python said unverified"],
    ],
    [
      "failing tests are the target's",
      [r("build.python", "build", "pass"), r("tests.pytest", "tests", "fail")],
      2,
      ["tests.pytest fail: tests.pytest said fail"],
      [],
    ],
    ["no test suite is the target's", [r("build.python", "build", "pass")], 2, [
      "no test suite was found",
    ], []],
    [
      "unmeasured coverage is not",
      [r("build.python", "build", "pass"), r("tests.pytest", "tests", "pass")],
      3,
      [],
      ["coverage was not measured"],
    ],
    [
      "an errored build is not",
      [r("build.python", "build", "error"), r("tests.pytest", "tests", "pass")],
      1,
      [],
      ["build.python error: build.python said error"],
    ],
  ];
  for (const [name, results, value, target, here] of table) {
    await t.step(name, () => {
      const level = gradeChecks(results);
      strictEqual(level.value, value);
      deepStrictEqual(level.blockedByTarget, target);
      deepStrictEqual(level.notMeasured, here);
      deepStrictEqual(level.blockers, [...target, ...here]);
      strictEqual(level.partial, undefined);
    });
  }
});

Deno.test("gradeChecks() of a partial audit: the level of what ran, unselected checks not measured", () => {
  const level = gradeChecks(
    [
      r("install.python", "deps", "pass"),
      r("tests.pytest", "tests", "pass"),
      r("docs.present", "docs", "pass"),
    ],
    {
      only: ["tests", "docs"],
      notSelected: [{ id: "build.python", category: "build" }, {
        id: "coverage.python",
        category: "coverage",
      }],
    },
  );
  deepStrictEqual(level, {
    value: 1,
    name: "Installs",
    blockers: ["not measured: build.python was not selected"],
    blockedByTarget: [],
    notMeasured: ["not measured: build.python was not selected"],
    partial: "level from a partial audit: --only tests,docs",
  });
});

Deno.test("gradeClaims() puts contradicted claims among the target's blockers", () => {
  const measured = gradeChecks([
    r("build.python", "build", "pass"),
    r("tests.pytest", "tests", "pass"),
    r("coverage.python", "coverage", "pass"),
  ]);
  const claim = {
    file: "STATUS.md",
    line: 2,
    text: "97% coverage",
    kind: "coverage",
    verdict: "contradicted",
    reason: "claimed 97 %; measured 61 %",
  } as VerifiedClaim;
  const level = gradeClaims(measured, [claim]);
  strictEqual(level.value, 4);
  deepStrictEqual(level.blockedByTarget, [
    "contradicted claim at STATUS.md:2: claimed 97 %; measured 61 %",
  ]);
  deepStrictEqual(level.notMeasured, []);
});
