import { deepStrictEqual, equal } from "node:assert/strict";
import { join } from "node:path";
import type { CheckResult, DependencyResult } from "../src/check.ts";
import {
  evaluateStarts,
  exampleScripts,
  mainPackages,
  pyprojectScripts,
  setupCfgScripts,
} from "../src/integrity/entrypoints.ts";
import type { PythonEnv } from "../src/python/env.ts";
import { detectedContext, withTemp } from "./_integrity_context.ts";
import { fixture, values } from "./_report_helpers.ts";
import { runEntrypoints } from "./run_entrypoints.ts";

Deno.test("pyprojectScripts() and setupCfgScripts() read console scripts with their lines", () => {
  const toml =
    '[project]\nname = "x"\n[project.scripts]\nx = "x.cli:main"\n[tool.poetry.scripts]\ny = "y:run"\n';
  deepStrictEqual(pyprojectScripts(toml, "pyproject.toml"), [
    { name: "x", target: "x.cli:main", file: "pyproject.toml", line: 4 },
    { name: "y", target: "y:run", file: "pyproject.toml", line: 6 },
  ]);
  const cfg =
    "[metadata]\nname = x\n[options.entry_points]\nconsole_scripts =\n    x-cli = x.cli:main\n[other]\n    no = a:b\n";
  deepStrictEqual(setupCfgScripts(cfg, "setup.cfg"), [
    { name: "x-cli", target: "x.cli:main", file: "setup.cfg", line: 5 },
  ]);
});

Deno.test("mainPackages() and exampleScripts() find what to start", () => {
  const files = [
    "src/a/__main__.py",
    "b/__main__.py",
    "examples/one.py",
    "examples/sub/two.py",
    "demo_app.py",
    "tests/demo_x.py",
  ];
  deepStrictEqual(mainPackages(files, ["a", "b", "c"]), ["a", "b"]);
  deepStrictEqual(exampleScripts(files), ["demo_app.py", "examples/one.py"]);
});

Deno.test("evaluateStarts() counts starts and reports failures with their first error line", () => {
  const outcome = evaluateStarts([
    { kind: "entrypoint", what: "x --help", file: "pyproject.toml", line: 4, evidence: 0 },
    {
      kind: "example",
      what: "python examples/a.py",
      file: "examples/a.py",
      failure: "ImportError: y",
      evidence: 1,
    },
  ]);
  equal(outcome.status, "fail");
  deepStrictEqual(values(outcome), {
    "run.entrypoints.ok": 1,
    "run.entrypoints.failed": 0,
    "run.examples.ok": 0,
    "run.examples.failed": 1,
  });
  deepStrictEqual(outcome.findings, [{
    message: "python examples/a.py fails: ImportError: y",
    file: "examples/a.py",
    line: 1,
    subject: "examples/a.py",
  }]);
  equal(evaluateStarts([]).status, "skip");
});

/** install.python's result with the machine's python3 as the environment, importing from `cwd`. */
function env(python: string, importCwd: string): Record<string, DependencyResult> {
  const data: PythonEnv = {
    python,
    mode: "existing",
    installed: true,
    buildReady: false,
    tools: { pytest: true, coverage: false, build: false },
    packages: ["entr"],
    imports: { entr: null },
    importCwd,
  };
  const result: CheckResult = {
    id: "install.python",
    category: "deps",
    status: "pass",
    summary: "existing",
    durationMs: 0,
    measurements: [],
    evidence: [],
    findings: [],
  };
  return { "install.python": { result, data } };
}

Deno.test("runEntrypoints starts fixtures/py_entry's scripts, python -m and examples", async () => {
  await withTemp(async (temp) => {
    const root = fixture("py_entry");
    const probe = await detectedContext(root, temp);
    const python = probe.facts.interpreters.python?.path ?? "python3";
    const ctx = await detectedContext(root, temp, env(python, join(root, "src")));
    const outcome = await runEntrypoints.run(ctx);
    equal(outcome.status, "fail", outcome.summary);
    deepStrictEqual(values(outcome), {
      "run.entrypoints.ok": 1,
      "run.entrypoints.failed": 2,
      "run.examples.ok": 1,
      "run.examples.failed": 1,
    });
    deepStrictEqual(outcome.findings?.map((f) => `${f.file}:${f.line} ${f.message}`), [
      "pyproject.toml:13 entr-report --help fails: AttributeError: module 'entr.cli' has no attribute 'report'",
      "src/entr/__main__.py:1 python -m entr --help fails: ModuleNotFoundError: No module named 'entr.dashboard'",
      "examples/demo.py:1 python examples/demo.py fails: ModuleNotFoundError: No module named 'torch_gpu_kernels'",
    ]);
  });
});

Deno.test("runEntrypoints without an environment is unverified, not failed", async () => {
  await withTemp(async (temp) => {
    const outcome = await runEntrypoints.run(await detectedContext(fixture("py_entry"), temp));
    equal(outcome.status, "unverified");
  });
});

Deno.test("runEntrypoints in a partial environment: failures are findings, the status unverified", async () => {
  await withTemp(async (temp) => {
    const root = fixture("py_entry");
    const probe = await detectedContext(root, temp);
    const python = probe.facts.interpreters.python?.path ?? "python3";
    const deps = env(python, join(root, "src"));
    const install = deps["install.python"] as DependencyResult;
    (install.data as PythonEnv).leftOut = [
      { requirement: "torch-gpu-kernels", layer: "core", reason: "not on the configured index" },
    ];
    const outcome = await runEntrypoints.run(await detectedContext(root, temp, deps));
    equal(outcome.status, "unverified");
    equal(outcome.findings?.length, 3);
    equal(outcome.summary.endsWith("(partial environment: torch-gpu-kernels left out)"), true);
  });
});

Deno.test("runEntrypoints starts Dockerfile commands, package.json bins and the README's commands", async (t) => {
  const cases: Array<[string, Record<string, number>, string[]]> = [
    ["py_launch", {
      "run.entrypoints.ok": 1,
      "run.entrypoints.failed": 1,
      "run.examples.ok": 1,
      "run.examples.failed": 1,
    }, [
      "Dockerfile:9 python -m launch.server --port 8000 fails: ModuleNotFoundError: No module named 'fastserve_missing'",
      "README.md:9 python examples/tour.py fails: examples/tour.py does not exist",
    ]],
    ["node_entry", {
      "run.entrypoints.ok": 2,
      "run.entrypoints.failed": 2,
      "run.examples.ok": 0,
      "run.examples.failed": 1,
    }, [
      "Dockerfile:4 node /srv/app/server.js fails: Error [ERR_MODULE_NOT_FOUND]: Cannot find module",
      "package.json:7 farewell --help fails: bin/farewell.js does not exist",
      "README.md:7 node examples/demo.js fails: Error [ERR_MODULE_NOT_FOUND]: Cannot find module",
    ]],
    ["node_entry_ok", {
      "run.entrypoints.ok": 3,
      "run.entrypoints.failed": 0,
      "run.examples.ok": 0,
      "run.examples.failed": 0,
    }, []],
  ];
  for (const [name, counts, findings] of cases) {
    await t.step(name, () =>
      withTemp(async (temp) => {
        const root = fixture(name);
        const probe = await detectedContext(root, temp);
        const python = probe.facts.interpreters.python?.path ?? "python3";
        const ctx = await detectedContext(root, temp, env(python, root));
        const outcome = await runEntrypoints.run(ctx);
        equal(outcome.status, findings.length > 0 ? "fail" : "pass", outcome.summary);
        deepStrictEqual(values(outcome), counts);
        const rows = outcome.findings?.map((f) => `${f.file}:${f.line} ${f.message}`) ?? [];
        equal(rows.length, findings.length, rows.join("\n"));
        findings.forEach((prefix, i) => equal(rows[i]?.startsWith(prefix), true, rows.join("\n")));
      }));
  }
});
