import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { fakePlan } from "./_fake_plan.ts";
import type { PytestCounts } from "./pytest_report.ts";
import {
  commandText,
  coverageRunOptions,
  coverageSources,
  fullRunArgs,
  maintainersStop,
  measuredPackages,
  moduleArgv,
  pytestArgv,
  rerunSelection,
  splitPytestArgs,
} from "./suite_command.ts";

const COUNTS: PytestCounts = {
  passed: 300,
  failed: 2,
  errors: 27,
  skipped: 0,
  xfailed: 0,
  total: 302,
  collectionErrors: 27,
  durationMs: 0,
};

Deno.test("pytestArgv() adds claimcheck's reporting options to the selection, under coverage", () => {
  deepStrictEqual(pytestArgv("py", "/j.xml", ["tests", "-m", "not slow"]), [
    "py",
    "-m",
    "pytest",
    "--junitxml=/j.xml",
    "-o",
    "junit_family=xunit1",
    "-p",
    "no:cacheprovider",
    "--continue-on-collection-errors",
    "tests",
    "-m",
    "not slow",
  ]);
  const covered = pytestArgv("py", "/j.xml", [], { dataFile: "/d", sources: ["pkg"], root: "/r" });
  deepStrictEqual(covered.slice(0, 7), [
    "py",
    "-m",
    "coverage",
    "run",
    "--branch",
    "--data-file=/d",
    "--source=pkg",
  ]);
  deepStrictEqual(
    moduleArgv("py", "/s.py", "/j.xml", ["unittest", "discover", "-s", "tests"]),
    ["py", "/s.py", "/j.xml", "unittest", "discover", "-s", "tests"],
  );
});

Deno.test("splitPytestArgs() and rerunSelection() keep the options and drop the paths", () => {
  const args = [
    "tests/unit",
    "-m",
    "not slow",
    "--ignore",
    "tests/x",
    "-p",
    "no:warnings",
    "-x",
    "--doctest-modules",
    "src",
  ];
  deepStrictEqual(
    splitPytestArgs(args).paths,
    ["tests/unit", "src"],
  );
  deepStrictEqual(fullRunArgs(args), {
    args: [
      "tests/unit",
      "-m",
      "not slow",
      "--ignore",
      "tests/x",
      "-p",
      "no:warnings",
      "--doctest-modules",
      "src",
    ],
    left: ["-x"],
  });
  deepStrictEqual(rerunSelection(args, ["tests/unit/test_a.py::test_b"]), [
    "-m",
    "not slow",
    "--ignore",
    "tests/x",
    "-p",
    "no:warnings",
    "--doctest-modules",
    "tests/unit/test_a.py::test_b",
  ]);
  deepStrictEqual(fullRunArgs(["--maxfail", "3", "-k", "fast"]), {
    args: ["-k", "fast"],
    left: ["--maxfail 3"],
  });
});

Deno.test("maintainersStop() says when the maintainers' exact command would stop earlier", () => {
  strictEqual(
    maintainersStop(fakePlan({ command: "pytest tests" }), COUNTS),
    "the maintainers' command stops at 27 collection errors; continued run: ",
  );
  strictEqual(
    maintainersStop(fakePlan({ pytestArgs: ["--continue-on-collection-errors"] }), COUNTS),
    "",
  );
  strictEqual(
    maintainersStop(fakePlan({ pytestArgs: ["-x"] }), {
      ...COUNTS,
      errors: 0,
      collectionErrors: 0,
    }),
    "the maintainers' command stops early (-x); continued run: ",
  );
  strictEqual(
    maintainersStop(fakePlan({ command: "pytest -x tests" }), { ...COUNTS, collectionErrors: 0 }),
    "the maintainers' command stops early (-x); continued run: ",
  );
  strictEqual(maintainersStop(undefined, COUNTS), "");
  strictEqual(maintainersStop(fakePlan({ runner: "unittest" }), COUNTS), "");
});

Deno.test("commandText() quotes what a shell would split", () => {
  strictEqual(commandText(["pytest", "-m", "not slow", "it's"]), "pytest -m 'not slow' 'it'\\''s'");
});

Deno.test("coverageRunOptions() keeps pytest-cov and pytest-xdist out of claimcheck's coverage run", () => {
  const plugins = [
    { name: "pytest-cov", reason: "pytest addopts `--cov`", declared: false },
    { name: "pytest_xdist", reason: "pytest addopts `-n`", declared: true },
  ];
  deepStrictEqual(coverageRunOptions(fakePlan({ plugins })), ["--no-cov", "-n", "0"]);
  deepStrictEqual(
    coverageRunOptions(fakePlan({ plugins }), [
      {
        requirement: "pytest-xdist>=3",
        layer: "test layer",
        reason: "not on the configured index",
      },
    ]),
    ["--no-cov"],
  );
  deepStrictEqual(
    coverageRunOptions(fakePlan({ plugins }), [
      {
        requirement: "pytest-cov<7",
        layer: "test layer",
        reason: "relaxed to any version (7.1.0)",
      },
    ]),
    ["--no-cov", "-n", "0"],
    "a relaxed plugin is installed",
  );
  deepStrictEqual(coverageRunOptions(fakePlan()), []);
  deepStrictEqual(coverageRunOptions(undefined), []);
});

Deno.test("pytestArgv() starts pytest as the maintainers do: the `pytest` command or `python -m pytest`", () => {
  const coverage = { root: "/s", dataFile: "/t/.coverage", sources: ["pkg"] };
  const py = "/venv/bin/python";
  deepStrictEqual(pytestArgv(py, "/j.xml", ["tests"], undefined, "script").slice(0, 2), [
    "/venv/bin/pytest",
    "--junitxml=/j.xml",
  ]);
  deepStrictEqual(pytestArgv(py, "/j.xml", [], undefined, "module").slice(0, 3), [
    py,
    "-m",
    "pytest",
  ]);
  const underCoverage = pytestArgv(py, "/j.xml", [], coverage, "script");
  deepStrictEqual(underCoverage.slice(0, 4), [py, "-m", "coverage", "run"]);
  strictEqual(underCoverage[underCoverage.indexOf("--junitxml=/j.xml") - 1], "/venv/bin/pytest");
});

Deno.test("coverageSources() gives a flat-layout package as its site-packages folder under the `pytest` command", () => {
  const layout = {
    packages: ["flat", "srcpkg"],
    sitePackages: "/venv/lib/python3.11/site-packages",
    rootFolders: new Set(["flat", "src", "tests"]),
  };
  deepStrictEqual(coverageSources({ ...layout, invocation: "script" }), [
    ["/venv/lib/python3.11/site-packages/flat"],
    ["srcpkg"],
  ]);
  deepStrictEqual(coverageSources({ ...layout, invocation: "module" }), [["flat"], ["srcpkg"]]);
  deepStrictEqual(
    coverageSources({ packages: ["flat"], rootFolders: layout.rootFolders, invocation: "script" }),
    [["flat"]],
    "run from the source tree: the root folder is what runs",
  );
});

Deno.test("coverageSources() gives a src-layout package that a root folder's name shadows as its own folders", () => {
  const layout = {
    packages: ["pkg"],
    rootFolders: new Set(["pkg", "src", "tests"]),
    src: { root: "/snap", packages: new Set(["pkg"]) },
    invocation: "module" as const,
  };
  deepStrictEqual(
    coverageSources({ ...layout, sitePackages: "/venv/lib/python3.11/site-packages" }),
    [["/snap/src/pkg", "/venv/lib/python3.11/site-packages/pkg"]],
  );
  deepStrictEqual(coverageSources(layout), [["/snap/src/pkg"]], "run from the source tree");
  deepStrictEqual(
    coverageSources({ ...layout, rootFolders: new Set(["src", "tests"]) }),
    [["pkg"]],
    "no root folder of that name: by name",
  );
});

Deno.test("measuredPackages() keeps to what the maintainers' --cov names, else every package", () => {
  const packages = ["app", "lab", "tools"];
  deepStrictEqual(measuredPackages(["app"], packages), ["app"]);
  deepStrictEqual(measuredPackages(["src/lab/", "app.core"], packages), ["app", "lab"]);
  deepStrictEqual(measuredPackages(["src"], packages), packages, "a folder of packages: all");
  deepStrictEqual(measuredPackages(["."], packages), packages);
  deepStrictEqual(measuredPackages([], packages), packages);
});
