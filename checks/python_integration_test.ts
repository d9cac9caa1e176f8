/**
 * End to end: real audits of the Python fixtures and of broken Python repositories, through the
 * executor, a fresh venv per audit and the local package index.
 * @module
 */
import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { audit } from "../src/audit.ts";
import type { Report } from "../src/report/schema.ts";
import { walkTree } from "../src/tree_hash.ts";
import { writeTree } from "./_real_context.ts";
import { check, fixture, values } from "./_report_helpers.ts";

// The machine's index is a local mirror; without this pip would try PyPI for a minute first.
if (!Deno.env.get("PIP_INDEX_URL")) Deno.env.set("PIP_INDEX_URL", "file:///opt/pypi/simple");

/** The Python checks, with their statuses, for assertion messages. */
function statuses(report: Report): string {
  return report.checks.filter((c) => /python|pytest/.test(c.id)).map((c) =>
    `${c.id}=${c.status}: ${c.summary}`
  ).join("\n");
}

async function withTree(
  files: Record<string, string>,
  body: (root: string) => Promise<void>,
): Promise<void> {
  const root = await writeTree(files);
  try {
    await body(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

const PYPROJECT = (deps: string) =>
  `[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "probe"\nversion = "0.1.0"\ndependencies = [${deps}]\n`;

Deno.test("audit() of py_ok: installs, builds, 13 passed, partial coverage, level ≥ 3", async () => {
  const before = await walkTree(fixture("py_ok"));
  const report = await audit({ target: fixture("py_ok") });
  deepStrictEqual(await walkTree(fixture("py_ok")), before, "the fixture's tree was written");
  const all = statuses(report);
  strictEqual(check(report, "deps.python").status, "pass", all);
  strictEqual(check(report, "install.python").status, "pass", all);
  const build = check(report, "build.python");
  strictEqual(build.status, "pass", all);
  ok((values(build)["build.artifactBytes"] ?? 0) > 1000, build.summary);

  const tests = check(report, "tests.pytest");
  strictEqual(tests.status, "pass", all);
  const counts = values(tests);
  deepStrictEqual(
    ["passed", "failed", "errors", "skipped", "xfailed", "total", "collectionErrors"].map((k) =>
      counts[`tests.${k}`]
    ),
    [13, 0, 0, 1, 1, 15, 0],
  );
  strictEqual(tests.evidence[0]?.network, report.environment.isolation.startsWith("none"));

  const coverage = values(check(report, "coverage.python"));
  const lines = coverage["coverage.lines"] ?? NaN;
  const branches = coverage["coverage.branches"] ?? NaN;
  ok(lines > 50 && lines < 100 && branches > 0 && branches < lines, JSON.stringify(coverage));

  const perf = check(report, "perf.python-import");
  strictEqual(perf.status, "pass", all);
  const pyok = perf.measurements.find((m) => m.metric === "perf.import.pyok");
  strictEqual(pyok?.stats?.runs, 5);
  ok(report.level.value >= 3, JSON.stringify(report.level));
});

Deno.test("audit() of py_source_only: run from the source tree, its import is timed and its -m entry point starts", async () => {
  const report = await audit({ target: fixture("py_source_only") });
  const all = statuses(report);
  match(check(report, "install.python").summary, /its tests run from the source tree/, all);
  strictEqual(check(report, "build.python").status, "unverified", all);
  strictEqual(values(check(report, "tests.pytest"))["tests.passed"], 2, all);
  // the test package imports itself by name, from the folder pytest puts on sys.path
  strictEqual(check(report, "deps.python").status, "pass", all);
  const perf = check(report, "perf.python-import");
  strictEqual(perf.status, "pass", all);
  strictEqual(perf.measurements.find((m) => m.metric === "perf.import.srconly")?.stats?.runs, 5);
  const run = check(report, "run.entrypoints");
  strictEqual(run.status, "pass", `${run.summary}\n${JSON.stringify(run.findings)}`);
  match(run.summary, /entry points 1 ok, 0 failed/);
});

Deno.test("audit() of py_src_copy: coverage is of the src copy the tests import, not a same-named root folder", async () => {
  const report = await audit({ target: fixture("py_src_copy") });
  const all = statuses(report);
  strictEqual(values(check(report, "tests.pytest"))["tests.passed"], 1, all);
  const coverage = check(report, "coverage.python");
  match(coverage.summary, /^Lines 75% \(3\/4\)/, all);
  ok(coverage.findings.some((f) => /site-packages\/twincopy is not counted/.test(f.message)), all);
});

Deno.test("audit() of py_missing_dep: tenacity missing at its line, six unused, level 0", async () => {
  const report = await audit({ target: fixture("py_missing_dep") });
  const all = statuses(report);
  const deps = check(report, "deps.python");
  strictEqual(deps.status, "fail", all);
  deepStrictEqual([values(deps)["deps.missing"], values(deps)["deps.unused"]], [1, 1]);
  const missing = deps.findings.find((f) => f.message.startsWith("tenacity "));
  deepStrictEqual([missing?.file, missing?.line], ["src/pymissing/fetch.py", 4]);
  ok(deps.findings.some((f) => f.message.startsWith("six is declared")), all);

  const install = check(report, "install.python");
  strictEqual(install.status, "fail", all);
  match(install.summary, /ModuleNotFoundError: No module named 'tenacity'/);

  const tests = check(report, "tests.pytest");
  strictEqual(tests.status, "fail", all);
  match(tests.summary, /could not be collected: ModuleNotFoundError tenacity ×1/);
  strictEqual(values(tests)["tests.passed"], 0);
  strictEqual(report.level.value, 0, JSON.stringify(report.level));
});

Deno.test("audit() of py_collect_error: one test file not collected (torch), the rest pass", async () => {
  const report = await audit({ target: fixture("py_collect_error") });
  const all = statuses(report);
  strictEqual(check(report, "install.python").status, "pass", all);
  const tests = check(report, "tests.pytest");
  strictEqual(tests.status, "fail", all);
  match(tests.summary, /1 test file could not be collected: ModuleNotFoundError torch ×1/);
  deepStrictEqual(
    [values(tests)["tests.passed"], values(tests)["tests.collectionErrors"]],
    [3, 1],
  );
  deepStrictEqual(tests.findings.map((f) => [f.file, f.line]), [["tests/test_gpu.py", 1]]);
  const deps = check(report, "deps.python");
  strictEqual(deps.status, "warn", all);
  ok(deps.findings.some((f) => f.message.startsWith("torch ") && f.file === "tests/test_gpu.py"));
  ok(report.level.value < 3, JSON.stringify(report.level));
});

Deno.test("audit() of py_setuppy: setup.py + requirements.txt, a unittest suite run by pytest", async () => {
  const report = await audit({ target: fixture("py_setuppy") });
  const all = statuses(report);
  for (const id of ["deps.python", "install.python", "build.python", "tests.pytest"]) {
    strictEqual(check(report, id).status, "pass", all);
  }
  strictEqual(values(check(report, "tests.pytest"))["tests.passed"], 4);
  ok(report.level.value >= 3, JSON.stringify(report.level));
});

Deno.test("audit() of py_failing: 8 passed, the 2 failures named at their lines, level < 3", async () => {
  const report = await audit({ target: fixture("py_failing") });
  const tests = check(report, "tests.pytest");
  strictEqual(tests.status, "fail", statuses(report));
  deepStrictEqual([values(tests)["tests.passed"], values(tests)["tests.failed"]], [8, 2]);
  deepStrictEqual(tests.findings.map((f) => [f.message.split(" ")[0], f.file, f.line]), [
    ["tests/test_calendar.py::test_is_leap_century", "tests/test_calendar.py", 13],
    ["tests/test_roman.py::test_roman_four", "tests/test_roman.py", 11],
  ]);
  ok(report.level.value < 3, JSON.stringify(report.level));
});

Deno.test("audit() of an invalid pyproject.toml: deps.python names file and line, the rest still run", async () => {
  await withTree({
    "pyproject.toml": '[project]\nname = "probe"\ndependencies = ["six",\n  "tenacity"\n[tool.x]\n',
    "probe/__init__.py": "import six\n",
  }, async (root) => {
    const report = await audit({ target: root, only: ["deps.python", "install.python"] });
    const deps = check(report, "deps.python");
    strictEqual(deps.status, "error");
    match(deps.summary, /^Cannot parse pyproject\.toml:5: /);
    const install = check(report, "install.python");
    ok(install.evidence.length > 0, install.summary);
    strictEqual(install.status, "fail", install.summary);
  });
});

Deno.test("audit() of a setup.py that runs code and needs a package the index lacks", async () => {
  const setup = [
    "import os",
    "from setuptools import setup",
    "here = os.path.dirname(os.path.abspath(__file__))",
    "for folder in (here, os.path.dirname(here)):",
    "    try:",
    "        open(os.path.join(folder, 'SETUP_PY_RAN'), 'w').write('setup.py ran here')",
    "    except OSError:",
    "        pass  # the sandbox may mount it read-only",
    "setup(name='probe', version='0.1', packages=['probe'],",
    "      install_requires=['nonexistent-claimcheck-pkg>=1'])",
  ].join("\n");
  await withTree({ "setup.py": setup, "probe/__init__.py": "" }, async (root) => {
    const before = await walkTree(root);
    const report = await audit({ target: root, only: ["install.python"] });
    const install = check(report, "install.python");
    strictEqual(install.status, "unverified", install.summary);
    match(install.summary, /not on the configured package index: nonexistent-claimcheck-pkg/);
    const after = await walkTree(root);
    deepStrictEqual(after, before, "the target's tree was written");
  });
});

Deno.test("audit() of a hanging test: tests.pytest is an error, timed out", async () => {
  await withTree({
    "pyproject.toml": PYPROJECT(""),
    "probe/__init__.py": "",
    "tests/test_hang.py": "import time\n\ndef test_hangs():\n    time.sleep(3600)\n",
  }, async (root) => {
    const report = await audit({ target: root, only: ["tests.pytest"], timeoutMs: 8_000 });
    strictEqual(check(report, "install.python").status, "pass", statuses(report));
    const tests = check(report, "tests.pytest");
    strictEqual(tests.status, "error", tests.summary);
    match(tests.summary, /timed out/);
    strictEqual(tests.evidence[0]?.timedOut, true);
  });
});

Deno.test("audit() of a test that needs the network: it fails offline and says so", async () => {
  await withTree({
    "pyproject.toml": PYPROJECT(""),
    "probe/__init__.py": "",
    "tests/test_net.py": [
      "import socket",
      "",
      "def test_reaches_the_registry():",
      "    socket.create_connection(('registry.npmjs.org', 443), timeout=5).close()",
      "",
      "def test_offline():",
      "    assert 1 + 1 == 2",
    ].join("\n"),
  }, async (root) => {
    const report = await audit({ target: root, only: ["tests.pytest"] });
    const tests = check(report, "tests.pytest");
    if (report.environment.isolation.startsWith("none")) {
      strictEqual(tests.evidence[0]?.network, true, "without unshare the network stays on");
      return;
    }
    strictEqual(tests.evidence[0]?.network, false);
    strictEqual(tests.status, "fail", tests.summary);
    match(tests.summary, /1 failed, 1 passed \(tests ran with the network off\)/);
  });
});

Deno.test("audit() of a package with a module that does not parse: coverage counts the rest and names it", async () => {
  await withTree({
    "pyproject.toml": PYPROJECT(""),
    "probe/__init__.py": "def double(n):\n    return 2 * n\n",
    "probe/legacy.py": 'print "never imported"\n',
    "tests/test_probe.py":
      "from probe import double\n\n\ndef test_double():\n    assert double(2) == 4\n",
  }, async (root) => {
    const report = await audit({
      target: root,
      only: ["install.python", "tests.pytest", "coverage.python"],
    });
    const coverage = check(report, "coverage.python");
    strictEqual(coverage.status, "pass", statuses(report));
    strictEqual(values(coverage)["coverage.lines"], 100);
    match(coverage.summary, /1 file that do not parse not counted$/);
    deepStrictEqual(coverage.findings.map((f) => f.message), [
      "probe/legacy.py is not counted: coverage.py cannot parse it",
    ]);
  });
});

Deno.test("audit() of a source file with a syntax error: a finding at its line, the scan goes on", async () => {
  await withTree({
    "pyproject.toml": PYPROJECT('"six"'),
    "probe/__init__.py": "import six\nfrom .broken import x\n",
    "probe/broken.py": "x = 1\nif x =\n",
    "probe/other.py": "import tenacity\n",
  }, async (root) => {
    const report = await audit({ target: root, only: ["deps.python"] });
    const deps = check(report, "deps.python");
    strictEqual(deps.status, "fail", deps.summary);
    const syntax = deps.findings.find((f) => f.file === "probe/broken.py");
    strictEqual(syntax?.line, 2, JSON.stringify(deps.findings));
    ok(deps.findings.some((f) => f.file === "probe/other.py" && f.message.startsWith("tenacity ")));
  });
});
