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

type Step = "venv" | "tools" | "backend" | "target" | "extra" | "deps" | "probe";

function step(argv: readonly string[]): Step {
  if (argv.includes("venv")) return "venv";
  if (argv.includes("-c")) return "probe";
  if (argv.includes("--no-build-isolation")) return "target";
  if (argv.includes("coverage")) return "tools";
  if (argv.includes("pytest")) return "extra";
  return argv.includes("setuptools>=61") ? "backend" : "deps";
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

Deno.test("install.python installs into a fresh venv with the index's network and the cache writable, then imports offline", async () => {
  await using f = await installContext({});
  const outcome = await installPython.run(f.ctx);
  deepStrictEqual(f.calls.map((c) => step(c.argv)), [
    "venv",
    "tools",
    "backend",
    "target",
    "extra",
    "probe",
  ]);
  const [venv, tools, backend, target, extra, probe] = f.calls;
  deepStrictEqual(venv?.argv.slice(0, 3), ["/usr/bin/python3", "-m", "venv"]);
  strictEqual(venv?.options.network, undefined);
  for (const pip of [tools, backend, target, extra]) {
    strictEqual(pip?.options.network, "pip");
    const key: string | undefined = /python-envs\/(\w+)\/venv/.exec(venv?.argv[3] ?? "")?.[1];
    ok(key !== undefined, venv?.argv[3]);
    deepStrictEqual(pip?.options.writeCache?.map((d) => d.split("/").slice(-2).join("/")), [
      `python-envs/${key}`,
      `pip/${key}`,
    ]);
    ok(pip?.options.passEnv?.includes("PIP_INDEX_URL"));
    match(pip?.options.env?.PIP_CACHE_DIR ?? "", new RegExp(`cache/pip/${key}$`));
  }
  deepStrictEqual(backend?.argv.slice(-1), ["setuptools>=61"]);
  strictEqual(target?.argv.at(-1), f.ctx.facts.root);
  deepStrictEqual(extra?.argv.slice(-1), ["pytest"]);
  strictEqual(target?.options.env?.SETUPTOOLS_SCM_PRETEND_VERSION, "0.0.0");
  strictEqual(probe?.options.network, undefined);
  strictEqual(probe?.argv.at(-1), "pkg");
  strictEqual(outcome.status, "pass");
  match(outcome.summary, /fresh virtual environment with Python 3\.11\.7 .*; pkg imports/);
  const env = outcome.data as PythonEnv;
  strictEqual(env.installed, true);
  match(env.python, /cache\/python-envs\/[0-9a-f]{24}\/venv\/bin\/python$/);
  deepStrictEqual(env.packages, ["pkg"]);
  deepStrictEqual([env.fromSource, env.leftOut, env.interpreter?.version], [false, [], "3.11.7"]);
});

Deno.test("install.python leaves out a core dependency the index lacks: unverified, the tests still run", async () => {
  const missing = {
    exitCode: 1,
    stderr:
      "ERROR: Could not find a version that satisfies the requirement nonexistent-pkg==1.0 (from versions: none)\nERROR: No matching distribution found for nonexistent-pkg==1.0\n",
  };
  await using f = await installContext({});
  const handler = f.ctx.exec;
  f.ctx.exec = (argv, options) =>
    step(argv) === "target" && !argv.includes("--no-deps")
      ? handler(["/bin/false", "target", "--no-build-isolation"], options).then(async (r) => {
        await Deno.writeTextFile(r.stderrPath, missing.stderr);
        return { ...r, evidence: { ...r.evidence, exitCode: 1 } };
      })
      : handler(argv, options);
  const outcome = await installPython.run(f.ctx);
  strictEqual(outcome.status, "unverified");
  match(
    outcome.summary,
    /partial environment, core dependencies missing: left out: nonexistent-pkg==1\.0/,
  );
  const env = outcome.data as PythonEnv;
  strictEqual(env.installed, true);
  deepStrictEqual(env.leftOut?.map((l) => l.layer), [
    "core dependencies (the project's dependencies)",
  ]);
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
  await using none = await fakeContext({
    facts: { interpreters: {}, pythons: [] },
    handler: () => ({}),
  });
  strictEqual((await installPython.run(none.ctx)).status, "unverified");
  strictEqual(none.calls.length, 0);
  await using venv = await installContext({
    venv: { exitCode: 1, stderr: "Error: ensurepip is not available\n" },
  });
  const outcome = await installPython.run(venv.ctx);
  strictEqual(outcome.status, "error");
  match(outcome.summary, /ensurepip is not available/);
});

Deno.test("install.python runs from the source tree when the backend is not on the index and the build fails", async () => {
  await using f = await installContext({
    backend: {
      exitCode: 1,
      stderr: "ERROR: No matching distribution found for setuptools>=61\n",
    },
    target: {
      exitCode: 1,
      stderr:
        "pyproject_hooks._impl.BackendUnavailable: Cannot import 'setuptools.build_meta'\nerror: subprocess-exited-with-error\n",
    },
  });
  const outcome = await installPython.run(f.ctx);
  const env = outcome.data as PythonEnv;
  strictEqual(env.fromSource, true);
  strictEqual(env.installed, true);
  deepStrictEqual(env.sourcePath, [join(f.ctx.facts.root, "src"), f.ctx.facts.root]);
  strictEqual(outcome.status, "warn", outcome.summary);
  match(outcome.summary, /partial environment: .*its tests run from the source tree/);
  ok(
    outcome.findings?.some((x) =>
      /left out: setuptools>=61, wanted by build backend/.test(x.message)
    ),
  );
  // from the source tree, the core dependency is listed directly
  ok(
    f.calls.some((c) =>
      c.argv.at(-1) === "nonexistent-pkg==1.0" && !c.argv.includes(f.ctx.facts.root)
    ),
  );
});

Deno.test("install.python is unverified when no interpreter satisfies requires-python, naming both", async () => {
  await using f = await fakeContext({
    facts: {
      files: ["pyproject.toml"],
      manifests: [{ kind: "pyproject", path: "pyproject.toml" }],
      pythons: [{ path: "/py311", version: "3.11.7" }, { path: "/py310", version: "3.10.13" }],
    },
    handler: () => ({}),
  });
  await Deno.writeTextFile(
    join(f.ctx.facts.root, "pyproject.toml"),
    '[project]\nname = "pkg"\nrequires-python = ">=3.12"\n',
  );
  const outcome = await installPython.run(f.ctx);
  strictEqual(outcome.status, "unverified");
  match(
    outcome.summary,
    /No interpreter satisfies requires-python >=3\.12: found 3\.11\.7, 3\.10\.13/,
  );
  strictEqual(f.calls.length, 0);
});

Deno.test("install.python retries an optional layer one requirement at a time when pip names nothing", async () => {
  await using f = await installContext({});
  const handler = f.ctx.exec;
  f.ctx.exec = async (argv, options) => {
    const r = await handler(argv, options);
    if (!argv.includes("clashing-plugin")) return r;
    await Deno.writeTextFile(
      r.stderrPath,
      "ERROR: ResolutionImpossible: conflicting dependencies\n",
    );
    return { ...r, evidence: { ...r.evidence, exitCode: 1 } };
  };
  await Deno.writeTextFile(
    join(f.ctx.facts.root, "pyproject.toml"),
    PYPROJECT.replace('test = ["pytest"]', 'test = ["pytest", "clashing-plugin"]'),
  );
  const outcome = await installPython.run(f.ctx);
  strictEqual(outcome.status, "warn", outcome.summary);
  const env = outcome.data as PythonEnv;
  deepStrictEqual(env.leftOut?.map((l) => l.requirement), ["clashing-plugin"]);
  match(env.leftOut?.[0]?.reason ?? "", /could not be installed: conflicting dependencies/);
  ok(f.calls.some((c) => c.argv.at(-1) === "pytest" && c.argv.at(-2) === "install"));
});

Deno.test("install.python falls back to the machine's python3 when claimcheck's tools cannot be installed", async () => {
  const failing: string[] = [];
  await using f = await fakeContext({
    facts: {
      files: ["pyproject.toml", ".github/workflows/ci.yml", "src/pkg/__init__.py"],
      manifests: [{ kind: "pyproject", path: "pyproject.toml" }],
      pythons: [
        { path: "/py310", version: "3.10.13" },
        { path: "/usr/bin/python3", version: "3.11.7" },
      ],
    },
    handler: (argv) => {
      if (argv[0] === "/py310" && argv.includes("venv")) failing.push(argv.at(-1) as string);
      if (argv.includes("coverage") && failing.some((v) => argv[0]?.startsWith(v))) {
        return { exitCode: 1, stderr: "ERROR: No matching distribution found for coverage\n" };
      }
      return { stdout: probeOutput({ pkg: null }) };
    },
  });
  await Deno.writeTextFile(join(f.ctx.facts.root, "pyproject.toml"), '[project]\nname = "pkg"\n');
  await Deno.mkdir(join(f.ctx.facts.root, ".github/workflows"), { recursive: true });
  await Deno.writeTextFile(
    join(f.ctx.facts.root, ".github/workflows/ci.yml"),
    'on: push\njobs:\n  test:\n    strategy:\n      matrix:\n        python-version: ["3.10"]\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n',
  );
  const outcome = await installPython.run(f.ctx);
  const env = outcome.data as PythonEnv;
  strictEqual(env.interpreter?.path, "/usr/bin/python3");
  match(
    env.interpreter?.why ?? "",
    /tools cannot be installed with 3\.10\.13 here \(coverage: not on the configured index\)/,
  );
  strictEqual(outcome.status, "pass", outcome.summary);
});

Deno.test("install.python goes one requirement at a time once the retries of a layer run out", async () => {
  const missing = Array.from({ length: 10 }, (_, i) => `gone-${i}`);
  await using f = await installContext({});
  const handler = f.ctx.exec;
  f.ctx.exec = async (argv, options) => {
    const r = await handler(argv, options);
    const gone = missing.find((m) => argv.includes(m));
    if (!gone) return r;
    await Deno.writeTextFile(r.stderrPath, `ERROR: No matching distribution found for ${gone}\n`);
    return { ...r, evidence: { ...r.evidence, exitCode: 1 } };
  };
  await Deno.writeTextFile(
    join(f.ctx.facts.root, "pyproject.toml"),
    PYPROJECT.replace('test = ["pytest"]', `test = ["pytest", ${missing.map((m) => `"${m}"`)}]`),
  );
  const outcome = await installPython.run(f.ctx);
  const env = outcome.data as PythonEnv;
  deepStrictEqual(env.leftOut?.map((l) => l.requirement).sort(), missing);
  ok(env.leftOut?.every((l) => l.reason === "not on the configured index"));
  ok(f.calls.some((c) => c.argv.at(-1) === "pytest" && c.argv.at(-2) === "install"));
});

Deno.test("install.python installs the core one dependency at a time when pip names an untraceable miss", async () => {
  await using f = await installContext({});
  const handler = f.ctx.exec;
  const root = f.ctx.facts.root;
  f.ctx.exec = async (argv, options) => {
    const r = await handler(argv, options);
    const withDeps = argv.includes(root) && !argv.includes("--no-deps");
    if (!withDeps && !argv.includes("nonexistent-pkg==1.0")) return r;
    await Deno.writeTextFile(r.stderrPath, "ERROR: No matching distribution found for deep-dep\n");
    return { ...r, evidence: { ...r.evidence, exitCode: 1 } };
  };
  const outcome = await installPython.run(f.ctx);
  strictEqual(outcome.status, "unverified", outcome.summary);
  const env = outcome.data as PythonEnv;
  strictEqual(env.installed, true);
  deepStrictEqual(env.leftOut?.map((l) => [l.requirement, l.reason]), [[
    "nonexistent-pkg==1.0",
    "the layer could not be installed: needs deep-dep",
  ]]);
  ok(f.calls.some((c) => c.argv.includes("--no-deps") && c.argv.at(-1) === root));
});
