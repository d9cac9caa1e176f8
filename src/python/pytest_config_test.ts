import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { parse } from "smol-toml";
import { readIni } from "./_plan_sources_testing.ts";
import { choosePytestConfig, configPlugins } from "./pytest_config.ts";

const PYPROJECT =
  '[project]\nname = "x"\n[tool.pytest.ini_options]\naddopts = "--cov=x"\ntestpaths = ["tests"]\n';

Deno.test("choosePytestConfig() applies pytest's own order of ini files", async (t) => {
  const pytestIni = await readIni("pytest.ini", "[pytest]\ntestpaths = a\n");
  const wrongHeader = await readIni("pytest.ini", "[tool:pytest]\ntestpaths = a\n");
  const toxIni = await readIni("tox.ini", "[tox]\nenvlist = py\n[pytest]\ntestpaths = c\n");
  const toxNoPytest = await readIni("tox.ini", "[tox]\nenvlist = py\n");
  const setupCfg = await readIni(
    "setup.cfg",
    "[metadata]\nname = x\n\n[tool:pytest]\ntestpaths = d\n",
  );
  const pyproject = { path: "pyproject.toml", doc: parse(PYPROJECT), text: PYPROJECT };
  const bare = { path: "pyproject.toml", doc: parse('[project]\nname = "x"\n'), text: "" };
  const cases: Array<
    [string, Parameters<typeof choosePytestConfig>[0], string | undefined, string[]]
  > = [
    [
      "pytest.ini beats everything",
      { ini: [setupCfg, toxIni, pytestIni], pyproject },
      "pytest.ini",
      ["a"],
    ],
    [
      "pytest.ini without [pytest] still wins, empty",
      { ini: [wrongHeader, setupCfg] },
      "pytest.ini",
      [],
    ],
    [
      "pyproject with the table beats tox.ini",
      { ini: [toxIni, setupCfg], pyproject },
      "pyproject.toml",
      ["tests"],
    ],
    ["pyproject without it does not", { ini: [toxIni], pyproject: bare }, "tox.ini", ["c"]],
    ["tox.ini without [pytest] does not", { ini: [toxNoPytest, setupCfg] }, "setup.cfg", ["d"]],
    ["nothing", { ini: [toxNoPytest] }, undefined, []],
  ];
  for (const [name, inputs, file, testpaths] of cases) {
    await t.step(name, () => {
      const config = choosePytestConfig(inputs);
      strictEqual(config?.file, file);
      deepStrictEqual(config?.options.testpaths?.values ?? [], testpaths);
    });
  }
});

Deno.test("choosePytestConfig() reads pytest 9's native [tool.pytest] table", () => {
  const text = '[tool.pytest]\naddopts = ["-n", "2"]\nminversion = "9.0"\n';
  const config = choosePytestConfig({
    ini: [],
    pyproject: { path: "pyproject.toml", doc: parse(text), text },
  });
  strictEqual(config?.section, "[tool.pytest]");
  deepStrictEqual(config.options.addopts, { values: ["-n", "2"], line: 2 });
});

Deno.test("choosePytestConfig() puts pytest.toml first", async () => {
  const text = '[pytest]\ntestpaths = ["t"]\n';
  const toml = [{ path: "pytest.toml", doc: parse(text), text }];
  const ini = [await readIni("pytest.ini", "[pytest]\ntestpaths = a\n")];
  deepStrictEqual(choosePytestConfig({ ini, toml })?.options.testpaths, { values: ["t"], line: 2 });
});

Deno.test("configPlugins() infers plugins from required_plugins, addopts and ini keys", async () => {
  const ini = await readIni(
    "pytest.ini",
    [
      "[pytest]",
      "required_plugins = pytest-mock>=3 pytest-cov",
      'addopts = --cov=pkg -n 2 --benchmark-skip -p xdist -m "not slow"',
      "asyncio_mode = auto",
      "timeout = 60",
      "env =",
      "    MODE=test",
    ].join("\n"),
  );
  const config = choosePytestConfig({ ini: [ini] });
  const plugins = config ? configPlugins(config) : [];
  deepStrictEqual(plugins.map((p) => [p.name, p.requirement, p.reason, p.line]), [
    ["pytest-mock", "pytest-mock>=3", "pytest `required_plugins`", 2],
    ["pytest-cov", "pytest-cov", "pytest `required_plugins`", 2],
    ["pytest-xdist", "pytest-xdist", "pytest addopts `-n`", 3],
    ["pytest-benchmark", "pytest-benchmark", "pytest addopts `--benchmark-skip`", 3],
    ["pytest-asyncio", "pytest-asyncio", "pytest `asyncio_mode`", 4],
    ["pytest-timeout", "pytest-timeout", "pytest `timeout`", 5],
    ["pytest-env", "pytest-env", "pytest `env`", 6],
  ]);
});
