import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import { buildDeno, evaluateDenoCheck } from "./build_deno.ts";
import { fakeEvidence, recorded } from "./_fake_evidence.ts";

const ROOT = "/snapshot/deno_failing";

Deno.test("evaluateDenoCheck() passes a clean run and measures zero errors", () => {
  const outcome = evaluateDenoCheck({
    evidence: fakeEvidence(),
    index: 1,
    stderr: "Check math.ts\n",
    root: ROOT,
    entries: 1,
  });
  strictEqual(outcome.status, "pass");
  deepStrictEqual(outcome.measurements, [
    { metric: "build.errors", value: 0, unit: "count", evidence: 1 },
  ]);
});

Deno.test("evaluateDenoCheck() fails on a type error with its file, line and TS code", async () => {
  const outcome = evaluateDenoCheck({
    evidence: fakeEvidence({ exitCode: 1 }),
    index: 0,
    stderr: await recorded("deno_check_colored.stderr.txt"),
    root: ROOT,
    entries: 1,
  });
  strictEqual(outcome.status, "fail");
  deepStrictEqual(outcome.findings, [{
    message: "TS2322: Type 'string' is not assignable to type 'number'.",
    file: "lib/format.ts",
    line: 3,
  }]);
  match(outcome.summary, /1 error, first at lib\/format\.ts:3: TS2322/);
  strictEqual(outcome.measurements?.[0]?.value, 1);
});

Deno.test("evaluateDenoCheck() counts every error and keeps outside places in the message", async () => {
  const outcome = evaluateDenoCheck({
    evidence: fakeEvidence({ exitCode: 1 }),
    index: 0,
    stderr: await recorded("deno_check_multi.stderr.txt") +
      "TS2339 [ERROR]: Property 'x' does not exist.\n    at https://x.test/mod.ts:2:3\n",
    root: "/snapshot",
    entries: 2,
  });
  strictEqual(outcome.status, "fail");
  strictEqual(outcome.measurements?.[0]?.value, 7);
  deepStrictEqual(outcome.findings?.[6], {
    message: "TS2339: Property 'x' does not exist. (at https://x.test/mod.ts:2:3)",
  });
});

Deno.test("evaluateDenoCheck() says unverified, error or fail when deno did not check", async (t) => {
  const cases = [
    {
      name: "deno missing",
      evidence: fakeEvidence({ exitCode: null, startError: "Cannot find deno on PATH" }),
      stderr: "",
      status: "unverified",
      summary: /Cannot run deno: Cannot find deno/,
    },
    {
      name: "timed out",
      evidence: fakeEvidence({ exitCode: null, signal: "SIGKILL", timedOut: true }),
      stderr: "",
      status: "error",
      summary: /timed out after 120 ms/,
    },
    {
      name: "a module that could not be fetched offline",
      evidence: fakeEvidence({ exitCode: 1 }),
      stderr:
        "error: Import 'https://x.test/a.ts' failed.\n    0: error sending request for url: dns error\n",
      status: "unverified",
      summary: /without network: Import 'https:\/\/x\.test\/a\.ts' failed/,
    },
    {
      name: "a crash without diagnostic",
      evidence: fakeEvidence({ exitCode: 101 }),
      stderr: "thread 'main' panicked\n",
      status: "error",
      summary: /exited 101 without a diagnostic/,
    },
    {
      name: "a syntax error",
      evidence: fakeEvidence({ exitCode: 1 }),
      stderr: await recorded("deno_check_syntax.stderr.txt"),
      status: "fail",
      summary: /first at syn\.ts:1: SyntaxError/,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const outcome = evaluateDenoCheck({
        evidence: c.evidence,
        index: 0,
        stderr: c.stderr,
        root: "/snapshot",
        entries: 1,
      });
      strictEqual(outcome.status, c.status);
      match(outcome.summary, c.summary);
    });
  }
});

Deno.test("buildDeno applies to Deno targets only", () => {
  const facts = { ecosystems: ["deno"] } as Parameters<typeof buildDeno.applies>[0];
  strictEqual(buildDeno.applies(facts), true);
  strictEqual(buildDeno.applies({ ...facts, ecosystems: ["python"] }), false);
});
