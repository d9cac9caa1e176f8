import { deepStrictEqual, equal, match } from "node:assert/strict";
import type { DependencyResult } from "../src/check.ts";
import { findShadowing, importPathDirs, shadowCandidates } from "../src/integrity/shadowing.ts";
import type { PythonEnv } from "../src/python/env.ts";
import { detectedContext, withTemp } from "./_integrity_context.ts";
import { depsShadowed } from "./deps_shadowed.ts";
import { fixture, values } from "./_report_helpers.ts";

Deno.test("importPathDirs() lists the root, src/ and the folders pytest inserts for tests", () => {
  deepStrictEqual(
    importPathDirs([
      "src/pkg/__init__.py",
      "tests/test_a.py",
      "tests/unit/__init__.py",
      "tests/unit/test_b.py",
      "pkg2/__init__.py",
      "pkg2/tests/__init__.py",
      "pkg2/tests/test_c.py",
      ".venv/lib/tests/test_x.py",
    ]).map((d) => d.dir),
    ["", "src", "tests"],
  );
});

Deno.test("shadowCandidates() and findShadowing(): stdlib and installed names, own packages kept", () => {
  const files = [
    "yaml.py",
    "numpy/__init__.py",
    "docs/conf.py",
    "src/pkg/__init__.py",
    "src/pkg/logging.py",
    "src/logging.py",
    "tests/test.py",
    "tests/conftest.py",
    "torch/model.py",
  ];
  const candidates = shadowCandidates(files, importPathDirs(files));
  deepStrictEqual(candidates.map((c) => c.path), [
    "numpy/__init__.py",
    "src/logging.py",
    "src/pkg/__init__.py",
    "tests/conftest.py",
    "tests/test.py",
    "yaml.py",
  ]);
  const found = findShadowing(candidates, {
    stdlib: ["logging", "test", "os"],
    distributions: { yaml: ["PyYAML"], numpy: ["numpy"], pkg: ["other-dist"] },
  }, new Set(["pkg"]));
  deepStrictEqual(found.map((s) => `${s.candidate.path}: ${s.hides}`), [
    "numpy/__init__.py: `numpy` of the installed numpy",
    "src/logging.py: the standard library's `logging`",
    "yaml.py: `yaml` of the installed PyYAML",
  ]);
});

/** install.python's result, handing the machine's python3 (which has PyYAML) as the environment. */
function machineEnv(): Record<string, DependencyResult> {
  const env: PythonEnv = {
    python: "python3",
    mode: "existing",
    installed: true,
    buildReady: false,
    tools: { pytest: true, coverage: false, build: false },
    packages: [],
    imports: {},
    importCwd: "/",
  };
  return {
    "install.python": {
      result: {
        id: "install.python",
        category: "deps",
        status: "pass",
        summary: "existing environment",
        durationMs: 0,
        measurements: [],
        evidence: [],
        findings: [],
      },
      data: env,
    },
  };
}

Deno.test("depsShadowed finds fixtures/py_shadowed's yaml.py and tests/logging.py", async () => {
  await withTemp(async (temp) => {
    const ctx = await detectedContext(fixture("py_shadowed"), temp, machineEnv());
    const outcome = await depsShadowed.run(ctx);
    equal(outcome.status, "fail", outcome.summary);
    deepStrictEqual(values(outcome), { "deps.shadowed": 2 });
    deepStrictEqual(outcome.findings, [
      {
        message:
          "tests/logging.py hides the standard library's `logging`: pytest puts it on sys.path for tests/test_shady.py",
        file: "tests/logging.py",
        line: 1,
        subject: "logging",
      },
      {
        message: "yaml.py hides `yaml` of the installed PyYAML: the repository root",
        file: "yaml.py",
        line: 1,
        subject: "yaml",
      },
    ]);
  });
});

Deno.test("depsShadowed without an environment checks the standard library only", async () => {
  await withTemp(async (temp) => {
    const outcome = await depsShadowed.run(await detectedContext(fixture("py_shadowed"), temp));
    equal(outcome.status, "fail");
    deepStrictEqual(outcome.findings?.map((f) => f.file), ["tests/logging.py"]);
    const clean = await depsShadowed.run(await detectedContext(fixture("py_ok"), temp));
    equal(clean.status, "unverified");
    match(clean.summary, /third-party names not checked: install\.python did not run/);
  });
});

Deno.test("depsShadowed passes the clean fixtures", async () => {
  for (const name of ["py_ok", "py_failing", "py_overclaim", "py_setuppy"]) {
    await withTemp(async (temp) => {
      const outcome = await depsShadowed.run(
        await detectedContext(fixture(name), temp, machineEnv()),
      );
      equal(outcome.status, "pass", `${name}: ${outcome.summary}`);
    });
  }
});
