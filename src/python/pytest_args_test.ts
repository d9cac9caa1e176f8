import { deepStrictEqual } from "node:assert/strict";
import { coverageTargets, impliedPlugins, pytestSelection, UNRESOLVED } from "./pytest_args.ts";

Deno.test("pytestSelection() keeps the selection and leaves out reporting options", async (t) => {
  const cases: Array<[string, string[], string[]]> = [
    ["paths and markers", ["tests/unit", "-m", "not slow", "-k", "api"], [
      "tests/unit",
      "-m",
      "not slow",
      "-k",
      "api",
    ]],
    ["coverage options", ["--cov=pkg", "--cov", "src", "--cov-report", "xml", "--no-cov", "t"], [
      "t",
    ]],
    ["output and speed", [
      "-v",
      "-qs",
      "-x",
      "--tb=short",
      "-n",
      "auto",
      "-n4",
      "--dist",
      "loadfile",
      "-ra",
    ], []],
    ["reports", ["--junitxml", "a.xml", "--html=r.html", "--json-report", "--durations=10"], []],
    ["benchmark", ["--benchmark-skip", "--benchmark-json=b.json", "tests"], ["tests"]],
    ["kept options", [
      "--ignore=tests/e2e",
      "--deselect",
      "t::x",
      "-p",
      "no:cacheprovider",
      "--doctest-modules",
    ], [
      "--ignore=tests/e2e",
      "--deselect",
      "t::x",
      "-p",
      "no:cacheprovider",
      "--doctest-modules",
    ]],
    ["overrides and import mode", [
      "-o",
      "xfail_strict=true",
      "--import-mode=importlib",
      "--pyargs",
      "pkg",
    ], [
      "-o",
      "xfail_strict=true",
      "--import-mode=importlib",
      "--pyargs",
      "pkg",
    ]],
    ["unresolved values left out whole", [
      "--basetemp",
      UNRESOLVED,
      `--rootdir=${UNRESOLVED}`,
      "tests",
    ], [
      "tests",
    ]],
    ["state options", ["--lf", "--maxfail=2", "--color=yes", "tests"], ["tests"]],
  ];
  for (const [name, args, kept] of cases) {
    await t.step(name, () => deepStrictEqual(pytestSelection(args).kept, kept));
  }
});

Deno.test("impliedPlugins() names the plugin behind each option", async (t) => {
  const cases: Array<[string[], string[]]> = [
    [["--cov=pkg", "--cov-report=xml"], ["pytest-cov"]],
    [["-n", "2"], ["pytest-xdist"]],
    [["-nauto", "--dist=loadscope"], ["pytest-xdist"]],
    [["-p", "xdist"], ["pytest-xdist"]],
    [["-p", "no:cacheprovider"], []],
    [["--benchmark-disable"], ["pytest-benchmark"]],
    [["--html=r.html"], ["pytest-html"]],
    [["--json-report"], ["pytest-json-report"]],
    [["--timeout=30"], ["pytest-timeout"]],
    [["-m", "slow", "tests"], []],
  ];
  for (const [args, names] of cases) {
    await t.step(
      args.join(" "),
      () => deepStrictEqual(impliedPlugins(args).map((p) => p.name), names),
    );
  }
});

Deno.test("coverageTargets() reads --cov=X and --cov X, never a bare --cov or the report options", () => {
  deepStrictEqual(
    coverageTargets([
      "--cov=pkg",
      "--cov",
      "src/other",
      "--cov-report=term",
      "--cov",
      "-v",
      "tests",
    ]),
    ["pkg", "src/other"],
  );
  deepStrictEqual(coverageTargets(["--cov", "--cov-branch"]), []);
});
