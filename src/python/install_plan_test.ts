import { deepStrictEqual } from "node:assert/strict";
import {
  declaredExtras,
  type Layer,
  layerCalls,
  planLayers,
  unplannedSources,
} from "./install_plan.ts";
import type { Manifests } from "./manifests.ts";
import type { Requirement } from "./requirements.ts";
import type { TestPlan } from "./test_plan.ts";

const req = (raw: string, source = "pyproject.toml"): Requirement => ({
  name: raw.split(/[<>=\[; ]/)[0] as string,
  raw,
  source,
});

const MANIFESTS: Manifests = {
  pyproject: {
    name: "pkg",
    buildRequires: ["setuptools>=61", "setuptools-git-versioning"],
    dependencies: [req("requests>=2")],
    optional: {
      test: [req("pytest-mock"), req("pkg[cov]")],
      cov: [req("pytest-cov")],
      solvers: [req("fancysolver>=2")],
    },
    dev: {},
  },
  requirements: [
    { path: "requirements.txt", requirements: [req("numpy", "requirements.txt")], dev: false },
    {
      path: "requirements-dev.txt",
      requirements: [req("ruff", "requirements-dev.txt")],
      dev: true,
    },
  ],
};

const PLAN: TestPlan = {
  source: "tox",
  why: "tox.ini",
  runner: "pytest",
  pytestInvocation: "module",
  pytestArgs: [],
  coverageTargets: [],
  moduleArgs: [],
  env: {},
  pythonVersions: [],
  installsProject: true,
  installsWritten: false,
  installsEditable: false,
  notInstalled: [],
  pieces: [],
  problems: [],
  extras: ["test"],
  requirements: [{ requirement: "freezegun", wantedBy: "tox.ini deps" }],
  requirementsFiles: ["requirements-dev.txt"],
  plugins: [
    { name: "pytest-xdist", reason: "`addopts` uses `-n`", declared: false },
    { name: "pytest-cov", reason: "`addopts` uses `--cov`", declared: true },
  ],
};

const summary = (layers: Layer[]) =>
  layers.map((
    l,
  ) => [l.name, l.requirements.map((r) => r.requirement), l.requirementsFiles, !!l.project]);

Deno.test("planLayers() plans tools, backend, core, the test layer (a call per source) and each other extra", () => {
  const layers = planLayers({
    plan: PLAN,
    manifests: MANIFESTS,
    installProject: true,
    planFiles: { "requirements-dev.txt": [req("ruff", "requirements-dev.txt")] },
  });
  deepStrictEqual(summary(layers), [
    ["claimcheck's tools", ["pytest", "coverage", "build", "wheel"], [], false],
    ["build backend", ["setuptools>=61", "setuptools-git-versioning"], [], false],
    ["core dependencies", [], [], true],
    ["requirements files", [], ["requirements.txt"], false],
    ["test layer", ["freezegun"], [], false],
    ["test layer", ["pytest-mock", "pytest-cov"], [], false],
    ["test layer", ["pytest-xdist"], [], false],
    ["test layer", [], ["requirements-dev.txt"], false],
    ["extra `cov`", ["pytest-cov"], [], false],
    ["extra `solvers`", ["fancysolver>=2"], [], false],
  ]);
  deepStrictEqual(layerCalls(layers[1] as Layer, "/s"), [[
    "--upgrade",
    "setuptools>=61",
    "setuptools-git-versioning",
  ]]);
  deepStrictEqual(layerCalls(layers[2] as Layer, "/s"), [["--no-build-isolation", "/s"]]);
});

Deno.test("planLayers() installs only what a written install names: no other requirements file or extra", () => {
  const plan: TestPlan = {
    ...PLAN,
    installsWritten: true,
    notInstalled: ["test_requirements.txt"],
    requirementsFiles: [],
  };
  const input = { plan, manifests: MANIFESTS, installProject: true, planFiles: {} };
  deepStrictEqual(summary(planLayers(input)), [
    ["claimcheck's tools", ["pytest", "coverage", "build", "wheel"], [], false],
    ["build backend", ["setuptools>=61", "setuptools-git-versioning"], [], false],
    ["core dependencies", [], [], true],
    ["test layer", ["freezegun"], [], false],
    ["test layer", ["pytest-mock", "pytest-cov"], [], false],
    ["test layer", ["pytest-xdist"], [], false],
  ]);
  deepStrictEqual(unplannedSources(input), [
    "requirements.txt",
    "extra `cov`",
    "extra `solvers`",
    "test_requirements.txt",
  ]);
  deepStrictEqual(unplannedSources({ plan: PLAN, manifests: MANIFESTS }), []);
});

Deno.test("planLayers() from the source tree lists the core dependencies and builds nothing", () => {
  const layers = planLayers({
    plan: { ...PLAN, installsProject: false },
    manifests: MANIFESTS,
    installProject: false,
    planFiles: {},
  });
  deepStrictEqual(layers.map((l) => l.kind), [
    "tools",
    "core",
    "test",
    "test",
    "test",
    "test",
    "extra",
    "extra",
  ]);
  deepStrictEqual(layerCalls(layers[1] as Layer, "/s"), [[
    "-r",
    "/s/requirements.txt",
    "requests>=2",
  ]]);
});

Deno.test("declaredExtras() expands an extra that names the project itself", () => {
  deepStrictEqual(declaredExtras(MANIFESTS).test?.map((r) => r.raw), ["pytest-mock", "pytest-cov"]);
});

Deno.test("planLayers() installs an extra no parsed manifest lists through the project", () => {
  const layers = planLayers({
    plan: { ...PLAN, extras: ["testing"], requirements: [], plugins: [], requirementsFiles: [] },
    manifests: { requirements: [] },
    installProject: true,
    planFiles: {},
  });
  const test = layers.find((l) => l.kind === "test") as Layer;
  deepStrictEqual(layerCalls(test, "/s"), [["--no-build-isolation", "/s[testing]"]]);
});
