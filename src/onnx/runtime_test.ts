import { deepStrictEqual, equal, ok } from "node:assert/strict";
import { hostDenoDir, workerArgv, workerRuntime, workerVisiblePaths } from "./runtime.ts";

Deno.test("hostDenoDir() follows DENO_DIR, then deno's default cache folders", async (t) => {
  const rows: Array<[Record<string, string>, string, string]> = [
    [{ DENO_DIR: "/cache/deno", HOME: "/home/a" }, "linux", "/cache/deno"],
    [{ XDG_CACHE_HOME: "/xdg", HOME: "/home/a" }, "linux", "/xdg/deno"],
    [{ HOME: "/home/a" }, "linux", "/home/a/.cache/deno"],
    [{ HOME: "/Users/a" }, "darwin", "/Users/a/Library/Caches/deno"],
  ];
  for (const [env, os, dir] of rows) {
    await t.step(dir, () => equal(hostDenoDir((n) => env[n], os), dir));
  }
});

Deno.test("workerArgv() grants the worker read access to the snapshot and FFI only", () => {
  const runtime = workerRuntime({ interpreters: { deno: { path: "/bin/deno", version: "2" } } });
  const request = {
    model: "m.onnx",
    inputs: [],
    batches: [],
    outputs: [],
    policy: { warmups: 1, runs: 1, minMs: 0, maxRuns: 1, budgetMs: 1 },
  };
  const argv = workerArgv(runtime, "/snap", request);
  deepStrictEqual(argv.filter((a) => a.startsWith("--allow")), [
    "--allow-read=/snap,/proc/self/status",
    "--allow-ffi",
  ]);
  equal(argv[0], "/bin/deno");
  ok(argv.includes("--cached-only"));
  deepStrictEqual(JSON.parse(argv.at(-1) ?? ""), request);
  const visible = workerVisiblePaths(runtime);
  ok(visible.some((p) => runtime.script.startsWith(p)));
  ok(visible.includes(runtime.denoDir));
});
