import { deepStrictEqual, equal, match } from "node:assert/strict";
import {
  documentDeclarations,
  lowerBound,
  planCompat,
  pyprojectDeclarations,
  setupCfgDeclarations,
} from "../src/integrity/declared_pythons.ts";
import { evaluateCompat } from "../src/integrity/compat.ts";
import { compatPython } from "./compat_python.ts";
import { detectedContext, withTemp } from "./_integrity_context.ts";
import { fixture, values } from "./_report_helpers.ts";

Deno.test("lowerBound() reads the oldest minor a requires-python accepts", () => {
  const table: Array<[string, string | undefined]> = [
    [">=3.9", "3.9"],
    [">=3.8.1,<4", "3.8"],
    ["^3.10", "3.10"],
    ["~=3.7", "3.7"],
    [">=2.7,!=3.0.*", "2.7"],
    ["not a spec", undefined],
  ];
  for (const [spec, expected] of table) equal(lowerBound(spec), expected, spec);
});

Deno.test("pyprojectDeclarations() and setupCfgDeclarations() read requires-python and classifiers", () => {
  const pyproject = [
    "[project]",
    'name = "x"',
    'requires-python = ">=3.8"',
    'classifiers = ["Programming Language :: Python :: 3.12", "License :: OSI Approved"]',
  ].join("\n");
  deepStrictEqual(pyprojectDeclarations(pyproject, "pyproject.toml"), [
    { minor: "3.8", file: "pyproject.toml", line: 3, what: "requires-python >=3.8" },
    { minor: "3.12", file: "pyproject.toml", line: 4, what: "classifier Python :: 3.12" },
  ]);
  deepStrictEqual(pyprojectDeclarations("not = [toml", "pyproject.toml"), []);
  const cfg = "[options]\npython_requires = >=3.7\n[metadata]\nclassifiers =\n" +
    "    Programming Language :: Python :: 3.11\n";
  deepStrictEqual(setupCfgDeclarations(cfg, "setup.cfg").map((d) => d.minor), ["3.7", "3.11"]);
});

Deno.test("documentDeclarations() reads version sentences and badges, not other numbers", () => {
  const text = [
    "Requires Python 3.8+ and numpy 1.24.",
    "Tested on Python 3.9–3.12.",
    "![py](https://img.shields.io/badge/python-3.10%2B-blue)",
    "Version 3.4 of the API.",
    "Python >= 3.11 is recommended.",
  ].join("\n");
  deepStrictEqual(documentDeclarations(text, "README.md").map((d) => `${d.line}:${d.minor}`), [
    "1:3.8",
    "2:3.9",
    "2:3.12",
    "3:3.10",
    "5:3.11",
  ]);
});

Deno.test("planCompat() takes one interpreter per declared minor, the rest missing", () => {
  const pythons = [
    { path: "/p/3.8", version: "3.8.18" },
    { path: "/p/3.9", version: "3.9.18" },
    { path: "/p/3.12", version: "3.12.1" },
  ];
  const d = (minor: string) => ({ minor, file: "pyproject.toml", what: `classifier ${minor}` });
  const plan = planCompat([d("3.12"), d("3.9"), d("3.14"), d("3.9")], pythons, undefined);
  deepStrictEqual(plan.runs.map((r) => [r.tool.path, r.declarations.length]), [
    ["/p/3.9", 2],
    ["/p/3.12", 1],
  ]);
  deepStrictEqual(plan.missing.map((m) => m.minor), ["3.14"]);
  deepStrictEqual(
    planCompat([], pythons, pythons[2]).runs.map((r) => r.minor),
    ["3.12"],
  );
});

Deno.test("evaluateCompat() groups failures by file and lists missing versions", () => {
  const d = { minor: "3.9", file: "pyproject.toml", line: 9, what: "requires-python >=3.9" };
  const plan = {
    runs: [
      { tool: { path: "/a", version: "3.9.18" }, minor: "3.9", declarations: [d] },
      { tool: { path: "/b", version: "3.12.1" }, minor: "3.12", declarations: [] },
    ],
    missing: [{ minor: "3.14", declarations: [{ ...d, minor: "3.14", what: "classifier" }] }],
  };
  const outcome = evaluateCompat(plan, [
    {
      minor: "3.9",
      output: { version: "3.9.18", failed: [{ file: "a.py", line: 5, message: "SyntaxError: x" }] },
      evidence: 0,
    },
    { minor: "3.12", output: { version: "3.12.1", failed: [] }, evidence: 1 },
  ], 4);
  equal(outcome.status, "fail");
  deepStrictEqual(outcome.findings, [{
    message:
      "a.py does not compile under Python 3.9: SyntaxError: x; declared by requires-python >=3.9 (pyproject.toml:9)",
    file: "a.py",
    line: 5,
  }]);
  deepStrictEqual(values(outcome), { "compat.python.files": 4, "compat.python.failed": 1 });
  match(
    outcome.summary,
    /not on this machine, unverified: 3\.14 \(classifier \(pyproject\.toml:9\)\)/,
  );
  equal(evaluateCompat(plan, [{ minor: "3.9", failure: "boom" }], 4).status, "error");
});

Deno.test("compatPython finds fixtures/py_compat's 3.10 and 3.12 syntax under its declared 3.9", async () => {
  await withTemp(async (temp) => {
    const outcome = await compatPython.run(await detectedContext(fixture("py_compat"), temp));
    equal(outcome.status, "fail", outcome.summary);
    deepStrictEqual(outcome.findings?.map((f) => `${f.file}:${f.line}`), [
      "src/compa/report.py:5",
      "src/compa/shapes.py:5",
    ]);
    match(outcome.findings?.[0]?.message ?? "", /under Python 3\.9: SyntaxError/);
    match(outcome.findings?.[0]?.message ?? "", /declared by requires-python >=3\.9/);
    match(outcome.summary, /tried 3\.9, 3\.12\)/);
    match(outcome.summary, /not on this machine, unverified: 3\.14/);
  });
});

Deno.test("compatPython passes the clean fixtures", async () => {
  for (const name of ["py_ok", "py_failing", "py_overclaim", "py_setuppy", "py_vacuous"]) {
    await withTemp(async (temp) => {
      const outcome = await compatPython.run(await detectedContext(fixture(name), temp));
      equal(outcome.status, "pass", `${name}: ${outcome.summary}`);
    });
  }
});
