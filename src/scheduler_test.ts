import { deepStrictEqual, match, strictEqual, throws } from "node:assert/strict";
import type { Check } from "./check.ts";
import { DEFAULT_CONFIG } from "./config.ts";
import type { Exec } from "./exec/types.ts";
import type { Facts } from "./facts.ts";
import { NO_ISOLATION } from "./exec/executor.ts";
import { runChecks, selectChecks } from "./scheduler.ts";
import { fakeEvidence } from "../checks/_fake_evidence.ts";

const facts: Facts = {
  root: "/nowhere",
  files: [],
  ecosystems: ["deno"],
  manifests: [],
  testRunners: [],
  docs: [],
  models: [],
  interpreters: {},
  pythons: [],
};

const noExec: Exec = () => Promise.reject(new Error("no exec in this test"));

function check(id: string, run: Check["run"], extra: Partial<Check> = {}): Check {
  return { id, category: "tests", applies: () => true, run, ...extra };
}

const shared = (exec: Exec = noExec) => ({
  facts,
  config: DEFAULT_CONFIG,
  options: { timeoutMs: 1000, cacheDir: "/tmp" },
  exec,
  tempDir: () => Deno.makeTempDir(),
});

Deno.test("runChecks() runs dependants after what they need and hands them its data", async () => {
  const order: string[] = [];
  const a = check("a", async () => {
    await new Promise((r) => setTimeout(r, 20));
    order.push("a");
    return { status: "pass", summary: "a", data: 41 };
  });
  const b = check("b", (ctx) => {
    order.push("b");
    const data = ctx.dependency("a")?.data as number;
    return Promise.resolve({ status: "pass", summary: `got ${data + 1}` });
  }, { needs: ["a"] });
  const results = await runChecks([b, a], shared());
  deepStrictEqual(order, ["a", "b"]);
  deepStrictEqual(results.map((r) => [r.id, r.summary]), [["b", "got 42"], ["a", "a"]]);
});

Deno.test("runChecks() turns a throwing check into error and goes on; skips what does not apply", async () => {
  const results = await runChecks([
    check("boom", () => Promise.reject(new Error("kaput"))),
    check("fine", () => Promise.resolve({ status: "pass", summary: "ok" })),
    check("other", () => Promise.resolve({ status: "pass", summary: "x" }), {
      applies: () => false,
    }),
  ], shared());
  strictEqual(results[0]?.status, "error");
  match(results[0]?.summary ?? "", /kaput/);
  strictEqual(results[1]?.status, "pass");
  strictEqual(results[2]?.status, "skip");
});

Deno.test("runChecks() records every exec of a check as its evidence, in order", async () => {
  const exec: Exec = (argv) =>
    Promise.resolve({ evidence: fakeEvidence({ argv }), stdoutPath: "", stderrPath: "" });
  const results = await runChecks([
    check("two", async (ctx) => {
      const first = await ctx.exec(["one"]);
      const second = await ctx.exec(["two"]);
      return { status: "pass", summary: `${first.index},${second.index}` };
    }),
  ], shared(exec));
  deepStrictEqual(results[0]?.evidence.map((e) => e.argv[0]), ["one", "two"]);
  strictEqual(results[0]?.summary, "0,1");
});

Deno.test("runChecks() never runs more checks at once than its concurrency", async () => {
  let active = 0;
  let peak = 0;
  const slow = (id: string) =>
    check(id, async () => {
      peak = Math.max(peak, ++active);
      await new Promise((r) => setTimeout(r, 10));
      active--;
      return { status: "pass", summary: "" };
    });
  await runChecks(["a", "b", "c", "d", "e"].map(slow), { ...shared(), concurrency: 2 });
  strictEqual(peak, 2);
});

Deno.test("selectChecks() adds what the chosen checks need and refuses unknown ids", () => {
  const all = [
    check("tests.deno", () => Promise.resolve({ status: "pass", summary: "" })),
    check("coverage.deno", () => Promise.resolve({ status: "pass", summary: "" }), {
      needs: ["tests.deno"],
    }),
    check("build.deno", () => Promise.resolve({ status: "pass", summary: "" })),
  ];
  deepStrictEqual(selectChecks(all, ["coverage.deno"]).map((c) => c.id), [
    "tests.deno",
    "coverage.deno",
  ]);
  deepStrictEqual(selectChecks(all, ["build"]).map((c) => c.id), ["build.deno"]);
  throws(() => selectChecks(all, ["nope"]), /Cannot select check nope: no such check/);
});

Deno.test("runChecks() makes a check whose commands the executor refused for want of a sandbox unverified", async () => {
  const refused: Exec = (argv) =>
    Promise.resolve({
      evidence: fakeEvidence({ argv, exitCode: null, startError: NO_ISOLATION }),
      stdoutPath: "/dev/null",
      stderrPath: "/dev/null",
    });
  const results = await runChecks([
    check("t", async (ctx) => {
      const r = await ctx.exec(["pytest"]);
      return { status: "error", summary: `pytest could not start: ${r.evidence.startError}` };
    }),
  ], shared(refused));
  strictEqual(results[0]?.status, "unverified");
  match(results[0]?.summary ?? "", /^Target code was not run: no isolation available/);
});

Deno.test("runChecks() after its signal aborts: starts no check, leaves out the one it cut short", async () => {
  const stop = new AbortController();
  const a = check("a", () => Promise.resolve({ status: "pass", summary: "a ran" }));
  const b = check("b", () => {
    stop.abort();
    return Promise.resolve({ status: "fail", summary: "b's probe was killed" });
  });
  const c = check("c", () => Promise.resolve({ status: "pass", summary: "c ran" }));
  const finished: string[] = [];
  const results = await runChecks([a, b, c], {
    ...shared(),
    concurrency: 1,
    signal: stop.signal,
    onProgress: (e) => e.kind === "finish" && finished.push(e.result.id),
  });
  deepStrictEqual(results.map((r) => r.id), ["a"]);
  deepStrictEqual(finished, ["a"]);
});
