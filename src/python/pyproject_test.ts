import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { parsePyproject } from "./pyproject.ts";

const PEP621 = `[build-system]
requires = ["setuptools>=61", "wheel"]
build-backend = "setuptools.build_meta"

[project]
name = "demo"
dependencies = [
  "requests>=2",
  "PyYAML",
]

[project.optional-dependencies]
test = ["pytest>=7"]
cli = ["click"]

[dependency-groups]
lint = ["ruff", {include-group = "test"}]

[tool.uv]
dev-dependencies = ["mypy"]
`;

const POETRY = `[tool.poetry]
name = "poem"

[tool.poetry.dependencies]
python = "^3.10"
httpx = "^0.27"
rich = { version = "^13", optional = true }

[tool.poetry.extras]
pretty = ["rich"]

[tool.poetry.dev-dependencies]
pytest = "^8"

[tool.poetry.group.docs.dependencies]
mkdocs = "*"
`;

Deno.test("parsePyproject() reads PEP 621 dependencies, extras, groups and the build system", () => {
  const p = parsePyproject(PEP621, "pyproject.toml");
  strictEqual(p.name, "demo");
  deepStrictEqual(p.buildRequires, ["setuptools>=61", "wheel"]);
  deepStrictEqual(p.dependencies.map((r) => [r.name, r.line]), [["requests", 8], ["PyYAML", 9]]);
  deepStrictEqual(Object.keys(p.optional), ["test", "cli"]);
  deepStrictEqual(p.optional["cli"]?.map((r) => r.raw), ["click"]);
  deepStrictEqual(
    Object.fromEntries(Object.entries(p.dev).map(([g, r]) => [g, r.map((x) => x.name)])),
    { lint: ["ruff"], "uv-dev": ["mypy"] },
  );
});

Deno.test("parsePyproject() reads Poetry dependencies, extras and dev groups without python", () => {
  const p = parsePyproject(POETRY, "pyproject.toml");
  strictEqual(p.name, "poem");
  strictEqual(p.buildRequires, undefined);
  deepStrictEqual(p.dependencies.map((r) => r.name), ["httpx"]);
  deepStrictEqual(p.optional["pretty"]?.map((r) => r.name), ["rich"]);
  deepStrictEqual(p.dev["dev"]?.map((r) => r.name), ["pytest"]);
  deepStrictEqual(p.dev["docs"]?.map((r) => [r.name, r.line]), [["mkdocs", 16]]);
});

Deno.test("parsePyproject() names the file and line of invalid TOML in one line", () => {
  throws(
    () =>
      parsePyproject(
        '[project]\nname = "x"\ndependencies = ["a",\n  "b"\nfoo = 1\n',
        "pyproject.toml",
      ),
    (e: unknown) =>
      e instanceof TypeError &&
      /^Cannot parse pyproject\.toml:5: Invalid TOML document/.test(e.message) &&
      !e.message.includes("\n"),
  );
});
