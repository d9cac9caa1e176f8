import { deepStrictEqual } from "node:assert/strict";
import { parseSetupCfg } from "./setup_cfg.ts";

Deno.test("parseSetupCfg() reads install_requires, extras and tests_require with lines", () => {
  const text = [
    "[metadata]",
    "name = demo",
    "",
    "[options]",
    "packages = find:",
    "install_requires =",
    "    requests>=2",
    "    # a comment",
    '    importlib-metadata; python_version < "3.8"',
    "tests_require = pytest",
    "",
    "[options.extras_require]",
    "yaml = PyYAML",
    "test =",
    "    pytest",
    "    coverage",
  ].join("\n");
  const cfg = parseSetupCfg(text, "setup.cfg");
  deepStrictEqual(
    cfg.dependencies.map((r) => [r.name, r.line]),
    [["requests", 7], ["importlib-metadata", 9]],
  );
  deepStrictEqual(
    Object.fromEntries(Object.entries(cfg.optional).map(([k, v]) => [k, v.map((r) => r.name)])),
    { yaml: ["PyYAML"], test: ["pytest", "coverage"] },
  );
  deepStrictEqual(cfg.dev["tests_require"]?.map((r) => r.name), ["pytest"]);
});

Deno.test("parseSetupCfg() of a file without [options] declares nothing", () => {
  deepStrictEqual(parseSetupCfg("[flake8]\nmax-line-length = 100\n", "setup.cfg"), {
    dependencies: [],
    optional: {},
    dev: {},
  });
});
