import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { parseCoverageTotals, unparsedFiles } from "./coverage_totals.ts";

Deno.test("parseCoverageTotals() reports lines and branches apart, never percent_covered", () => {
  const totals = parseCoverageTotals(JSON.stringify({
    totals: {
      covered_lines: 47,
      num_statements: 65,
      percent_covered: 67.36842105263158,
      covered_branches: 17,
      num_branches: 30,
    },
  }));
  deepStrictEqual(totals, {
    lines: { covered: 47, total: 65, percent: (47 / 65) * 100 },
    branches: { covered: 17, total: 30, percent: (17 / 30) * 100 },
  });
});

Deno.test("parseCoverageTotals() of a package measured in two folders counts the copy that ran", () => {
  const file = (covered: number, statements: number) => ({
    summary: {
      covered_lines: covered,
      num_statements: statements,
      covered_branches: 0,
      num_branches: 2,
    },
  });
  const report = JSON.stringify({
    files: {
      "src/pkg/__init__.py": file(2, 2),
      "src/pkg/core.py": file(6, 8),
      "/venv/site-packages/pkg/__init__.py": file(0, 2),
      "/venv/site-packages/pkg/core.py": file(0, 8),
      "tools/helper.py": file(1, 4),
    },
    totals: { covered_lines: 9, num_statements: 24, covered_branches: 0, num_branches: 10 },
  });
  const copies = [["src/pkg", "/venv/site-packages/pkg"]];
  deepStrictEqual(parseCoverageTotals(report, copies), {
    lines: { covered: 9, total: 14, percent: (9 / 14) * 100 },
    branches: { covered: 0, total: 6, percent: 0 },
    leftOut: ["/venv/site-packages/pkg"],
  });
  strictEqual(parseCoverageTotals(report)?.lines.total, 24, "no copies: the report's totals");
});

Deno.test("parseCoverageTotals() leaves branches out without branch data, undefined without statements", () => {
  const lines = parseCoverageTotals(
    '{"totals":{"covered_lines":3,"num_statements":4,"num_branches":0}}',
  );
  deepStrictEqual(lines, { lines: { covered: 3, total: 4, percent: 75 } });
  strictEqual(parseCoverageTotals('{"totals":{"covered_lines":0,"num_statements":0}}'), undefined);
});

Deno.test("parseCoverageTotals() refuses what is not a coverage report", () => {
  throws(() => parseCoverageTotals("No data to report."), /Cannot parse the coverage report/);
  throws(() => parseCoverageTotals("{}"), /no totals/);
  throws(() => parseCoverageTotals('{"totals":{}}'), /lack covered_lines/);
});

Deno.test("unparsedFiles() reads coverage's couldnt-parse warnings, each file once", () => {
  const stderr = [
    "/venv/coverage/report_core.py:114: CoverageWarning: Couldn't parse Python file '/s/pkg/a.py' (couldnt-parse); see https://coverage.readthedocs.io/",
    '  coverage._warn(msg, slug="couldnt-parse")',
    "CoverageWarning: Couldn't parse Python file '/s/pkg/b.py' (couldnt-parse)",
    "CoverageWarning: Couldn't parse Python file '/s/pkg/a.py' (couldnt-parse)",
  ].join("\n");
  deepStrictEqual(unparsedFiles(stderr), ["/s/pkg/a.py", "/s/pkg/b.py"]);
  deepStrictEqual(unparsedFiles("Wrote JSON report to x.json"), []);
});
