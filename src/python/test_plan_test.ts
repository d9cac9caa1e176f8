import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { readIni, readNox } from "./_plan_sources_testing.ts";
import type { IniFile, NoxFile } from "./plan_sources.ts";
import { type PlanInputs, planTests, type TestPlan, TestPlanSchema } from "./test_plan.ts";

const WORKFLOW = [
  "on: push", // 1
  "jobs:",
  "  test:",
  "    strategy:",
  "      matrix:", // 5
  '        python-version: ["3.11", "3.9"]',
  "    env:",
  "      MODE: ci",
  "      PATH: /opt/bin",
  "      TOKEN: ${{ secrets.TOKEN }}",
  "    steps:", // 10
  "      - run: pip install -e .[test] pytest-mock",
  "      - run: pytest tests/unit -m 'not slow' --cov=pkg -v",
].join("\n");

const TOX = [
  "[tox]",
  "envlist = lint, py311",
  "[testenv]",
  "deps = pytest-randomly",
  "dependency_groups = test",
  "commands = pytest {posargs:tests} -k tox",
  "[testenv:lint]",
  "commands = ruff check",
].join("\n");

const NOXFILE = [
  "import nox",
  "@nox.session(python=['3.10'])",
  "def tests(session):",
  "    session.install('.', 'pytest-nox')",
  "    session.run('pytest', '-k', 'nox', *session.posargs)",
].join("\n");

const MAKEFILE = "install:\n\tpip install -e .\ntest: install\n\tpython -m pytest -k make\n";
const PYPROJECT = [
  "[project]",
  'name = "pkg"',
  "[dependency-groups]",
  'test = ["pytest-group"]',
  "[tool.pytest.ini_options]",
  'addopts = "--cov=pkg -n 2"',
  'testpaths = ["tests"]',
].join("\n");

interface Sources {
  workflow?: string | undefined;
  tox?: string;
  nox?: string;
  makefile?: string;
  pyproject?: string;
  requirementsDev?: string;
  installable?: boolean;
  /** More files of the tree. */
  files?: string[];
}

const cache = new Map<string, IniFile | NoxFile>();
async function parsed(kind: "ini" | "nox", file: string, text: string) {
  const key = `${kind}:${file}:${text}`;
  if (!cache.has(key)) {
    cache.set(key, kind === "ini" ? await readIni(file, text) : await readNox(file, text));
  }
  return cache.get(key) as IniFile & NoxFile;
}

async function plan(s: Sources): Promise<TestPlan> {
  const files = [
    ...(s.workflow !== undefined ? [".github/workflows/ci.yml"] : []),
    ...(s.tox !== undefined ? ["tox.ini"] : []),
    ...(s.nox !== undefined ? ["noxfile.py"] : []),
    ...(s.makefile !== undefined ? ["Makefile"] : []),
    ...(s.pyproject !== undefined ? ["pyproject.toml"] : []),
    ...(s.requirementsDev !== undefined ? ["requirements-dev.txt"] : []),
    ...(s.files ?? []),
  ];
  const inputs: PlanInputs = {
    files,
    workflows: s.workflow !== undefined
      ? [{ path: ".github/workflows/ci.yml", text: s.workflow }]
      : [],
    ...(s.pyproject !== undefined
      ? { pyproject: { path: "pyproject.toml", text: s.pyproject } }
      : {}),
    ...(s.makefile !== undefined ? { makefile: { path: "Makefile", text: s.makefile } } : {}),
    requirements: s.requirementsDev !== undefined
      ? [{ path: "requirements-dev.txt", text: s.requirementsDev }]
      : [],
    ini: s.tox !== undefined ? [await parsed("ini", "tox.ini", s.tox)] : [],
    nox: s.nox !== undefined ? [await parsed("nox", "noxfile.py", s.nox)] : [],
    problems: [],
    installable: s.installable ?? true,
  };
  const result = planTests(inputs);
  TestPlanSchema.parse(result);
  return result;
}

const ALL: Sources = {
  workflow: WORKFLOW,
  tox: TOX,
  nox: NOXFILE,
  makefile: MAKEFILE,
  pyproject: PYPROJECT,
};

Deno.test("planTests() applies the precedence CI > tox > nox > Makefile > pytest configuration", async (t) => {
  const cases: Array<[string, Sources, TestPlan["source"], string[]]> = [
    ["CI beats everything", ALL, "ci", ["tests/unit", "-m", "not slow"]],
    ["tox beats nox and make", { ...ALL, workflow: undefined }, "tox", ["tests", "-k", "tox"]],
    ["nox beats make", { nox: NOXFILE, makefile: MAKEFILE, pyproject: PYPROJECT }, "nox", [
      "-k",
      "nox",
    ]],
    ["make beats the pytest configuration", { makefile: MAKEFILE, pyproject: PYPROJECT }, "make", [
      "-k",
      "make",
    ]],
    ["pytest configuration alone", { pyproject: PYPROJECT }, "pytest-config", []],
    ["nothing", {}, "default", []],
  ];
  for (const [name, sources, source, args] of cases) {
    await t.step(name, async () => {
      const result = await plan(sources);
      strictEqual(result.source, source);
      deepStrictEqual(result.pytestArgs, args);
      deepStrictEqual(result.problems, []);
    });
  }
});

Deno.test("planTests() from a CI step: selection, env, installs, matrix and pieces", async () => {
  const result = await plan(ALL);
  match(result.why, /^an explicit CI test step \(\.github\/workflows\/ci\.yml:13, job `test`\)/);
  match(
    result.why,
    /beats tox\.ini, noxfile\.py, Makefile, the pytest configuration \(pyproject\.toml\)/,
  );
  strictEqual(result.command, "pytest tests/unit -m 'not slow' --cov=pkg -v");
  strictEqual(result.pytestInvocation, "script", "the `pytest` command, not `python -m pytest`");
  deepStrictEqual(result.coverageTargets, ["pkg"], "the command's --cov=pkg");
  strictEqual(result.installsEditable, true, "pip install -e .[test]");
  deepStrictEqual(result.env, { MODE: "ci" });
  deepStrictEqual(result.pythonVersions, ["3.9", "3.11"]);
  deepStrictEqual(result.extras, ["test"]);
  strictEqual(result.installsProject, true);
  // The CI step writes its install down: the dependency group it does not name stays out.
  strictEqual(result.installsWritten, true);
  deepStrictEqual(result.notInstalled, ["dependency group `test`"]);
  deepStrictEqual(result.requirements.map((r) => [r.requirement, r.wantedBy]), [
    ["pytest-mock", "CI pip install (.github/workflows/ci.yml:12)"],
    ["pytest-cov", "pytest addopts `--cov`"],
    ["pytest-xdist", "pytest addopts `-n`"],
  ]);
  deepStrictEqual(result.plugins, [
    { name: "pytest-cov", reason: "pytest addopts `--cov`", declared: false },
    { name: "pytest-xdist", reason: "pytest addopts `-n`", declared: false },
  ]);
  deepStrictEqual(result.pieces.slice(0, 2), [
    {
      file: ".github/workflows/ci.yml",
      line: 12,
      detail: "run: pip install -e .[test] pytest-mock",
    },
    {
      file: ".github/workflows/ci.yml",
      line: 13,
      detail: "run: pytest tests/unit -m 'not slow' --cov=pkg -v",
    },
  ]);
  ok(
    result.pieces.some((p) =>
      p.file === "pyproject.toml" && p.line === 6 && p.detail.includes("addopts")
    ),
  );
});

Deno.test("planTests() marks a plugin declared in a requirements file", async () => {
  const result = await plan({ pyproject: PYPROJECT, requirementsDev: "pytest-cov>=4\n" });
  deepStrictEqual(result.plugins.map((p) => [p.name, p.declared]), [["pytest-cov", true], [
    "pytest-xdist",
    false,
  ]]);
  deepStrictEqual(result.requirementsFiles, ["requirements-dev.txt"]);
});

Deno.test("planTests() follows CI into tox, nox and make", async (t) => {
  const ci = (run: string, extra = "") =>
    `jobs:\n  lint:\n    steps:\n      - run: tox -e lint\n  tests:\n    strategy:\n      matrix:\n        python: ["3.12"]\n    steps:\n      - run: pip install tox nox\n${extra}      - run: ${run}\n`;
  await t.step("tox -e py311 -- -k picked", async () => {
    const result = await plan({ ...ALL, workflow: ci("tox -e py311 -- -k picked") });
    strictEqual(result.source, "tox");
    match(
      result.why,
      /^the CI step at \.github\/workflows\/ci\.yml:11 \(job `tests`\) runs `tox -e py311 -- -k picked`; the tox env `py311`/,
    );
    deepStrictEqual(result.pytestArgs, ["-k", "picked", "-k", "tox"]);
    deepStrictEqual(result.pythonVersions, ["3.12"]);
    deepStrictEqual(result.requirements.map((r) => r.requirement).slice(0, 2), [
      "pytest-randomly",
      "pytest-group",
    ]);
    strictEqual(result.requirements.some((r) => r.requirement === "tox"), false);
  });
  await t.step("nox -s tests", async () => {
    const result = await plan({ ...ALL, workflow: ci("nox -s tests") });
    strictEqual(result.source, "nox");
    deepStrictEqual(result.pytestArgs, ["-k", "nox"]);
    strictEqual(result.installsProject, true);
  });
  await t.step("make test", async () => {
    const result = await plan({ ...ALL, workflow: ci("make test") });
    strictEqual(result.source, "make");
    deepStrictEqual(result.pytestArgs, ["-k", "make"]);
    strictEqual(result.installsProject, true);
  });
});

Deno.test("planTests() falls back from sources that do not parse, naming file and line", async (t) => {
  await t.step("a workflow that is not YAML", async () => {
    const result = await plan({
      ...ALL,
      workflow: "jobs:\n  test:\n    steps: [\n      - run: pytest\n",
    });
    strictEqual(result.source, "tox");
    strictEqual(result.problems[0]?.file, ".github/workflows/ci.yml");
    ok((result.problems[0]?.line ?? 0) >= 1);
    match(result.problems[0]?.message ?? "", /^Cannot parse \.github\/workflows\/ci\.yml:\d+: /);
  });
  await t.step("a tox.ini with a syntax error", async () => {
    const result = await plan({
      ...ALL,
      workflow: undefined,
      tox: "[tox]\nenvlist = py\nthis is not ini\n",
    });
    strictEqual(result.source, "nox");
    deepStrictEqual(result.problems.map((p) => [p.file, p.line]), [["tox.ini", 3]]);
  });
  await t.step("a noxfile that does not parse", async () => {
    const result = await plan({ nox: "def tests(session:\n", makefile: MAKEFILE });
    strictEqual(result.source, "make");
    deepStrictEqual(result.problems.map((p) => [p.file, p.line]), [["noxfile.py", 1]]);
  });
  await t.step("a pyproject.toml that is not TOML", async () => {
    const result = await plan({ pyproject: "[project\nname = 1\n" });
    strictEqual(result.source, "default");
    strictEqual(result.problems[0]?.file, "pyproject.toml");
  });
});

Deno.test("planTests() keeps unittest and the project's own runner", async (t) => {
  const ci = (run: string) =>
    `jobs:\n  t:\n    steps:\n      - run: pip install -r requirements.txt\n      - run: ${run}\n`;
  const cases: Array<[string, TestPlan["runner"], string[]]> = [
    ["python -m unittest discover -s tests -p 'test_*.py'", "unittest", [
      "unittest",
      "discover",
      "-s",
      "tests",
      "-p",
      "test_*.py",
    ]],
    ["python -m pkg.tests --fast", "module", ["pkg.tests", "--fast"]],
    ["coverage run -m pytest -k cov", "pytest", []],
  ];
  for (const [run, runner, moduleArgs] of cases) {
    await t.step(run, async () => {
      const result = await plan({
        workflow: ci(run),
        pyproject: PYPROJECT,
        files: ["requirements.txt"],
      });
      strictEqual(result.runner, runner);
      deepStrictEqual(result.moduleArgs, moduleArgs);
      strictEqual(result.installsProject, false);
      deepStrictEqual(result.requirementsFiles, ["requirements.txt"]);
      if (runner !== "pytest") deepStrictEqual(result.plugins, []);
    });
  }
});

Deno.test("planTests() default plan installs the project only when it is installable", async () => {
  strictEqual((await plan({ installable: true })).installsProject, true);
  strictEqual((await plan({ installable: false })).installsProject, false);
});

Deno.test("planTests() leaves out a requirements file that is not in the tree", async () => {
  const workflow =
    "jobs:\n  t:\n    steps:\n      - run: pip install -r requirements-ci.txt\n      - run: pytest\n";
  const result = await plan({ workflow });
  deepStrictEqual(result.requirementsFiles, []);
  deepStrictEqual(result.problems, [
    { message: "requirements-ci.txt is named as a requirements file but is not in the tree" },
  ]);
});
