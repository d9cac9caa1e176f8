import { equal, ok } from "node:assert/strict";
import { timeRuns } from "./timing.ts";

function counter(): { run: () => Promise<void>; calls: () => number } {
  let n = 0;
  return { run: () => Promise.resolve(void n++), calls: () => n };
}

Deno.test("timeRuns() makes the minimum runs of each phase, then samples for minMs", async () => {
  const quick = counter();
  const runs = await timeRuns(quick.run, {
    warmups: 5,
    runs: 30,
    minMs: 0,
    maxRuns: 1000,
    budgetMs: 1000,
  });
  equal(runs.length, 30);
  equal(quick.calls(), 4 + 30);
  const sampled = counter();
  const long = await timeRuns(sampled.run, {
    warmups: 1,
    runs: 1,
    minMs: 20,
    maxRuns: 100_000,
    budgetMs: 1000,
  });
  ok(long.length > 1, `${long.length} runs`);
});

Deno.test("timeRuns() stops at maxRuns and, after 3 timed runs, at the budget", async () => {
  const capped = await timeRuns(counter().run, {
    warmups: 1,
    runs: 1,
    minMs: 60_000,
    maxRuns: 10,
    budgetMs: 60_000,
  });
  equal(capped.length, 10);
  const slow = () => new Promise((resolve) => setTimeout(resolve, 30));
  const budget = await timeRuns(slow, {
    warmups: 1,
    runs: 100,
    minMs: 0,
    maxRuns: 100,
    budgetMs: 50,
  });
  equal(budget.length, 3);
});
