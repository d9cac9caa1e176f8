import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { readIni, readNox, runPlanSources } from "./_plan_sources_testing.ts";
import { iniKey, iniLines, iniSection, parsePlanSources } from "./plan_sources.ts";

Deno.test("plan_sources.py gives INI keys with the lines of their values", async () => {
  const file = await readIni(
    "tox.ini",
    "# top\n[testenv]\nDeps =\n    a\n    ; note\n\n    b\ncommands: pytest\n",
  );
  const section = iniSection(file, "testenv");
  strictEqual(section?.line, 2);
  const deps = iniKey(section, "deps");
  deepStrictEqual(deps && iniLines(deps), [{ text: "a", line: 4 }, { text: "b", line: 7 }]);
  strictEqual(iniKey(section, "commands")?.line, 8);
});

Deno.test("plan_sources.py reports INI errors with their line, offset applied", async (t) => {
  const cases: Array<[string, string, number, number]> = [
    ["a line before any section", "envlist = py\n[tox]\n", 0, 1],
    ["a line that is not key = value", "[tox]\nenvlist = py\njunk line\n", 0, 3],
    ["embedded in pyproject.toml", "[tox]\njunk\n", 10, 12],
  ];
  for (const [name, text, lineOffset, line] of cases) {
    await t.step(name, async () => {
      const result = await runPlanSources({ ini: [{ file: "x.ini", text, lineOffset }] });
      const file = result.ini[0];
      deepStrictEqual(file && "error" in file ? file.error.line : undefined, line);
    });
  }
});

Deno.test("plan_sources.py reads nox sessions without running them", async () => {
  const file = await readNox(
    "noxfile.py",
    [
      "import nox", // 1
      "from nox import session",
      "PY = ['3.11', '3.12']",
      "DEPS = ['pytest', 'pytest-mock']",
      "@nox.session(python=PY, name='unit')", // 5
      "def tests(s):",
      "    s.install(*DEPS, '-e', '.[test]')",
      "    s.install(some_function())",
      "    s.env['MODE'] = 'ci'",
      "    s.run('pytest', 'tests', *s.posargs, env={'A': '1'})", // 10
      "@session",
      "def lint(session):",
      "    session.run('ruff', 'check')",
      "def helper(session):",
      "    session.run('pytest')", // 15
    ].join("\n"),
  );
  if (!("sessions" in file)) throw new Error("expected sessions");
  deepStrictEqual(file.sessions.map((s) => [s.name, s.function, s.line, s.python]), [
    ["unit", "tests", 6, ["3.11", "3.12"]],
    ["lint", "lint", 12, []],
  ]);
  const unit = file.sessions[0];
  deepStrictEqual(unit?.installs, [
    { args: ["pytest", "pytest-mock", "-e", ".[test]"], line: 7, dynamic: false },
    { args: [], line: 8, dynamic: true },
  ]);
  deepStrictEqual(unit?.runs, [{ args: ["pytest", "tests"], line: 10, dynamic: false }]);
  deepStrictEqual(unit?.env, { MODE: "ci", A: "1" });
});

Deno.test("plan_sources.py reports a noxfile's syntax error with its line", async () => {
  const file = await readNox("noxfile.py", "import nox\n\ndef tests(session:\n    pass\n");
  deepStrictEqual("error" in file ? file.error.line : undefined, 3);
});

Deno.test("parsePlanSources() rejects output that is not the expected JSON", () => {
  throws(() => parsePlanSources("not json"), /^TypeError: Cannot parse the plan sources: /);
  throws(
    () => parsePlanSources('{"ini": 1, "nox": []}'),
    /^TypeError: Cannot parse the plan sources: ini/,
  );
});
