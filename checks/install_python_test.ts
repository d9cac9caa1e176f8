import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import { fakeContext, type FakeRun } from "../src/python/_fake_context.ts";
import { PROBE_MARKER, type PythonEnv } from "../src/python/env.ts";
import { installPython } from "./install_python.ts";

const PYPROJECT = `[build-system]
requires = ["setuptools>=61"]
[project]
name = "pkg"
dependencies = ["nonexistent-pkg==1.0"]
[project.optional-dependencies]
test = ["pytest"]
`;

type Step = "venv" | "tools" | "backend" | "target" | "probe";

function step(argv: readonly string[]): Step {
  if (argv.includes("venv")) return "venv";
  if (argv.includes("-c")) return "probe";
  if (argv.includes("--no-build-isolation")) return "target";
  return argv.includes("coverage") ? "tools" : "backend";
}

function probeOutput(imports: Record<string, string | null>): string {
  const tools = { pytest: true, coverage: true, build: true };
  return `${PROBE_MARKER}\n${JSON.stringify({ tools, imports })}\n`;
}

async function installContext(
  runs: Partial<Record<Step, FakeRun>>,
  options: { python?: string } = {},
) {
  const f = await fakeContext({
    facts: {
      files: ["pyproject.toml", "src/pkg/__init__.py", "tests/test_pkg.py"],
      manifests: [{ kind: "pyproject", path: "pyproject.toml" }],
    },
    options,
    handler: (argv) => runs[step(argv)] ?? { stdout: probeOutput({ pkg: null }) },
  });
  await Deno.writeTextFile(join(f.ctx.facts.root, "pyproject.toml"), PYPROJECT);
  return f;
}

Deno.test("install.python installs into a fresh venv with the network, then imports offline", async () => {
  await using f = await installContext({});
  const outcome = await installPython.run(f.ctx);
  deepStrictEqual(f.calls.map((c) => step(c.argv)), [
    "venv",
    "tools",
    "backend",
    "target",
    "probe",
  ]);
  const [venv, tools, backend, target, probe] = f.calls;
  deepStrictEqual(venv?.argv.slice(0, 3), ["/usr/bin/python3", "-m", "venv"]);
  strictEqual(venv?.options.network, undefined);
  for (const pip of [tools, backend, target]) {
    strictEqual(pip?.options.network, true);
    ok(pip?.options.passEnv?.includes("PIP_INDEX_URL"));
    match(pip?.options.env?.PIP_CACHE_DIR ?? "", /cache\/pip$/);
  }
  deepStrictEqual(backend?.argv.slice(-1), ["setuptools>=61"]);
  strictEqual(target?.argv.at(-1), `${f.ctx.facts.root}[test]`);
  strictEqual(probe?.options.network, undefined);
  strictEqual(probe?.argv.at(-1), "pkg");
  strictEqual(outcome.status, "pass");
  match(outcome.summary, /fresh virtual environment; pkg imports/);
  const env = outcome.data as PythonEnv;
  strictEqual(env.installed, true);
  match(env.python, /venv\/bin\/python$/);
  deepStrictEqual(env.packages, ["pkg"]);
});

Deno.test("install.python is unverified, naming it, when a dependency is not on the index", async () => {
  await using f = await installContext({
    target: {
      exitCode: 1,
      stderr:
        "ERROR: Could not find a version that satisfies the requirement nonexistent-pkg==1.0 (from versions: none)\nERROR: No matching distribution found for nonexistent-pkg==1.0\n",
    },
  });
  const outcome = await installPython.run(f.ctx);
  strictEqual(outcome.status, "unverified");
  match(outcome.summary, /not on the configured package index: nonexistent-pkg/);
  strictEqual((outcome.data as PythonEnv).installed, false);
});

Deno.test("install.python fails on a build failure or a package that does not import", async () => {
  await using build = await installContext({
    target: {
      exitCode: 1,
      stderr: "      RuntimeError: boom\nerror: metadata-generation-failed\n",
    },
  });
  const broken = await installPython.run(build.ctx);
  strictEqual(broken.status, "fail");
  match(broken.summary, /the build failed: RuntimeError: boom/);

  await using imports = await installContext({
    probe: { stdout: probeOutput({ pkg: "ModuleNotFoundError: No module named 'tenacity'" }) },
  });
  const outcome = await installPython.run(imports.ctx);
  strictEqual(outcome.status, "fail");
  match(outcome.summary, /pkg: ModuleNotFoundError: No module named 'tenacity'/);
  strictEqual((outcome.data as PythonEnv).installed, true);
});

Deno.test("install.python with --python audits that environment without installing", async () => {
  await using f = await installContext({}, { python: "/opt/env/bin/python" });
  const outcome = await installPython.run(f.ctx);
  deepStrictEqual(f.calls.map((c) => step(c.argv)), ["probe"]);
  strictEqual(f.calls[0]?.argv[0], "/opt/env/bin/python");
  strictEqual(outcome.status, "pass");
  match(outcome.summary, /existing environment of \/opt\/env\/bin\/python \(nothing installed\)/);
  strictEqual((outcome.data as PythonEnv).mode, "existing");
});

Deno.test("install.python is unverified without an interpreter, and an error when the venv fails", async () => {
  await using none = await fakeContext({ facts: { interpreters: {} }, handler: () => ({}) });
  strictEqual((await installPython.run(none.ctx)).status, "unverified");
  strictEqual(none.calls.length, 0);
  await using venv = await installContext({
    venv: { exitCode: 1, stderr: "Error: ensurepip is not available\n" },
  });
  const outcome = await installPython.run(venv.ctx);
  strictEqual(outcome.status, "error");
  match(outcome.summary, /ensurepip is not available/);
});
