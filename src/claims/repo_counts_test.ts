import { deepStrictEqual, equal } from "node:assert/strict";
import { countRepo } from "./repo_counts.ts";

const FILES = [
  ".github/workflows/ci.yml",
  ".github/workflows/release.yaml",
  ".github/workflows/templates/x.yml",
  ".github/dependabot.yml",
  "docs/conf.py",
  "examples/.gitkeep",
  "examples/README.md",
  "examples/one.py",
  "examples/two.ts",
  "examples/three/main.py",
  "examples/three/data.csv",
  "fixtures/app/test_app.py",
  "node_modules/x/index_test.ts",
  "setup.py",
  "src/pkg/__init__.py",
  "src/pkg/core.py",
  "src/pkg/io.py",
  "src/pkg/conftest.py",
  "src/pkg/core_test.py",
  "src/pkg/types.d.ts",
  "mod.ts",
  "lib/math.test.ts",
  "tests/test_core.py",
  "tests/helpers.py",
  "vendor/dep.py",
];

Deno.test("countRepo() counts by the documented rules", async (t) => {
  const rows: Array<[string, number | undefined]> = [
    ["repo.workflows", 2],
    ["repo.examples", 3],
    ["repo.tests", 3],
    ["repo.modules", 3],
    ["repo.files.examples", 3],
    ["repo.files.workflows", 2],
    ["repo.files.python", 12],
    ["repo.files.py", 12],
    ["repo.files.typescript", 4],
    ["repo.files.yaml", 4],
    ["repo.files.docs", 1],
    ["repo.files.unknownthing", undefined],
    ["repo.stars", undefined],
  ];
  for (const [metric, expected] of rows) {
    await t.step(metric, () => equal(countRepo(metric, FILES)?.count, expected));
  }
});

Deno.test("countRepo() names its rule", () => {
  deepStrictEqual(countRepo("repo.workflows", FILES), {
    count: 2,
    rule: "files matching .github/workflows/*.yml|yaml",
  });
});
