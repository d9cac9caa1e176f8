/**
 * End to end: real audits of the fixtures of the test-plan and layered-install work — each
 * maintainer's way of running tests (tox, nox, CI, pytest configuration, Poetry and PEP 735
 * groups), a missing optional extra, a project that needs a newer Python, undeclared plugins and a
 * flaky test — through the sandboxed executor and the local package index.
 * @module
 */
import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { audit } from "../src/audit.ts";
import type { Report } from "../src/report/schema.ts";
import { check, fixture, values } from "./_report_helpers.ts";

// The machine's index is a local mirror; without this pip would try PyPI for a minute first.
if (!Deno.env.get("PIP_INDEX_URL")) Deno.env.set("PIP_INDEX_URL", "file:///opt/pypi/simple");

const ONLY = ["install.python", "tests.pytest"];

/** The install and test checks, with their statuses, for assertion messages. */
function statuses(report: Report): string {
  return ["install.python", "tests.pytest"].map((id) => {
    const c = check(report, id);
    return `${id}=${c.status}: ${c.summary}`;
  }).join("\n");
}

/** Audit a fixture's install and tests; the counts of tests.pytest, its plan and both results. */
async function auditTests(name: string) {
  const report = await audit({ target: fixture(name), only: ONLY });
  const tests = check(report, "tests.pytest");
  return {
    all: statuses(report),
    install: check(report, "install.python"),
    tests,
    counts: values(tests),
    plan: tests.plan,
  };
}

Deno.test("py_tox_only: tests and their deps from tox.ini, with its setenv", async () => {
  const r = await auditTests("py_tox_only");
  strictEqual(r.plan?.source, "tox", r.all);
  deepStrictEqual(r.plan?.pytestArgs, ["tests"]);
  deepStrictEqual(r.plan?.env, { TOXONLY_STRICT: "1" });
  strictEqual(r.install.status, "pass", r.all);
  strictEqual(r.tests.status, "pass", r.all);
  strictEqual(r.counts["tests.passed"], 5);
});

Deno.test("py_nox_only: the nox session's installs, selection and env", async () => {
  const r = await auditTests("py_nox_only");
  strictEqual(r.plan?.source, "nox", r.all);
  deepStrictEqual(r.plan?.pytestArgs, ["tests", "-k", "not experimental"]);
  deepStrictEqual(r.plan?.env, { NOXONLY_UNITS: "metric" });
  strictEqual(r.tests.status, "pass", r.all);
  strictEqual(r.counts["tests.passed"], 5);
});

Deno.test("py_ci_only: only the workflow says pytest tests/unit -m 'not slow' after .[test]", async () => {
  const r = await auditTests("py_ci_only");
  strictEqual(r.plan?.source, "ci", r.all);
  deepStrictEqual(r.plan?.pytestArgs, ["tests/unit", "-m", "not slow"]);
  deepStrictEqual(r.plan?.extras, ["test"]);
  strictEqual(r.tests.status, "pass", r.all);
  strictEqual(r.counts["tests.passed"], 4);
  strictEqual(r.counts["tests.failed"], 0);
});

Deno.test("py_extra_missing: what no index has is left out, the suite runs, its skips are environment skips", async () => {
  const r = await auditTests("py_extra_missing");
  strictEqual(r.install.status, "warn", r.all);
  match(
    r.install.summary,
    /left out: claimcheck-fixture-absent-solver>=2, wanted by extra `solvers`: not on the configured index/,
  );
  match(r.install.summary, /left out: claimcheck-fixture-absent-testtool>=1, wanted by test layer/);
  strictEqual(r.tests.status, "pass", r.all);
  strictEqual(r.counts["tests.passed"], 4);
  strictEqual(r.counts["tests.skipped"], 3);
  strictEqual(r.counts["tests.skipped.environment"], 2);
  match(r.tests.summary, /2 skipped because a module is missing here/);
});

Deno.test("py_requires_312: an interpreter that satisfies requires-python >=3.12 is chosen", async () => {
  const r = await auditTests("py_requires_312");
  match(r.install.summary, /with Python 3\.1[2-9]\.\d+ .*satisfies requires-python >=3\.12/, r.all);
  ok(["pass", "warn"].includes(r.install.status), r.all);
  strictEqual(r.tests.status, "pass", r.all);
  strictEqual(r.counts["tests.passed"], 4);
});

Deno.test("py_addopts_cov: plugins addopts needs but nobody declares are installed and reported", async () => {
  const r = await auditTests("py_addopts_cov");
  const findings = r.install.findings.map((f) => f.message);
  ok(
    findings.some((m) => /`--cov` but pytest-cov is declared nowhere/.test(m)),
    findings.join("\n"),
  );
  ok(
    findings.some((m) => /`-n` but pytest-xdist is declared nowhere/.test(m)),
    findings.join("\n"),
  );
  strictEqual(r.tests.status, "pass", r.all);
  strictEqual(r.counts["tests.passed"], 6);
});

Deno.test("py_addopts_cov: claimcheck's coverage run keeps pytest-cov and xdist from taking the data", async () => {
  const report = await audit({
    target: fixture("py_addopts_cov"),
    only: [...ONLY, "coverage.python"],
  });
  const coverage = check(report, "coverage.python");
  strictEqual(coverage.status, "pass", coverage.summary);
  strictEqual(values(coverage)["coverage.lines"], 100, coverage.summary);
});

Deno.test("py_pytest_script: pytest starts as the `pytest` command tox runs, the cwd off sys.path", async () => {
  const r = await auditTests("py_pytest_script");
  strictEqual(r.plan?.pytestInvocation, "script", r.all);
  strictEqual(r.counts["tests.passed"], 2, r.all);
  strictEqual(r.counts["tests.collectionErrors"], 1, r.all);
});

Deno.test("py_make_install: only what `make install` names is installed, and the rest is named", async () => {
  const r = await auditTests("py_make_install");
  strictEqual(r.plan?.source, "make", r.all);
  strictEqual(r.plan?.installsWritten, true);
  ok(
    r.install.findings.some((f) =>
      /^Not installed: requirements\.txt, extra `color`: the maintainers' install \(make\)/.test(
        f.message,
      )
    ),
    r.install.findings.map((f) => f.message).join("\n"),
  );
  // six comes only from requirements.txt: as the maintainers set it up, that test file fails to collect.
  strictEqual(r.counts["tests.passed"], 3, r.all);
  strictEqual(r.counts["tests.collectionErrors"], 1, r.all);
});

Deno.test("py_flaky: the test that passes on its rerun is flaky, the one that always fails is not", async () => {
  const r = await auditTests("py_flaky");
  strictEqual(r.tests.status, "fail", r.all);
  strictEqual(r.counts["tests.flaky"], 1);
  strictEqual(r.counts["tests.failed"], 2);
  match(r.tests.summary, /1 flaky: tests\/test_cache\.py::test_cache_is_warm failed 1 of \d runs/);
  ok(!/test_1900_is_not_a_leap_year is flaky/.test(r.tests.findings.map((f) => f.message).join()));
});

Deno.test("py_poetry_groups and py_dependency_groups: test layers from Poetry and PEP 735 groups", async () => {
  const poetry = await auditTests("py_poetry_groups");
  strictEqual(poetry.tests.status, "pass", poetry.all);
  strictEqual(poetry.counts["tests.passed"], 5);
  const groups = await auditTests("py_dependency_groups");
  strictEqual(groups.tests.status, "pass", groups.all);
  strictEqual(groups.counts["tests.passed"], 4);
  const wanted = groups.plan?.requirements.map((r) => r.requirement.split(/[<>=!~ ;[]/)[0]) ?? [];
  for (const name of ["pytest", "more-itertools", "pyflakes"]) {
    ok(wanted.includes(name), `${name} not in the test layer: ${wanted.join(", ")}`);
  }
});
