import { deepStrictEqual } from "node:assert/strict";
import { join } from "node:path";
import { fakePython } from "./_fake_python.ts";
import { detect } from "./detect.ts";

Deno.test("detect() reads ecosystems from root manifests and docs outside vendored and fixture folders", async () => {
  const facts = await detect("/nowhere", [
    "README.md",
    "LICENSE",
    "STATUS.md",
    "docs/ITERATION_5_SUMMARY.md",
    "fixtures/demo/README.md",
    "node_modules/x/README.md",
    "pyproject.toml",
    "src/pkg/__init__.py",
    "tests/test_pkg.py",
    "sub/package.json",
    "models/net.onnx",
    "fixtures/tiny.onnx",
  ]);
  deepStrictEqual(facts.ecosystems, ["python"]);
  deepStrictEqual(facts.manifests, [{ kind: "pyproject", path: "pyproject.toml" }]);
  deepStrictEqual(facts.testRunners, ["pytest"]);
  deepStrictEqual(facts.docs, [
    { kind: "readme", path: "README.md" },
    { kind: "license", path: "LICENSE" },
    { kind: "status", path: "STATUS.md" },
    { kind: "status", path: "docs/ITERATION_5_SUMMARY.md" },
  ]);
  deepStrictEqual(facts.models, ["models/net.onnx"]);
});

Deno.test("detect() sees Deno tests and an empty tree", async () => {
  const deno = await detect("/nowhere", ["deno.json", "mod.ts", "mod_test.ts"]);
  deepStrictEqual([deno.ecosystems, deno.testRunners], [["deno"], ["deno"]]);
  const empty = await detect("/nowhere", ["NOTHING.txt"]);
  deepStrictEqual([empty.ecosystems, empty.manifests, empty.docs], [[], [], []]);
});

Deno.test("detect() lists the machine's Pythons and those of --python-search for a Python target only", async () => {
  const dir = await Deno.makeTempDir({ prefix: "claimcheck-detect-" });
  try {
    await fakePython(join(dir, "bin", "python3.99"), "3.99.0");
    const python = await detect("/nowhere", ["pyproject.toml"], { pythonSearch: [dir] });
    deepStrictEqual(python.pythons.at(-1), {
      path: join(dir, "bin", "python3.99"),
      version: "3.99.0",
    });
    const deno = await detect("/nowhere", ["deno.json"], { pythonSearch: [dir] });
    deepStrictEqual(deno.pythons, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
