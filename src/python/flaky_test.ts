import { deepStrictEqual } from "node:assert/strict";
import type { JUnitCase } from "../parsers/junit.ts";
import {
  addRun,
  flakyMessage,
  flakyTests,
  type Histories,
  outcomesOf,
  parseFlakyMessage,
  rerunCandidates,
  type RunOutcomes,
} from "./flaky.ts";

function c(name: string, outcome: JUnitCase["outcome"], classname = "t"): JUnitCase {
  return { classname, name, durationMs: 0, outcome };
}

Deno.test("outcomesOf() reads one outcome per test: a failure then a teardown error is failed", () => {
  const run = outcomesOf(
    [
      c("a", "passed"),
      c("b", "failed"),
      c("b", "error"),
      c("s", "skipped"),
      c("e", "error"),
      c("f", "error", ""),
    ],
    (x) => x.name,
    (x) => x.classname === "",
  );
  deepStrictEqual([...run], [["a", "passed"], ["b", "failed"], ["s", "skipped"], ["e", "failed"]]);
});

Deno.test("rerunCandidates() takes tests failing in every full run, at most the limit", () => {
  const first: RunOutcomes = new Map([["a", "failed"], ["b", "failed"], ["c", "passed"], [
    "d",
    "failed",
  ]]);
  const second: RunOutcomes = new Map([["a", "passed"], ["b", "failed"], ["c", "failed"]]);
  deepStrictEqual(rerunCandidates([first, second]), { ids: ["b", "d"], failing: 2 });
  deepStrictEqual(rerunCandidates([first], 2), { ids: ["a", "b"], failing: 3 });
  deepStrictEqual(rerunCandidates([]), { ids: [], failing: 0 });
});

Deno.test("flakyTests() names tests that both passed and failed, with their ratio", () => {
  const h: Histories = new Map();
  addRun(h, new Map([["x", "failed"], ["y", "failed"], ["z", "passed"], ["s", "skipped"]]));
  addRun(h, new Map([["x", "failed"], ["y", "failed"], ["z", "passed"]]));
  addRun(h, new Map([["x", "passed"]]));
  const flaky = flakyTests(h);
  deepStrictEqual(flaky, [{ id: "x", failed: 2, runs: 3 }]);
  const message = flakyMessage(flaky[0]!);
  deepStrictEqual(message, "x is flaky: failed 2 of 3 runs");
  deepStrictEqual(parseFlakyMessage(message), flaky[0]);
  deepStrictEqual(parseFlakyMessage("x failed: assert 0"), undefined);
});
