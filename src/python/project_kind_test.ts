import { deepStrictEqual } from "node:assert/strict";
import { projectKind } from "./project_kind.ts";

Deno.test("projectKind() tells packages from applications and reads requires-python", async (t) => {
  const cases: Array<[string, Parameters<typeof projectKind>[0], boolean, string | undefined]> = [
    [
      "PEP 621 name",
      { pyproject: '[project]\nname = "a"\nrequires-python = ">=3.12"\n', setupPy: false },
      true,
      ">=3.12",
    ],
    ["setup.py only", { setupPy: true }, true, undefined],
    [
      "tool config only",
      { pyproject: "[tool.pytest.ini_options]\n", setupPy: false },
      false,
      undefined,
    ],
    [
      "poetry application",
      { pyproject: '[tool.poetry]\nname = "a"\npackage-mode = false\n', setupPy: false },
      false,
      undefined,
    ],
    [
      "setup.cfg metadata",
      {
        pyproject: "[build-system]\n",
        setupPy: false,
        setupCfg: "[metadata]\nname = a\n[options]\npython_requires = >=3.8\n",
      },
      true,
      ">=3.8",
    ],
    ["nothing", { setupPy: false }, false, undefined],
  ];
  for (const [name, files, installable, requires] of cases) {
    await t.step(name, () => {
      const kind = projectKind(files);
      deepStrictEqual([kind.installable, kind.requiresPython], [installable, requires]);
    });
  }
});
