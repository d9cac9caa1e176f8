import assert from "node:assert/strict";
import { findQuantities } from "./quantity.ts";

const CASES: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, number, string]>]> = [
  ["Import time: 0.035s", [["=", 35, "ms"]]],
  ["Sub-20ms export", [["<", 20, "ms"]]],
  ["export <25ms", [["<", 25, "ms"]]],
  ["~19 seconds", [["~", 19_000, "ms"]]],
  ["about 2 minutes", [["~", 120_000, "ms"]]],
  ["at most 400 µs", [["≤", 0.4, "ms"]]],
  ["85%+ coverage", [["≥", 85, "percent"]]],
  ["over 90 percent", [[">", 90, "percent"]]],
  ["710MB container", [["=", 710e6, "bytes"]]],
  ["1 MiB", [["=", 2 ** 20, "bytes"]]],
  ["84 KB wheel", [["=", 84_000, "bytes"]]],
  ["103+ RPS", [["≥", 103, "rps"]]],
  ["10k requests/sec", [["=", 10_000, "rps"]]],
  ["10,000+ lines", [["≥", 10_000, "count"]]],
  ["20K+ readings", [["≥", 20_000, "count"]]],
  ["30 or more demos", [["≥", 30, "count"]]],
  ["less than 1 second", [["<", 1000, "ms"]]],
  ["v1.4.2", []],
  ["1.90x", []],
];

Deno.test("findQuantities() reads comparators, values and units", async (t) => {
  for (const [text, want] of CASES) {
    await t.step(text, () => {
      const got = findQuantities(text).map((q) => [q.comparator, q.value, q.unit] as const);
      assert.deepEqual(got, want);
    });
  }
});

Deno.test("findQuantities() marks both ends of a range", () => {
  const got = findQuantities("fork: 1-100ms, Python 3.8–3.12, 5 to 10 s");
  assert.deepEqual(got.map((q) => [q.value, q.range]), [
    [1, true],
    [100, true],
    [3.8, true],
    [3.12, true],
    [5, true],
    [10_000, true],
  ]);
});

Deno.test("findQuantities() gives the position of each match", () => {
  const [q] = findQuantities("Export time: <25ms ✅");
  assert.equal("Export time: <25ms ✅".slice(q?.start, q?.end), "<25ms");
});
