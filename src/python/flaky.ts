/**
 * Flaky tests: a test that both failed and passed across the runs of one audit (a second run of
 * the whole suite, and isolated reruns of failing tests) is flaky. Pure: the check runs the suite
 * and the reruns and hands their outcomes here.
 * @module
 */
import type { JUnitCase } from "../parsers/junit.ts";

/** How one test ended in one run, as flakiness reads it (an error is a failure). */
export type RunOutcome = "passed" | "failed" | "skipped";

/** Each test's outcome in one run, by test id. */
export type RunOutcomes = Map<string, RunOutcome>;

/** At most this many failing tests are rerun (a suite with 5,000 failures stays cheap). */
export const MAX_RERUN_TESTS = 200;
/** Reruns per failing test; a test's reruns stop at its first pass. */
export const MAX_RERUNS = 2;
/** A suite whose first run took less than this runs a second time, whole. */
export const SECOND_RUN_UNDER_MS = 60_000;

/**
 * The outcomes of a run's cases by `idOf(case)`; a test reported twice (a failure, then an error in
 * teardown) counts as failed. Collection errors (`collection` says which) are files, not tests.
 */
export function outcomesOf(
  cases: readonly JUnitCase[],
  idOf: (c: JUnitCase) => string,
  collection: (c: JUnitCase) => boolean,
): RunOutcomes {
  const out: RunOutcomes = new Map();
  for (const c of cases) {
    if (collection(c)) continue;
    const outcome: RunOutcome = c.outcome === "passed"
      ? "passed"
      : c.outcome === "skipped"
      ? "skipped"
      : "failed";
    const id = idOf(c);
    if (out.get(id) !== "failed") out.set(id, outcome);
  }
  return out;
}

/** Tests that failed in every full run given, in the first run's order, at most `limit`. */
export function rerunCandidates(
  runs: readonly RunOutcomes[],
  limit = MAX_RERUN_TESTS,
): { ids: string[]; failing: number } {
  const [first, ...rest] = runs;
  if (first === undefined) return { ids: [], failing: 0 };
  const failing = [...first].filter(([id, o]) =>
    o === "failed" && rest.every((r) => r.get(id) === undefined || r.get(id) === "failed")
  ).map(([id]) => id);
  return { ids: failing.slice(0, limit), failing: failing.length };
}

/** Every run's outcome of each test (skips left out), for flakiness. */
export type Histories = Map<string, Array<"passed" | "failed">>;

/** Add one run's outcomes to `histories`. */
export function addRun(histories: Histories, run: RunOutcomes): void {
  for (const [id, outcome] of run) {
    if (outcome === "skipped") continue;
    const list = histories.get(id) ?? [];
    list.push(outcome);
    histories.set(id, list);
  }
}

/** A test that failed in some runs and passed in others. */
export interface FlakyTest {
  id: string;
  failed: number;
  runs: number;
}

/** The flaky tests among `histories`, by id. */
export function flakyTests(histories: Histories): FlakyTest[] {
  return [...histories].filter(([, o]) => o.includes("passed") && o.includes("failed"))
    .map(([id, o]) => ({ id, failed: o.filter((x) => x === "failed").length, runs: o.length }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** "test_x failed 1 of 3 runs". */
export function flakyRatio(t: FlakyTest): string {
  return `${t.id} failed ${t.failed} of ${t.runs} run${t.runs === 1 ? "" : "s"}`;
}

/** The finding of a flaky test: "tests/t.py::test_x is flaky: failed 1 of 3 runs". */
export function flakyMessage(t: FlakyTest): string {
  return `${t.id} is flaky: failed ${t.failed} of ${t.runs} runs`;
}

/** A flaky-test finding read back (the verifier names flaky tests from the findings). */
export function parseFlakyMessage(message: string): FlakyTest | undefined {
  const m = /^(.+) is flaky: failed (\d+) of (\d+) runs$/.exec(message);
  return m ? { id: m[1] as string, failed: Number(m[2]), runs: Number(m[3]) } : undefined;
}
