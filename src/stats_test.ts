import { deepStrictEqual, throws } from "node:assert/strict";
import { summarize } from "./stats.ts";

Deno.test("summarize() gives median, p95, mad, min, max and runs", () => {
  deepStrictEqual(summarize([5, 1, 3, 2, 4]), {
    median: 3,
    p95: 4.8,
    mad: 1,
    min: 1,
    max: 5,
    runs: 5,
  });
  deepStrictEqual(summarize([7]).median, 7);
  deepStrictEqual(summarize([1, 2, 3, 4]).median, 2.5);
});

Deno.test("summarize() refuses an empty sample", () => {
  throws(() => summarize([]), RangeError);
});
