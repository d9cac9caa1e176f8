import { deepStrictEqual, equal, ok } from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { parseWorkerReport } from "./protocol.ts";
import {
  hostDenoDir,
  workerArgv,
  workerEnv,
  workerRuntime,
  workerVisiblePaths,
} from "./runtime.ts";

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

Deno.test("workerVisiblePaths() are all the worker needs: it runs in bwrap seeing only them", async (t) => {
  const bwrap = await new Deno.Command("bwrap", { args: ["--version"] }).output().catch(() => null);
  if (bwrap === null || !bwrap.success) {
    await t.step({ name: "skipped: no bwrap here", ignore: true, fn: () => {} });
    return;
  }
  const runtime = workerRuntime({ interpreters: {} });
  const snapshot = fileURLToPath(new URL("../../fixtures/onnx", import.meta.url));
  const argv = workerArgv(runtime, snapshot, {
    model: "tiny.onnx",
    inputs: [{ name: "X", dtype: "float32", dims: [1, 4] }],
    batches: [],
    outputs: [],
    policy: { warmups: 1, runs: 3, minMs: 0, maxRuns: 3, budgetMs: 1000 },
  });
  const env = { ...workerEnv(runtime), HOME: "/tmp", PATH: "/usr/bin:/bin" };
  const args = [
    "--unshare-all",
    "--die-with-parent",
    ...["/usr", "/lib", "/lib64", "/bin", "/etc"].flatMap((p) => ["--ro-bind-try", p, p]),
    ...["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"],
    ...[...workerVisiblePaths(runtime), snapshot].flatMap((p) => ["--ro-bind", p, p]),
    ...["--chdir", snapshot, "--clearenv"],
    ...Object.entries(env).flatMap(([k, v]) => ["--setenv", k, v]),
    "--",
    ...argv,
  ];
  const out = await new Deno.Command("bwrap", { args, stdout: "piped", stderr: "piped" }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  equal(out.code, 0, stderr);
  equal(parseWorkerReport(new TextDecoder().decode(out.stdout)).ok, true, stderr);
});
