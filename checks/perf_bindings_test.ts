import { deepStrictEqual, equal, match, ok } from "node:assert/strict";
import type { CheckContext } from "../src/check.ts";
import type { Binding } from "../src/config.ts";
import type { Evidence } from "../src/evidence.ts";
import { evaluateBindings, perfBindings, runFailure } from "./perf_bindings.ts";
import { fakeEvidence } from "./_fake_evidence.ts";
import { realContext, writeTree } from "./_real_context.ts";

const EXPORT: Binding = { claim: "export time", command: ["python3", "-m", "pkg.export"], runs: 3 };

/** A context whose executor replays `runs` (duration, exit code) without running anything. */
function replayContext(bindings: Binding[], runs: Array<Partial<Evidence>>): {
  ctx: CheckContext;
  calls: string[][];
} {
  const calls: string[][] = [];
  const ctx = {
    facts: { root: "/snapshot", files: ["model.bin"] },
    config: { bindings },
    options: { timeoutMs: 1000 },
    exec: (argv: string[]) => {
      const index = calls.length;
      calls.push(argv);
      const evidence = fakeEvidence({ argv, ...runs[index] });
      return Promise.resolve({ evidence, index, stdoutPath: "", stderrPath: "" });
    },
  } as unknown as CheckContext;
  return { ctx, calls };
}

Deno.test("runFailure() names why a run gives no timing", async (t) => {
  const rows: Array<[Partial<Evidence>, string | undefined]> = [
    [{ exitCode: 0 }, undefined],
    [{ exitCode: 3 }, "exited 3"],
    [{ exitCode: null, signal: "SIGSEGV" }, "was killed by SIGSEGV"],
    [{ exitCode: null, timedOut: true, durationMs: 1000.4 }, "timed out after 1000 ms"],
    [{ exitCode: null, startError: "No such file" }, "could not start: No such file"],
  ];
  for (const [evidence, expected] of rows) {
    await t.step(String(expected), () => equal(runFailure(fakeEvidence(evidence)), expected));
  }
});

Deno.test("perfBindings times one warm-up plus `runs` runs and reports the median", async () => {
  const { ctx, calls } = replayContext([EXPORT], [
    { durationMs: 500 },
    { durationMs: 100 },
    { durationMs: 104 },
    { durationMs: 98 },
  ]);
  const outcome = await perfBindings.run(ctx);
  equal(calls.length, 4);
  equal(outcome.status, "pass");
  equal(outcome.summary, "Measured 1 binding");
  deepStrictEqual(outcome.measurements, [{
    metric: "perf.command.export-time",
    value: 100,
    unit: "ms",
    stats: { median: 100, p95: 103.6, mad: 2, min: 98, max: 104, runs: 3 },
    evidence: 1,
  }]);
  deepStrictEqual(outcome.findings, [{
    message:
      '"export time" → perf.command.export-time (python3 -m pkg.export): 100 ms median of 3 runs',
    file: "claimcheck.json",
  }]);
});

Deno.test("perfBindings fails a binding whose command fails, claiming no timing", async () => {
  const { ctx, calls } = replayContext([EXPORT], [{ durationMs: 50 }, { exitCode: 1 }]);
  const outcome = await perfBindings.run(ctx);
  equal(calls.length, 2);
  equal(outcome.status, "fail");
  equal(outcome.summary, '1 of 1 binding not measured: "export time" timed run 1 exited 1');
  deepStrictEqual(outcome.measurements, []);
});

Deno.test("perfBindings sizes a bound file and refuses paths outside the snapshot", async () => {
  const root = await writeTree({ "model.bin": "x".repeat(1234) });
  const temp = await Deno.makeTempDir();
  try {
    const bindings: Binding[] = [
      { claim: "model file", file: "./model.bin", runs: 5 },
      { claim: "missing", file: "weights.bin", runs: 5 },
      { claim: "escape", file: "../etc/passwd", runs: 5 },
    ];
    const outcome = await perfBindings.run(realContext(root, temp, ["model.bin"], { bindings }));
    equal(outcome.status, "fail");
    deepStrictEqual(outcome.measurements, [{
      metric: "size.model-file",
      value: 1234,
      unit: "bytes",
    }]);
    equal(
      outcome.summary,
      '2 of 3 bindings not measured: "missing" no file weights.bin in the snapshot; ' +
        '"escape" ../etc/passwd lies outside the target',
    );
  } finally {
    await Deno.remove(root, { recursive: true });
    await Deno.remove(temp, { recursive: true });
  }
});

Deno.test("perfBindings times a real command through the executor", async () => {
  const root = await writeTree({ "README.md": "x\n" });
  const temp = await Deno.makeTempDir();
  try {
    const bindings: Binding[] = [
      { claim: "perf.command.nap", command: ["sleep", "0.05"], runs: 3 },
      { claim: "broken", command: ["sh", "-c", "exit 7"], runs: 3 },
    ];
    const outcome = await perfBindings.run(realContext(root, temp, ["README.md"], { bindings }));
    equal(outcome.status, "fail");
    const [nap] = outcome.measurements ?? [];
    equal(nap?.metric, "perf.command.nap");
    equal(nap?.stats?.runs, 3);
    ok((nap?.value ?? 0) >= 50, `median ${nap?.value} ms`);
    match(outcome.summary, /"broken" the warm-up run exited 7$/);
  } finally {
    await Deno.remove(root, { recursive: true });
    await Deno.remove(temp, { recursive: true });
  }
});

Deno.test("evaluateBindings() skips when nothing is bound", () => {
  deepStrictEqual(evaluateBindings([]), {
    status: "skip",
    summary: "No claim bindings in claimcheck.json",
  });
});
