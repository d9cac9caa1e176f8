import assert, { deepStrictEqual } from "node:assert/strict";
import { locateSubject, type Location } from "./locate.ts";

const FILES = [
  ".github/workflows/ci.yml",
  "README.md",
  "examples/basic_model_loader.py",
  "pyproject.toml",
  "src/mypkg/__init__.py",
  "src/mypkg/core.py",
  "src/mypkg/io/__init__.py",
  "src/mypkg/io/reader.py",
  "tests/test_core.py",
];

Deno.test("locateSubject() finds files, folders, modules and commands", async (t) => {
  const rows: Array<[string, readonly string[] | undefined, Location]> = [
    ["README.md", [], { found: true, where: "README.md" }],
    ["basic_model_loader.py", [], { found: true, where: "examples/basic_model_loader.py" }],
    ["`mypkg/core.py`", [], { found: true, where: "src/mypkg/core.py" }],
    ["./src/mypkg/core.py", [], { found: true, where: "src/mypkg/core.py" }],
    ["mypkg/turbo.py", [], { found: false, looked: "no file mypkg/turbo.py" }],
    ["ypkg/core.py", [], { found: false, looked: "no file ypkg/core.py" }],
    ["examples/", [], { found: true, where: "examples/" }],
    ["mypkg/io/", [], { found: true, where: "src/mypkg/io/" }],
    ["docs/", [], { found: false, looked: "no folder docs/" }],
    ["model.onnx", [], { found: false, looked: "no file model.onnx" }],
    ["mypkg.core", [], { found: true, where: "src/mypkg/core.py" }],
    ["mypkg.io", [], { found: true, where: "src/mypkg/io/__init__.py" }],
    ["mypkg.turbo", [], {
      found: false,
      looked: "no module mypkg.turbo (mypkg/turbo.py or mypkg/turbo/__init__.py)",
    }],
    ["mypkg", [], { found: true, where: "src/mypkg/__init__.py" }],
    ["mytool", ["mytool"], { found: true, where: "entry point mytool" }],
    ["mytool", [], { found: false, looked: "no entry point, module or file named mytool" }],
    ["mytool", undefined, { found: undefined, why: "the declared entry points are unknown" }],
    ["mytool export --fast", ["mytool"], { found: true, where: "entry point mytool" }],
    ["othertool run", ["mytool"], {
      found: false,
      looked: "no entry point othertool (declared: mytool)",
    }],
    ["othertool run", [], { found: false, looked: "no entry point othertool (declared: none)" }],
    ["othertool run", undefined, {
      found: undefined,
      why: "the declared entry points are unknown",
    }],
    ["python -m mypkg.core", undefined, { found: true, where: "src/mypkg/core.py" }],
    ["python3 -m mypkg.cli", undefined, {
      found: false,
      looked: "no module mypkg.cli (mypkg/cli.py or mypkg/cli/__init__.py)",
    }],
    ["deno task audit", ["audit"], { found: true, where: "entry point audit" }],
    ["npm run build", ["test"], { found: false, looked: "no entry point build (declared: test)" }],
    ["./run.sh --fast", [], { found: false, looked: "no file run.sh" }],
    ["@@", [], { found: undefined, why: "cannot tell what @@ names" }],
  ];
  for (const [subject, scripts, expected] of rows) {
    await t.step(subject, () => deepStrictEqual(locateSubject(subject, FILES, scripts), expected));
  }
});

Deno.test("locateSubject() prefers the exact path to a deeper file of the same name", () => {
  deepStrictEqual(locateSubject("mod.ts", ["checks/mod.ts", "mod.ts"], []), {
    found: true,
    where: "mod.ts",
  });
});

Deno.test("locateSubject() reads dotted file names as files first", async (t) => {
  const files = [
    "MANIFEST.in",
    "docker/Dockerfile.dev",
    ".env.example",
    "deploy/docker-compose.prod.yml",
    "config.local.yaml",
    "src/pkg/export.py",
  ];
  const table: Array<[string, string | false]> = [
    ["MANIFEST.in", "MANIFEST.in"],
    ["Dockerfile.dev", "docker/Dockerfile.dev"],
    [".env.example", ".env.example"],
    ["docker-compose.prod.yml", "deploy/docker-compose.prod.yml"],
    ["config.local.yaml", "config.local.yaml"],
    ["pkg.export", "src/pkg/export.py"],
    ["Dockerfile.prod", false],
  ];
  for (const [subject, where] of table) {
    await t.step(subject, () => {
      const location = locateSubject(subject, files, []);
      if (where === false) {
        assert.equal(location.found, false);
        assert.match(location.found === false ? location.looked : "", /^no file Dockerfile\.prod/);
      } else assert.deepEqual(location, { found: true, where });
    });
  }
});
