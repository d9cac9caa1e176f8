import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { parsePytestSummary, parseUnittestSummary } from "./pytest_summary.ts";

Deno.test("parsePytestSummary() reads pytest's closing line, ruled or -q", async (t) => {
  const cases: Array<[string, string, Partial<Record<string, number>> | undefined]> = [
    [
      "ruled, every word",
      "tests/test_a.py F..s\n==== 2 failed, 3 passed, 4 skipped, 1 xfailed, 1 xpassed, 2 errors in 0.04s ====",
      { failed: 2, passed: 3, skipped: 4, xfailed: 1, xpassed: 1, errors: 2 },
    ],
    ["-q form", "..F\n2 failed, 40 passed in 0.30s\n", { failed: 2, passed: 40 }],
    ["long run", "=== 707 passed, 48 skipped in 65.20s (0:01:05) ===", {
      passed: 707,
      skipped: 48,
    }],
    ["warnings and one error", "== 1 passed, 3 warnings, 1 error in 0.1s ==", {
      passed: 1,
      errors: 1,
    }],
    ["deselected only", "=== 12 deselected in 0.02s ===", { deselected: 12 }],
    ["nothing", "============ no tests ran in 0.01s ============", {}],
    ["colours", "\x1b[31m\x1b[1m== 1 failed\x1b[0m, \x1b[32m2 passed\x1b[0m in 0.1s ==", {
      failed: 1,
      passed: 2,
    }],
    ["last one counts", "1 passed in 0.1s\nsome text\n== 2 failed in 0.2s ==\n", { failed: 2 }],
    ["no summary (crash)", "INTERNALERROR> Traceback\nKeyError: 'x'\n", undefined],
    ["not a summary", "We have 3 passed tests in here", undefined],
  ];
  for (const [name, output, expected] of cases) {
    await t.step(name, () => {
      const got = parsePytestSummary(output);
      if (expected === undefined) return strictEqual(got, undefined);
      const zero = {
        passed: 0,
        failed: 0,
        errors: 0,
        skipped: 0,
        xfailed: 0,
        xpassed: 0,
        deselected: 0,
      };
      const { line: _, ...counts } = got ?? { line: "" };
      deepStrictEqual(counts, { ...zero, ...expected });
    });
  }
});

Deno.test("parseUnittestSummary() reads Ran N tests and the status line, summed over runners", () => {
  const one = parseUnittestSummary(
    "F.s\n------\nRan 5 tests in 0.001s\n\nFAILED (failures=3, skipped=1, expected failures=1)\n",
  );
  deepStrictEqual(
    [one?.ran, one?.failed, one?.errors, one?.skipped, one?.xfailed],
    [5, 3, 0, 1, 1],
  );
  const two = parseUnittestSummary(
    "Ran 2 tests in 0s\n\nOK\nRan 3 tests in 0s\n\nOK (skipped=1)\n",
  );
  deepStrictEqual([two?.ran, two?.passed, two?.skipped], [5, 4, 1]);
  strictEqual(parseUnittestSummary("Ran 0 tests in 0.000s\n\nNO TESTS RAN")?.ran, 0);
  strictEqual(parseUnittestSummary("Traceback …\nImportError: x"), undefined);
});
