import { deepStrictEqual } from "node:assert/strict";
import { collectDeclared } from "./declared.ts";
import { parsePyproject } from "./pyproject.ts";

Deno.test("collectDeclared() merges manifests into runtime, optional and dev roles", () => {
  const pyproject = parsePyproject(
    `[project]\nname = "x"\ndependencies = ["requests"]\n[project.optional-dependencies]\ntest = ["pytest"]\ncli = ["click"]\n`,
    "pyproject.toml",
  );
  const declared = collectDeclared({
    pyproject,
    setupPy: {
      readable: true,
      installRequires: ["tenacity>=8"],
      extrasRequire: { docs: ["sphinx"] },
      testsRequire: ["mock"],
    },
    requirements: [
      {
        path: "requirements.txt",
        dev: false,
        requirements: [{ name: "numpy", raw: "numpy", source: "requirements.txt" }],
      },
      {
        path: "requirements-dev.txt",
        dev: true,
        requirements: [{ name: "ruff", raw: "ruff", source: "requirements-dev.txt" }],
      },
    ],
  });
  const names = (rs: { name: string }[]) => rs.map((r) => r.name);
  deepStrictEqual(names(declared.runtime), ["requests", "tenacity", "numpy"]);
  deepStrictEqual(names(declared.optional), ["click"]);
  deepStrictEqual(names(declared.dev), ["pytest", "sphinx", "mock", "ruff"]);
});

Deno.test("collectDeclared() ignores an unreadable setup.py", () => {
  deepStrictEqual(
    collectDeclared({
      setupPy: { readable: false, installRequires: [], extrasRequire: {}, testsRequire: [] },
    }),
    { runtime: [], optional: [], dev: [] },
  );
});
