/**
 * End to end: real audits of the Deno fixtures, through the executor and the scheduler.
 * @module
 */
import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import { audit } from "../src/audit.ts";
import { check, fixture, values } from "./_report_helpers.ts";

Deno.test("audit() of deno_ok: clean build, 4 passing tests, partial coverage, level ≥ 3", async () => {
  const report = await audit({ target: fixture("deno_ok") });

  const build = check(report, "build.deno");
  strictEqual(build.status, "pass", build.summary);
  deepStrictEqual(build.evidence[0]?.argv.slice(1), ["check", "--allow-import", "math.ts"]);

  const tests = check(report, "tests.deno");
  strictEqual(tests.status, "pass", tests.summary);
  const counts = values(tests);
  deepStrictEqual(
    [
      counts["tests.passed"],
      counts["tests.failed"],
      counts["tests.skipped"],
      counts["tests.total"],
    ],
    [4, 0, 0, 4],
  );
  const argv = tests.evidence[0]?.argv ?? [];
  ok(argv.includes("test") && argv.includes("--no-check"), argv.join(" "));
  ok(argv.some((a) => /^--junit-path=.+junit\.xml$/.test(a)), argv.join(" "));
  ok(argv.some((a) => /^--coverage=.+/.test(a)), argv.join(" "));

  const coverage = check(report, "coverage.deno");
  const lines = values(coverage)["coverage.lines"] ?? NaN;
  ok(lines > 0 && lines < 100, `coverage.lines = ${lines}`);
  strictEqual(coverage.status, "warn", coverage.summary);
  ok(coverage.evidence[0]?.argv.includes("--lcov"));

  ok(report.level.value >= 3, JSON.stringify(report.level));
});

Deno.test("audit() of deno_failing: the failing test by name, the type error at file:line", async () => {
  const report = await audit({ target: fixture("deno_failing") });

  const tests = check(report, "tests.deno");
  strictEqual(tests.status, "fail", tests.summary);
  deepStrictEqual([values(tests)["tests.passed"], values(tests)["tests.failed"]], [2, 1]);
  const failing = tests.findings.find((f) => f.message.includes('"divide() rounds down"'));
  ok(failing, JSON.stringify(tests.findings));
  deepStrictEqual([failing.file, failing.line], ["arith_test.ts", 15]);

  const build = check(report, "build.deno");
  strictEqual(build.status, "fail", build.summary);
  deepStrictEqual(build.findings, [{
    message: "TS2322: Type 'string' is not assignable to type 'number'.",
    file: "lib/format.ts",
    line: 3,
  }]);

  ok(report.level.value < 3, JSON.stringify(report.level));
});

Deno.test("audit() of an empty target: no Deno check applies, level 0", async () => {
  const report = await audit({ target: fixture("empty") });
  for (const id of ["build.deno", "tests.deno", "coverage.deno"]) {
    strictEqual(check(report, id).status, "skip", id);
  }
  strictEqual(report.level.value, 0);
});

Deno.test("audit() of a hanging test suite: tests.deno is an error, timed out", async () => {
  const dir = await Deno.makeTempDir({ prefix: "claimcheck-hang-" });
  try {
    for (const name of ["deno.json", "math.ts", "math_test.ts"]) {
      await Deno.copyFile(join(fixture("deno_ok"), name), join(dir, name));
    }
    await Deno.writeTextFile(
      join(dir, "hang_test.ts"),
      'Deno.test("spins forever", () => {\n  while (true) {\n    // never ends\n  }\n});\n',
    );
    const report = await audit({ target: dir, only: ["tests.deno"], timeoutMs: 3000 });
    const tests = check(report, "tests.deno");
    strictEqual(tests.status, "error", tests.summary);
    match(tests.summary, /timed out/);
    strictEqual(tests.evidence[0]?.timedOut, true);
    deepStrictEqual(tests.measurements, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
