import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { parse } from "smol-toml";
import { readIni } from "./_plan_sources_testing.ts";
import { UNRESOLVED } from "./pytest_args.ts";
import { expandEnvList, legacyToxIni, substitute, toxFromIni, toxFromToml } from "./tox.ts";

const TOX_INI = [
  "[tox]", // 1
  "envlist = lint, py{39,312}-django{4,5}",
  "",
  "[base]",
  "deps = pytest-mock", // 5
  "",
  "[testenv]",
  "deps =",
  "    pytest>=7  # a comment",
  "    django4: Django>=4,<5", // 10
  "    django5: Django>=5,<6",
  "    -r{toxinidir}/requirements-test.txt",
  "    {[base]deps}",
  "    -c constraints.txt",
  "extras = test, yaml", // 15
  "dependency_groups = test",
  "setenv =",
  "    PYTHONHASHSEED = 0",
  "    TMPX = {envtmpdir}/x",
  "commands =", // 20
  "    pytest {posargs:tests} --basetemp={envtmpdir} \\",
  "        -p no:cacheprovider",
  "",
  "[testenv:lint]",
  "skip_install = true", // 25
  "deps = ruff",
  "commands = ruff check .",
].join("\n");

Deno.test("expandEnvList() expands braces and splits at top-level commas", () => {
  deepStrictEqual(expandEnvList("lint, py{39,312}-django{4,5}\n  docs"), [
    "lint",
    "py39-django4",
    "py39-django5",
    "py312-django4",
    "py312-django5",
    "docs",
  ]);
  deepStrictEqual(expandEnvList("py{310-312}t"), ["py310t", "py311t", "py312t"]);
});

Deno.test("substitute() applies tox substitutions", async (t) => {
  const cases: Array<[string, string, string[] | undefined]> = [
    ["pytest {posargs}", "pytest ", undefined],
    ["pytest {posargs:tests -m fast}", "pytest tests -m fast", undefined],
    ["pytest {posargs:tests}", "pytest -k x", ["-k", "x"]],
    ["-r{toxinidir}/req.txt", "-r./req.txt", undefined],
    ["{tox_root}", ".", undefined],
    ["{envpython} -m pytest", "python -m pytest", undefined],
    ["--basetemp={envtmpdir}", `--basetemp=${UNRESOLVED}`, undefined],
    ["{env:MODE:fast}", "fast", undefined],
    ["{env:MODE}", UNRESOLVED, undefined],
  ];
  for (const [text, expected, posargs] of cases) {
    await t.step(text, () => strictEqual(substitute(text, posargs), expected));
  }
});

Deno.test("toxFromIni() resolves an environment of tox.ini", async () => {
  const config = toxFromIni(await readIni("tox.ini", TOX_INI), "tox");
  ok(config);
  deepStrictEqual(config.envList.slice(0, 2), ["lint", "py39-django4"]);
  const env = config.env("py39-django4");
  deepStrictEqual(env.requirements.map((r) => [r.text, r.line]), [
    ["pytest>=7", 9],
    ["Django>=4,<5", 10],
    ["pytest-mock", 5],
  ]);
  deepStrictEqual(env.requirementsFiles, ["requirements-test.txt"]);
  deepStrictEqual(env.extras, ["test", "yaml"]);
  deepStrictEqual(env.dependencyGroups, ["test"]);
  deepStrictEqual(env.env, { PYTHONHASHSEED: "0" });
  deepStrictEqual(env.commands.map((c) => [c.line, c.argv]), [
    [21, ["pytest", "tests", `--basetemp=${UNRESOLVED}`, "-p", "no:cacheprovider"]],
  ]);
  strictEqual(env.installsProject, true);
  strictEqual(env.editable, false, "tox builds a package by default");
  const lint = config.env("lint");
  strictEqual(lint.installsProject, false);
  deepStrictEqual(lint.commands[0]?.argv, ["ruff", "check", "."]);
  deepStrictEqual(config.env("py312-django5", ["-k", "api"]).commands[0]?.argv.slice(0, 3), [
    "pytest",
    "-k",
    "api",
  ]);
});

Deno.test("toxFromIni() reads [tox:tox] of setup.cfg and skipsdist", async () => {
  const cfg = await readIni(
    "setup.cfg",
    "[metadata]\nname = x\n[tox:tox]\nskipsdist = true\n[testenv]\ncommands = python -m unittest\n",
  );
  const config = toxFromIni(cfg, "tox:tox");
  strictEqual(config?.env("py").installsProject, false);
  const plain = await readIni("setup.cfg", "[metadata]\nname = x\n[testenv]\ncommands = pytest\n");
  strictEqual(toxFromIni(plain, "tox:tox"), undefined);
});

Deno.test("toxFromToml() reads native TOML environments", () => {
  const text = [
    "[tool.tox]",
    'env_list = ["py312", "lint"]',
    "[tool.tox.env_run_base]",
    'deps = ["pytest", "-r requirements-dev.txt"]',
    'extras = ["test"]',
    'set_env = { MODE = "ci" }',
    'commands = [["pytest", { replace = "posargs", default = ["tests"], extend = true }, "-v"]]',
    "[tool.tox.env.lint]",
    'package = "skip"',
    'commands = [["ruff", "check"]]',
  ].join("\n");
  const doc = parse(text) as { tool: { tox: Record<string, unknown> } };
  const config = toxFromToml(doc.tool.tox, "pyproject.toml", text);
  ok(config);
  const env = config.env("py312");
  deepStrictEqual(env.commands.map((c) => [c.line, c.argv]), [[7, ["pytest", "tests", "-v"]]]);
  deepStrictEqual(env.requirements.map((r) => r.text), ["pytest"]);
  deepStrictEqual(env.requirementsFiles, ["requirements-dev.txt"]);
  deepStrictEqual(env.env, { MODE: "ci" });
  strictEqual(config.env("lint").installsProject, false);
});

Deno.test("legacyToxIni() finds the INI string and its line offset", () => {
  const text =
    '[project]\nname = "x"\n[tool.tox]\nlegacy_tox_ini = """\n[tox]\nenvlist = py\n"""\n';
  const found = legacyToxIni(parse(text), text);
  deepStrictEqual(found, { text: "[tox]\nenvlist = py\n", lineOffset: 4 });
});

Deno.test("toxFromIni() reads usedevelop and package = editable as an editable install", async () => {
  for (const line of ["usedevelop = true", "package = editable"]) {
    const ini = `[testenv]\n${line}\ncommands = pytest\n`;
    const config = toxFromIni(await readIni("tox.ini", ini), "tox");
    ok(config);
    strictEqual(config.env("py").editable, true, line);
  }
});
