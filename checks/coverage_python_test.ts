import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import { fakeContext, type FakeRun } from "../src/python/_fake_context.ts";
import { coveragePython } from "./coverage_python.ts";

const DATA = { python: "/venv/bin/python", coverageFile: "/tmp/t/.coverage" };
const TOTALS = {
  covered_lines: 47,
  num_statements: 65,
  covered_branches: 17,
  num_branches: 30,
  percent_covered: 67.4,
};

function coverageContext(run: FakeRun, threshold = 80, data: unknown = DATA) {
  return fakeContext({
    config: { coverageThreshold: threshold },
    dependencies: { "tests.pytest": { data } },
    handler: (argv) => {
      const out = argv[argv.indexOf("-o") + 1];
      return {
        ...run,
        write: run.exitCode === 0 && out ? { [out]: JSON.stringify({ totals: TOTALS }) } : {},
      };
    },
  });
}

Deno.test("coverage.python reports lines and branches apart from the run's data file", async () => {
  await using f = await coverageContext({ exitCode: 0 });
  const outcome = await coveragePython.run(f.ctx);
  deepStrictEqual(f.calls[0]?.argv.slice(0, 6), [
    "/venv/bin/python",
    "-m",
    "coverage",
    "json",
    "--ignore-errors",
    "--data-file=/tmp/t/.coverage",
  ]);
  deepStrictEqual(
    outcome.measurements?.map((m) => [m.metric, Math.round(m.value * 10) / 10, m.unit]),
    [["coverage.lines", 72.3, "percent"], ["coverage.branches", 56.7, "percent"]],
  );
  strictEqual(outcome.status, "warn");
  match(
    outcome.summary,
    /Lines 72\.3% \(47\/65\), branches 56\.7% \(17\/30\); below the 80% threshold/,
  );
});

Deno.test("coverage.python passes at or above the configured threshold", async () => {
  await using f = await coverageContext({ exitCode: 0 }, 70);
  strictEqual((await coveragePython.run(f.ctx)).status, "pass");
});

Deno.test("coverage.python is unverified without data, never guessed", async () => {
  await using noData = await coverageContext({ exitCode: 1, stdout: "No data to report.\n" });
  const outcome = await coveragePython.run(noData.ctx);
  strictEqual(outcome.status, "unverified");
  match(outcome.summary, /No data to report/);
  strictEqual(outcome.measurements, undefined);

  await using noRun = await coverageContext({ exitCode: 0 }, 80, null);
  strictEqual((await coveragePython.run(noRun.ctx)).status, "unverified");
  strictEqual(noRun.calls.length, 0);
});
