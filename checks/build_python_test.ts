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

Deno.test("build.python builds a wheel with isolation through the index and measures it", async () => {
  await using f = await buildContext({ exitCode: 0 });
  const outcome = await buildPython.run(f.ctx);
  deepStrictEqual(f.calls[0]?.argv.slice(0, 4), ["/venv/bin/python", "-m", "build", "--wheel"]);
  strictEqual(f.calls[0]?.argv.includes("--no-isolation"), false);
  strictEqual(f.calls[0]?.options.network, "pip");
  strictEqual(f.calls[0]?.options.env?.SETUPTOOLS_SCM_PRETEND_VERSION, "0.0.0");
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

Deno.test("build.python falls back to --no-isolation when the index lacks the backend", async () => {
  let first = true;
  await using f = await fakeContext({
    dependencies: { "install.python": { data: ENV } },
    handler: (argv) => {
      const out = argv[argv.indexOf("--outdir") + 1] as string;
      if (first) {
        first = false;
        return { exitCode: 1, stderr: "< ERROR: No matching distribution found for pdm-backend\n" };
      }
      return { exitCode: 0, write: { [join(out, "pkg-1.0-py3-none-any.whl")]: "12345" } };
    },
  });
  const outcome = await buildPython.run(f.ctx);
  strictEqual(f.calls[1]?.argv.includes("--no-isolation"), true);
  strictEqual(f.calls[1]?.options.network, undefined);
  strictEqual(outcome.status, "pass");
  match(
    outcome.summary,
    /--no-isolation .*isolated build could not run: the configured index lacks pdm-backend/,
  );
});

Deno.test("build.python: the harness's faults are unverified, the project's a fail with the real error", async () => {
  await using harness = await buildContext({
    exitCode: 1,
    stderr: "< ERROR: No matching distribution found for pdm-backend\n",
  });
  const unverified = await buildPython.run(harness.ctx);
  strictEqual(harness.calls.length, 2);
  strictEqual(unverified.status, "unverified");
  match(unverified.summary, /Cannot build here: the configured index lacks pdm-backend/);

  await using project = await buildContext({
    exitCode: 1,
    stderr:
      "  RuntimeError: boom\nerror: subprocess-exited-with-error\nnote: See above for output.\n",
  });
  const failed = await buildPython.run(project.ctx);
  strictEqual(project.calls.length, 1);
  strictEqual(failed.status, "fail");
  match(failed.summary, /python -m build failed \(exit 1\): RuntimeError: boom$/);
});

Deno.test("build.python without the build tool uses pip wheel; no wheel there is unverified", async () => {
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
  strictEqual(outcome.status, "unverified");
  match(outcome.summary, /`wheel` is not installed where the build ran/);
});
