import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import type { PythonEnv } from "../src/python/env.ts";
import { installPython } from "./install_python.ts";
import { realContext, writeTree } from "./_real_context.ts";

const PROJECT = {
  "pyproject.toml": `[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "layered"
version = "0.1.0"

[project.optional-dependencies]
solvers = ["claimcheck-no-such-dist-xyz>=2", "six"]
`,
  "src/layered/__init__.py": "VALUE = 1\n",
  "tests/test_layered.py": "import layered\n\ndef test_value():\n    assert layered.VALUE == 1\n",
};

function context(root: string, temp: string) {
  const ctx = realContext(root, temp, Object.keys(PROJECT).sort());
  ctx.facts.ecosystems = ["python"];
  ctx.facts.manifests = [{ kind: "pyproject", path: "pyproject.toml" }];
  ctx.facts.interpreters = { python: { path: "python3", version: "3.11.7" } };
  return ctx;
}

Deno.test({
  name: "install.python leaves out an extra's requirement that no index has, and installs the rest",
  sanitizeResources: false,
  async fn() {
    const root = await writeTree(PROJECT);
    const temp = await Deno.makeTempDir({ prefix: "claimcheck-layers-" });
    try {
      Deno.env.set("PIP_INDEX_URL", "file:///opt/pypi/simple");
      const outcome = await installPython.run(context(root, temp));
      strictEqual(outcome.status, "warn", outcome.summary);
      match(
        outcome.summary,
        /partial environment: left out: claimcheck-no-such-dist-xyz>=2, wanted by extra `solvers`: not on the configured index/,
      );
      const env = outcome.data as PythonEnv;
      strictEqual(env.installed, true);
      strictEqual(env.fromSource, false);
      deepStrictEqual(env.imports, { layered: null });
      deepStrictEqual(env.leftOut, [{
        requirement: "claimcheck-no-such-dist-xyz>=2",
        layer: "extra `solvers`",
        reason: "not on the configured index",
      }]);
      const six = await new Deno.Command(env.python, { args: ["-c", "import six"] }).output();
      ok(six.success, "the extra's other requirement is installed");

      const again = await installPython.run(context(root, temp));
      match(again.summary, /^Reused environment [0-9a-f]{24}/);
      strictEqual(again.status, "warn");
      strictEqual((again.data as PythonEnv).python, env.python);
      ok(env.python.startsWith(join(temp, "cache", "python-envs")));
    } finally {
      await Deno.remove(root, { recursive: true });
      await Deno.remove(temp, { recursive: true });
    }
  },
});
