import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { editableRoots, isTestFile, localImports, pythonLayout } from "./layout.ts";

const SRC = [
  "pyproject.toml",
  "src/pkg/__init__.py",
  "src/pkg/core.py",
  "src/helper.py",
  "tests/__init__.py",
  "tests/conftest.py",
  "tests/test_core.py",
  "tests/utils.py",
  "scripts/release.py",
  "build/lib/pkg/__init__.py",
  ".venv/lib/python3.11/site-packages/six.py",
  "setup.py",
];

Deno.test("pythonLayout() finds src-layout packages and gives each file its role", () => {
  const layout = pythonLayout(SRC);
  deepStrictEqual(layout.packages, ["pkg"]);
  deepStrictEqual(layout.modules, ["helper"]);
  strictEqual(layout.setupPy, "setup.py");
  deepStrictEqual(
    Object.fromEntries(layout.sources.map((s) => [s.path, s.role])),
    {
      "src/pkg/__init__.py": "runtime",
      "src/pkg/core.py": "runtime",
      "src/helper.py": "runtime",
      "tests/__init__.py": "test",
      "tests/conftest.py": "test",
      "tests/test_core.py": "test",
      "tests/utils.py": "test",
      "scripts/release.py": "other",
    },
  );
  deepStrictEqual(layout.firstParty, ["helper", "pkg", "scripts", "tests"]);
});

Deno.test("pythonLayout() finds flat-layout packages, not tests or docs folders", () => {
  const layout = pythonLayout([
    "mylib/__init__.py",
    "mylib/sub/__init__.py",
    "docs/conf.py",
    "tests/__init__.py",
    "app.py",
    "noxfile.py",
  ]);
  deepStrictEqual(layout.packages, ["mylib"]);
  deepStrictEqual(layout.modules, []);
  deepStrictEqual(
    layout.sources.filter((s) => s.role === "runtime").map((s) => s.path),
    ["mylib/__init__.py", "mylib/sub/__init__.py", "app.py"],
  );
  strictEqual(layout.setupPy, undefined);
});

Deno.test("localImports() accepts first-party names and a file's neighbours only", () => {
  const isLocal = localImports(pythonLayout(SRC), SRC);
  strictEqual(isLocal("pkg", "tests/test_core.py"), true);
  strictEqual(isLocal("utils", "tests/test_core.py"), true);
  strictEqual(isLocal("utils", "src/pkg/core.py"), false);
  strictEqual(isLocal("core", "src/pkg/__init__.py"), true);
  strictEqual(isLocal("requests", "src/pkg/core.py"), false);
});

Deno.test("localImports() accepts a test package importing itself from the folder above it", () => {
  const files = [
    "src/pkg/__init__.py",
    "tests/pkg_tests/__init__.py",
    "tests/pkg_tests/test_a.py",
    "tests/pkg_tests/deep/__init__.py",
    "tests/pkg_tests/deep/test_b.py",
    "tests/loose/test_c.py",
  ];
  const isLocal = localImports(pythonLayout(files), files);
  strictEqual(isLocal("pkg_tests", "tests/pkg_tests/test_a.py"), true);
  strictEqual(isLocal("pkg_tests", "tests/pkg_tests/deep/test_b.py"), true);
  // a folder without __init__.py is itself on sys.path: its own neighbours only
  strictEqual(isLocal("pkg_tests", "tests/loose/test_c.py"), false);
  strictEqual(isLocal("requests", "tests/pkg_tests/test_a.py"), false);
});

Deno.test("isTestFile() recognises test folders and pytest file names", () => {
  deepStrictEqual(
    ["tests/a.py", "pkg/test/b.py", "test_x.py", "pkg/x_test.py", "conftest.py", "pkg/latest.py"]
      .map(isTestFile),
    [true, true, true, true, true, false],
  );
});

Deno.test("editableRoots() is src/ for a src layout, else the root", () => {
  deepStrictEqual(editableRoots(["src/pkg/__init__.py", "tests/test_a.py"], "/r"), ["/r/src"]);
  deepStrictEqual(editableRoots(["pkg/__init__.py", "src/README.md"], "/r"), ["/r"]);
});
