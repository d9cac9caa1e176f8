import { deepStrictEqual as assertEquals } from "node:assert/strict";
import type { Measurement } from "../measurement.ts";
import type { Comparator } from "./claim.ts";
import {
  bandOf,
  judge,
  judgeCount,
  type Judgement,
  judgePercent,
  judgeSize,
  judgeTiming,
} from "./tolerance.ts";

type Row = [Comparator, number, number, Judgement];

Deno.test("judgeCount() is exact, and allows 5 % for ~", async (t) => {
  const rows: Row[] = [
    ["=", 707, 707, "holds"],
    ["=", 707, 705, "fails"],
    ["=", 0, 0, "holds"],
    ["=", 0, 1, "fails"],
    ["≥", 30, 30, "holds"],
    ["≥", 30, 29, "fails"],
    [">", 30, 30, "fails"],
    ["<", 5, 4, "holds"],
    ["≤", 5, 6, "fails"],
    ["~", 700, 735, "holds"],
    ["~", 700, 736, "fails"],
  ];
  for (const [cmp, claimed, measured, expected] of rows) {
    await t.step(`${cmp} ${claimed} vs ${measured}`, () => {
      assertEquals(judgeCount(cmp, claimed, measured), expected);
    });
  }
});

Deno.test("judgePercent() allows half a point, none at 0 or 100", async (t) => {
  const rows: Row[] = [
    ["=", 95.5, 95.5, "holds"],
    ["=", 95.5, 95.0, "holds"],
    ["=", 95.5, 94.9, "fails"],
    ["=", 95.5, 96.1, "fails"],
    ["~", 97, 96.6, "holds"],
    ["≥", 85, 84.5, "holds"],
    ["≥", 85, 84.49, "fails"],
    [">", 85, 84.6, "holds"],
    ["≤", 10, 10.5, "holds"],
    ["≤", 10, 10.6, "fails"],
    ["=", 100, 99.9, "fails"],
    ["=", 100, 100, "holds"],
    ["≥", 100, 99.8, "fails"],
    ["=", 0, 0.3, "fails"],
  ];
  for (const [cmp, claimed, measured, expected] of rows) {
    await t.step(`${cmp} ${claimed} vs ${measured}`, () => {
      assertEquals(judgePercent(cmp, claimed, measured), expected);
    });
  }
});

Deno.test("judgeSize() allows 1 % for = and ~, none for bounds", async (t) => {
  const rows: Row[] = [
    ["=", 1_000_000, 1_010_000, "holds"],
    ["=", 1_000_000, 1_010_001, "fails"],
    ["~", 1_000_000, 990_000, "holds"],
    ["<", 1_000_000, 999_999, "holds"],
    ["<", 1_000_000, 1_000_000, "fails"],
    ["≤", 1_000_000, 1_000_000, "holds"],
    ["≥", 1_000, 999, "fails"],
  ];
  for (const [cmp, claimed, measured, expected] of rows) {
    await t.step(`${cmp} ${claimed} vs ${measured}`, () => {
      assertEquals(judgeSize(cmp, claimed, measured), expected);
    });
  }
});

Deno.test("judgeTiming() judges bounds on the whole band", async (t) => {
  // band 20..30 (median 25, MAD 5)
  const band = { value: 25, low: 20, high: 30 };
  const rows: Array<[Comparator, number, Judgement]> = [
    ["<", 31, "holds"],
    ["<", 30, "inconclusive"],
    ["<", 25, "inconclusive"],
    ["<", 20, "fails"],
    ["<", 5, "fails"],
    ["≤", 30, "holds"],
    ["≤", 19.9, "fails"],
    [">", 19.9, "holds"],
    [">", 30, "fails"],
    ["≥", 20, "holds"],
    ["≥", 30.1, "fails"],
    ["≥", 25, "inconclusive"],
  ];
  for (const [cmp, claimed, expected] of rows) {
    await t.step(
      `${cmp} ${claimed}`,
      () => assertEquals(judgeTiming(cmp, claimed, band), expected),
    );
  }
});

Deno.test("judgeTiming() reads = and ~ as about: 20 % agrees, a factor 2 contradicts", async (t) => {
  const band = { value: 100, low: 90, high: 110 };
  const rows: Array<[Comparator, number, Judgement]> = [
    ["=", 100, "holds"],
    ["~", 72, "holds"],
    ["~", 71.9, "inconclusive"],
    ["=", 132, "holds"],
    ["=", 133, "inconclusive"],
    ["=", 45, "inconclusive"],
    ["=", 44.9, "fails"],
    ["=", 220, "inconclusive"],
    ["=", 221, "fails"],
    ["=", 5, "fails"],
  ];
  for (const [cmp, claimed, expected] of rows) {
    await t.step(
      `${cmp} ${claimed}`,
      () => assertEquals(judgeTiming(cmp, claimed, band), expected),
    );
  }
});

Deno.test("bandOf() uses median ± MAD, or the value alone without stats", () => {
  const withStats: Measurement = {
    metric: "perf.import",
    value: 40,
    unit: "ms",
    stats: { median: 31, p95: 50, mad: 2, min: 28, max: 55, runs: 5 },
  };
  assertEquals(bandOf(withStats), { value: 31, low: 29, high: 33 });
  assertEquals(bandOf({ metric: "perf.import", value: 12, unit: "ms" }), {
    value: 12,
    low: 12,
    high: 12,
  });
});

Deno.test("judge() picks the rule of the unit", async (t) => {
  const m = (value: number, unit: Measurement["unit"]): Measurement => ({
    metric: "x",
    value,
    unit,
  });
  const rows: Array<[string, Judgement, Judgement]> = [
    ["count", judge("count", "=", 10, m(11, "count")), "fails"],
    ["percent", judge("percent", "=", 10, m(10.4, "percent")), "holds"],
    ["bytes", judge("bytes", "=", 100, m(101, "bytes")), "holds"],
    ["ratio", judge("ratio", "=", 100, m(102, "ratio")), "fails"],
    ["ms", judge("ms", "<", 25, m(25, "ms")), "fails"],
    ["rps", judge("rps", ">", 100, m(150, "rps")), "holds"],
  ];
  for (const [name, actual, expected] of rows) {
    await t.step(name, () => assertEquals(actual, expected));
  }
});
