import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { parse } from "smol-toml";
import { readIni } from "./_plan_sources_testing.ts";
import {
  declaredNames,
  isTestRequirementsFile,
  poetryConstraint,
  poetryRequirement,
  projectTestLayer,
  resolveGroup,
} from "./test_deps.ts";

Deno.test("poetryConstraint() turns Poetry constraints into PEP 440", async (t) => {
  const cases: Array<[string, string | undefined]> = [
    ["^1.2.3", ">=1.2.3,<2"],
    ["^0.2.3", ">=0.2.3,<0.3"],
    ["^0.0.3", ">=0.0.3,<0.0.4"],
    ["^2", ">=2,<3"],
    ["~1.2.3", ">=1.2.3,<1.3"],
    ["~1", ">=1,<2"],
    ["*", ""],
    ["1.4", "==1.4"],
    ["1.4.*", "==1.4.*"],
    [">=1.2, <2.0", ">=1.2,<2.0"],
    ["~=1.4", "~=1.4"],
    ["^1 || ^2", undefined],
  ];
  for (const [constraint, expected] of cases) {
    await t.step(constraint, () => strictEqual(poetryConstraint(constraint), expected));
  }
});

Deno.test("poetryRequirement() writes a PEP 508 requirement", () => {
  strictEqual(poetryRequirement("pytest", "^8.0"), "pytest>=8.0,<9");
  strictEqual(
    poetryRequirement("hypothesis", {
      version: "~6.1",
      extras: ["numpy"],
      markers: "python_version >= '3.9'",
    }),
    "hypothesis[numpy]>=6.1,<6.2; python_version >= '3.9'",
  );
  strictEqual(poetryRequirement("python", "^3.9"), undefined);
  strictEqual(poetryRequirement("local", { path: "../local" }), undefined);
});

Deno.test("resolveGroup() resolves include-group, each group once", () => {
  const groups = {
    test: ["pytest", { "include-group": "Typing" }],
    typing: ["mypy", { "include-group": "test" }],
  };
  deepStrictEqual(resolveGroup(groups, "test"), ["pytest", "mypy"]);
  deepStrictEqual(resolveGroup(groups, "missing"), []);
});

Deno.test("isTestRequirementsFile() knows the usual names", async (t) => {
  const cases: Array<[string, boolean]> = [
    ["requirements-dev.txt", true],
    ["requirements-test.txt", true],
    ["requirements-tests.txt", true],
    ["test-requirements.txt", true],
    ["dev-requirements.txt", true],
    ["requirements/test.txt", true],
    ["requirements/tests-extra.txt", true],
    ["requirements.txt", false],
    ["requirements-docs.txt", false],
    ["docs/requirements.txt", false],
  ];
  for (const [path, expected] of cases) {
    await t.step(path, () => strictEqual(isTestRequirementsFile(path), expected));
  }
});

const PYPROJECT = [
  "[project]",
  'name = "pkg"',
  'dependencies = ["requests"]',
  "[project.optional-dependencies]",
  'test = ["pytest"]',
  'gpu = ["cupy"]',
  "[dependency-groups]",
  'test = ["pytest-mock>=3", { include-group = "lint" }]',
  'lint = ["ruff"]',
  'docs = ["sphinx"]',
  "[tool.poetry.group.dev.dependencies]",
  'black = "^24.1"',
  "[tool.poetry.dev-dependencies]",
  'freezegun = "*"',
  "[tool.hatch.envs.test]",
  'dependencies = ["coverage[toml]"]',
  'features = ["gpu"]',
  "[tool.pdm.dev-dependencies]",
  'testing = ["pytest-asyncio", "-e file:///${PROJECT_ROOT}/sub"]',
].join("\n");

Deno.test("projectTestLayer() collects every kind of test dependency", () => {
  const layer = projectTestLayer({
    pyproject: { path: "pyproject.toml", doc: parse(PYPROJECT), text: PYPROJECT },
    files: ["requirements.txt", "requirements-dev.txt", "src/pkg/__init__.py"],
  });
  deepStrictEqual(layer.extras, ["test", "gpu"]);
  deepStrictEqual(layer.requirements, [
    { requirement: "pytest-mock>=3", wantedBy: "dependency group `test`" },
    { requirement: "ruff", wantedBy: "dependency group `test`" },
    { requirement: "freezegun", wantedBy: "Poetry dev-dependencies" },
    { requirement: "black>=24.1,<25", wantedBy: "Poetry group.dev" },
    { requirement: "coverage[toml]", wantedBy: "Hatch env `test`" },
    { requirement: "pytest-asyncio", wantedBy: "PDM dev group `testing`" },
  ]);
  deepStrictEqual(layer.requirementsFiles, ["requirements-dev.txt"]);
  const mock = layer.pieces.find((p) => p.detail.includes("pytest-mock"));
  strictEqual(mock?.line, 8);
});

Deno.test("projectTestLayer() reads setup.cfg extras and tests_require", async () => {
  const setupCfg = await readIni(
    "setup.cfg",
    "[options]\ntests_require =\n    pytest\n[options.extras_require]\ntesting =\n    pytest-cov\nyaml = pyyaml\n",
  );
  const layer = projectTestLayer({ setupCfg, files: [] });
  deepStrictEqual(layer.extras, ["testing"]);
  deepStrictEqual(layer.requirements, [{
    requirement: "pytest",
    wantedBy: "setup.cfg `tests_require`",
  }]);
});

Deno.test("declaredNames() gathers names from every manifest and source", async () => {
  const setupCfg = await readIni("setup.cfg", "[options.extras_require]\nall = Pytest_Xdist\n");
  const names = declaredNames({
    pyproject: { path: "pyproject.toml", doc: parse(PYPROJECT), text: PYPROJECT },
    setupCfg,
    requirements: [{ path: "requirements-dev.txt", text: "pytest-timeout==2\n-r other.txt\n" }],
    extra: ["pytest-html>=4"],
  });
  for (
    const name of [
      "requests",
      "cupy",
      "sphinx",
      "black",
      "freezegun",
      "coverage",
      "pytest-asyncio",
      "pytest-xdist",
      "pytest-timeout",
      "pytest-html",
    ]
  ) {
    ok(names.has(name), name);
  }
  strictEqual(names.has("pytest-cov"), false);
});
