import { strictEqual } from "node:assert/strict";
import stringWidth from "string-width";
import { progressLine } from "./progress.ts";

Deno.test("progressLine() shows the count, the running checks and their elapsed time", () => {
  const running = new Map([["install.python", 1_000]]);
  strictEqual(
    progressLine({ done: 2, total: 9, running }, 5_200, 120),
    "[3/9] running install.python 4.2 s",
  );
});

Deno.test("progressLine() never grows wider than the terminal", async (t) => {
  const running = new Map([["tests.pytest", 0], ["coverage.python", 0], ["perf.python.import", 0], [
    "日本語.check",
    0,
  ]]);
  for (const columns of [20, 40, 60]) {
    await t.step(`${columns} columns`, () => {
      const line = progressLine({ done: 0, total: 4, running }, 1_000, columns);
      strictEqual(stringWidth(line) <= columns - 1, true, line);
      strictEqual(line.startsWith("[1/4] running"), true);
    });
  }
});
