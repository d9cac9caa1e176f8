import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { lcovTotals, parseLcov } from "./lcov.ts";

Deno.test("parseLcov() reads a tracefile recorded from deno coverage --lcov", async () => {
  const text = await Deno.readTextFile(new URL("./testdata/deno_ok.lcov", import.meta.url));
  deepStrictEqual(parseLcov(text), [
    { path: "/snapshot/math.ts", linesFound: 28, linesHit: 12, branchesFound: 2, branchesHit: 2 },
  ]);
});

Deno.test("parseLcov() falls back to DA and BRDA records when summaries are missing", () => {
  const text = [
    "TN:",
    "SF:/a.ts",
    "DA:1,3",
    "DA:2,0",
    "DA:3,1",
    "BRDA:2,0,0,1",
    "BRDA:2,0,1,-",
    "BRDA:2,0,2,0",
    "end_of_record",
    "SF:/b.ts",
    "LF:10",
    "LH:0",
    "end_of_record",
  ].join("\r\n");
  deepStrictEqual(parseLcov(text), [
    { path: "/a.ts", linesFound: 3, linesHit: 2, branchesFound: 3, branchesHit: 1 },
    { path: "/b.ts", linesFound: 10, linesHit: 0, branchesFound: 0, branchesHit: 0 },
  ]);
});

Deno.test("parseLcov() returns no file for an empty tracefile", () => {
  deepStrictEqual(parseLcov(""), []);
  deepStrictEqual(parseLcov("\n\n"), []);
});

Deno.test("parseLcov() refuses malformed tracefiles with a clear TypeError", async (t) => {
  const cases: [string, string, RegExp][] = [
    ["a line outside a record", "LF:3\n", /LF outside a record at line 1/],
    ["an unterminated record", "SF:/a.ts\nLF:3\n", /\/a\.ts has no end_of_record/],
    ["a nested SF", "SF:/a.ts\nSF:/b.ts\n", /SF inside an open record at line 2/],
    ["a stray end_of_record", "end_of_record\n", /without SF at line 1/],
    ["a bad count", "SF:/a.ts\nLH:many\nend_of_record\n", /LH is not a count at line 2/],
    ["a negative count", "SF:/a.ts\nLF:-1\nend_of_record\n", /LF is not a count/],
    ["an HTML page", "<html>\n</html>\n", /Cannot parse LCOV: <html> outside a record/],
  ];
  for (const [name, text, expected] of cases) {
    await t.step(name, () => throws(() => parseLcov(text), expected));
  }
});

Deno.test("lcovTotals() sums files and leaves absent percentages undefined", () => {
  const a = { path: "a", linesFound: 28, linesHit: 12, branchesFound: 2, branchesHit: 2 };
  const b = { path: "b", linesFound: 2, linesHit: 2, branchesFound: 0, branchesHit: 0 };
  const totals = lcovTotals([a, b]);
  strictEqual(totals.files, 2);
  strictEqual(totals.linesPercent, 14 / 30 * 100);
  strictEqual(totals.branchesPercent, 100);
  strictEqual(lcovTotals([b]).branchesPercent, undefined);
  strictEqual(lcovTotals([]).linesPercent, undefined);
});
