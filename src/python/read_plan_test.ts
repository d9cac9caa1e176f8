import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { realContext, writeTree } from "../../checks/_real_context.ts";
import { fakeContext } from "./_fake_context.ts";
import { planFiles, readTestPlan } from "./read_plan.ts";

const TREE: Record<string, string> = {
  "setup.py": "from setuptools import setup\nsetup(name='pkg')\n",
  "tox.ini": [
    "[tox]",
    "envlist = py",
    "[testenv]",
    "deps =",
    "    pytest",
    "    -r requirements/test.txt",
    "commands = python -m pytest {posargs} --junitxml={envtmpdir}/j.xml -m 'not net'",
    "[pytest]",
    "addopts = -p xdist",
  ].join("\n"),
  "setup.cfg": "[tox:tox]\nenvlist = other\n[tool:pytest]\ntestpaths = ignored\n",
  "noxfile.py": "import nox\n@nox.session\ndef tests(session):\n    session.run('pytest')\n",
  "requirements/test.txt": "hypothesis\n",
  "pyproject.toml": '[tool.tox]\nlegacy_tox_ini = """\n[tox]\nenvlist = py\n"""\n',
};

Deno.test("readTestPlan() reads tox.ini and the pytest configuration through plan_sources.py", async () => {
  const root = await writeTree(TREE);
  const temp = await Deno.makeTempDir();
  try {
    const ctx = realContext(root, temp, Object.keys(TREE).sort());
    ctx.facts.interpreters.python = { path: "python3", version: "3" };
    const plan = await readTestPlan(ctx);
    strictEqual(plan.source, "tox");
    strictEqual(
      plan.command,
      "python -m pytest {posargs} --junitxml={envtmpdir}/j.xml -m 'not net'",
    );
    deepStrictEqual(plan.pytestArgs, ["-m", "not net"]);
    deepStrictEqual(plan.requirements.map((r) => r.requirement), ["pytest", "pytest-xdist"]);
    deepStrictEqual(plan.plugins, [{
      name: "pytest-xdist",
      reason: "pytest addopts `-p xdist`",
      declared: false,
    }]);
    deepStrictEqual(plan.requirementsFiles, ["requirements/test.txt"]);
    ok(
      plan.pieces.some((p) => p.file === "tox.ini" && p.line === 9 && p.detail.includes("addopts")),
    );
    deepStrictEqual(plan.problems, []);
  } finally {
    await Deno.remove(root, { recursive: true });
    await Deno.remove(temp, { recursive: true });
  }
});

Deno.test("readTestPlan() without Python leaves INI and nox sources out with a problem", async () => {
  await using fake = await fakeContext({
    facts: { files: ["tox.ini", "pyproject.toml"], interpreters: {} },
    handler: () => ({ exitCode: 0 }),
  });
  await Deno.writeTextFile(
    `${fake.ctx.facts.root}/tox.ini`,
    "[tox]\n[testenv]\ncommands = pytest\n",
  );
  await Deno.writeTextFile(
    `${fake.ctx.facts.root}/pyproject.toml`,
    '[project]\nname = "x"\n[tool.pytest.ini_options]\ntestpaths = ["t"]\n',
  );
  const plan = await readTestPlan(fake.ctx);
  strictEqual(fake.calls.length, 0);
  strictEqual(plan.source, "pytest-config");
  match(
    plan.problems[0]?.message ?? "",
    /^No Python interpreter to read tox\.ini; left out of the plan$/,
  );
});

Deno.test("readTestPlan() reports a script that fails and a file that is not regular", async () => {
  await using fake = await fakeContext({
    facts: { files: ["tox.ini", ".github/workflows/ci.yml"] },
    handler: () => ({ exitCode: 1, stderr: "Traceback\nSyntaxError: boom\n" }),
  });
  await Deno.writeTextFile(`${fake.ctx.facts.root}/tox.ini`, "[tox]\n");
  await Deno.mkdir(`${fake.ctx.facts.root}/.github`, { recursive: true });
  await Deno.symlink("/etc/passwd", `${fake.ctx.facts.root}/.github/workflows`).catch(() => {});
  const plan = await readTestPlan(fake.ctx);
  strictEqual(plan.source, "default");
  strictEqual(fake.calls.length, 1);
  ok(
    plan.problems.some((p) => p.message.startsWith("Cannot read tox.ini: ")),
    JSON.stringify(plan.problems),
  );
  ok(
    plan.problems.some((p) => p.file === ".github/workflows/ci.yml"),
    JSON.stringify(plan.problems),
  );
});

Deno.test("planFiles() picks the plan's files from the snapshot's list", () => {
  const files = planFiles([
    ".github/workflows/ci.yml",
    ".github/workflows/sub/x.yml",
    ".github/dependabot.yml",
    "Makefile",
    "noxfile.py",
    "pytest.ini",
    "requirements.txt",
    "requirements/test.txt",
    "docs/requirements.txt",
    "src/pkg/tox.ini",
  ]);
  deepStrictEqual(files, {
    workflows: [".github/workflows/ci.yml"],
    ini: ["pytest.ini"],
    nox: "noxfile.py",
    makefile: "Makefile",
    pytestToml: [],
    requirements: ["requirements.txt", "requirements/test.txt"],
  });
});
