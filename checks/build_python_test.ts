import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import { fakeContext, fakePythonEnv, type FakeRun } from "../src/python/_fake_context.ts";
import type { PythonEnv } from "../src/python/env.ts";
import { buildPython } from "./build_python.ts";

const ENV = fakePythonEnv({ installed: false, packages: ["pkg"] });

function buildContext(run: FakeRun, env: Partial<PythonEnv> = {}) {
  return fakeContext({
    dependencies: { "install.python": { data: { ...ENV, ...env } } },
    handler: (argv) => {
      const i = argv.includes("--outdir") ? argv.indexOf("--outdir") : argv.indexOf("-w");
      const out = argv[i + 1] as string;
      return {
        ...run,
        write: run.exitCode === 0 ? { [join(out, "pkg-1.0-py3-none-any.whl")]: "12345" } : {},
      };
    },
  });
}

Deno.test("build.python builds a wheel offline and measures it, even when dependencies did not install", async () => {
  await using f = await buildContext({ exitCode: 0 });
  const outcome = await buildPython.run(f.ctx);
  deepStrictEqual(f.calls[0]?.argv.slice(0, 5), [
    "/venv/bin/python",
    "-m",
    "build",
    "--wheel",
    "--no-isolation",
  ]);
  strictEqual(f.calls[0]?.options.network, undefined);
  strictEqual(outcome.status, "pass");
  deepStrictEqual(outcome.measurements?.map((m) => [m.metric, m.value, m.unit]), [[
    "build.artifactBytes",
    5,
    "bytes",
  ]]);
  match(
    outcome.findings?.[0]?.message ?? "",
    /pkg-1\.0-py3-none-any\.whl: 5 bytes, sha256 5994471abb01112a/,
  );
});

Deno.test("build.python falls back to pip wheel and fails with the build's last line", async () => {
  await using f = await buildContext(
    { exitCode: 1, stderr: "error: invalid command 'bdist_wheel'\n" },
    { tools: { pytest: true, coverage: true, build: false } },
  );
  const outcome = await buildPython.run(f.ctx);
  deepStrictEqual(f.calls[0]?.argv.slice(1, 6), [
    "-m",
    "pip",
    "wheel",
    "--no-deps",
    "--no-build-isolation",
  ]);
  strictEqual(outcome.status, "fail");
  match(outcome.summary, /pip wheel failed \(exit 1\): error: invalid command 'bdist_wheel'/);
});

Deno.test("build.python is unverified without a build backend", async () => {
  await using f = await buildContext({ exitCode: 0 }, { buildReady: false });
  strictEqual((await buildPython.run(f.ctx)).status, "unverified");
  strictEqual(f.calls.length, 0);
});
