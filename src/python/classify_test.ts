import { deepStrictEqual } from "node:assert/strict";
import { classifyDependencies } from "./classify.ts";
import type { Declared } from "./declared.ts";
import type { FileRole } from "./layout.ts";
import type { ImportRecord } from "./scan.ts";

function imp(module: string, file: string, line: number, extra: Partial<ImportRecord> = {}) {
  return {
    module,
    top: module.split(".")[0] as string,
    file,
    line,
    optional: false,
    typeChecking: false,
    alternatives: [],
    ...extra,
  };
}

const req = (name: string, source = "pyproject.toml") => ({ name, raw: name, source });

const ROLES = new Map<string, FileRole>([
  ["pkg/a.py", "runtime"],
  ["pkg/b.py", "runtime"],
  ["tests/test_a.py", "test"],
]);

function classify(
  imports: ImportRecord[],
  declared: Partial<Declared>,
  importNames?: ReadonlyMap<string, readonly string[]>,
) {
  return classifyDependencies({
    ...(importNames ? { importNames } : {}),
    imports,
    roles: ROLES,
    declared: { runtime: [], optional: [], dev: [], ...declared },
    stdlib: new Set(["os", "sys", "json", "typing"]),
    isLocal: (name) => name === "pkg",
    projectName: "my-pkg",
  });
}

Deno.test("classifyDependencies() finds the undeclared import with every place it is used", () => {
  const c = classify(
    [imp("tenacity", "pkg/a.py", 4), imp("tenacity.stop", "pkg/b.py", 2), imp("os", "pkg/a.py", 1)],
    { runtime: [req("six")] },
  );
  deepStrictEqual(c.missing, [{
    module: "tenacity",
    sites: [{ file: "pkg/a.py", line: 4 }, { file: "pkg/b.py", line: 2 }],
  }]);
  deepStrictEqual(c.unused.map((r) => r.name), ["six"]);
});

Deno.test("classifyDependencies() maps import names to distributions (yaml → PyYAML)", () => {
  const c = classify([imp("yaml", "pkg/a.py", 1), imp("PIL.Image", "pkg/a.py", 2)], {
    runtime: [req("PyYAML"), req("pillow")],
  });
  deepStrictEqual([c.missing, c.unused], [[], []]);
});

Deno.test("classifyDependencies() excludes stdlib, first-party, optional and TYPE_CHECKING imports", () => {
  const c = classify([
    imp("json", "pkg/a.py", 1),
    imp("pkg.b", "pkg/a.py", 2),
    imp("ujson", "pkg/a.py", 3, { optional: true }),
    imp("numpy", "pkg/a.py", 4, { typeChecking: true }),
    imp("my_pkg", "pkg/a.py", 5),
  ], {});
  deepStrictEqual([c.missing, c.devOnly, c.undeclared], [[], [], []]);
});

Deno.test("classifyDependencies() tells dev-only at run time from undeclared in tests", () => {
  const c = classify([
    imp("pytest", "pkg/a.py", 7),
    imp("pytest", "tests/test_a.py", 1),
    imp("torch", "tests/test_a.py", 2),
  ], { dev: [req("pytest")] });
  deepStrictEqual(c.devOnly, [{ module: "pytest", sites: [{ file: "pkg/a.py", line: 7 }] }]);
  deepStrictEqual(c.undeclared, [{
    module: "torch",
    sites: [{ file: "tests/test_a.py", line: 2 }],
  }]);
  deepStrictEqual(c.missing, []);
});

Deno.test("classifyDependencies() counts optional imports as uses and skips stubs and duplicates", () => {
  const c = classify([imp("ujson", "pkg/a.py", 3, { optional: true })], {
    runtime: [req("ujson"), req("types-requests"), req("attrs"), req("attrs", "requirements.txt")],
  });
  deepStrictEqual(c.unused.map((r) => [r.name, r.source]), [["attrs", "pyproject.toml"]]);
});

Deno.test("classifyDependencies() needs a fallback only when none of its alternatives is available", async (t) => {
  const cases: {
    name: string;
    fallback: string;
    alternatives: string[];
    declared?: string[];
    missing: string[];
  }[] = [
    { name: "stdlib first", fallback: "ujson", alternatives: ["json"], missing: [] },
    { name: "first-party first", fallback: "slowlib", alternatives: ["pkg"], missing: [] },
    {
      name: "declared first",
      fallback: "simplejson",
      alternatives: ["orjson"],
      declared: ["orjson"],
      missing: [],
    },
    {
      name: "declared through the table",
      fallback: "pure_yaml",
      alternatives: ["yaml"],
      declared: ["PyYAML"],
      missing: [],
    },
    { name: "undeclared first", fallback: "ujson", alternatives: ["orjson"], missing: ["ujson"] },
    { name: "no alternative", fallback: "ujson", alternatives: [], missing: ["ujson"] },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const result = classify(
        [
          imp(c.fallback, "pkg/a.py", 4, { alternatives: c.alternatives }),
          ...c.alternatives.map((a) => imp(a, "pkg/a.py", 2, { optional: true })),
        ],
        { runtime: (c.declared ?? []).map((name) => req(name)) },
      );
      deepStrictEqual(result.missing.map((p) => p.module), c.missing);
      deepStrictEqual(result.unused, []);
    });
  }
});

Deno.test("classifyDependencies() matches import names with the installed environment's metadata", () => {
  const imports = [imp("cpuinfo", "pkg/a.py", 1), imp("nacl.secret", "pkg/b.py", 2)];
  const declared = { runtime: [req("py-cpuinfo"), req("PyNaCl")] };
  const without = classify(imports, declared);
  deepStrictEqual(without.missing.map((p) => p.module), ["cpuinfo", "nacl"]);
  deepStrictEqual(without.unused.map((r) => r.name), ["py-cpuinfo", "PyNaCl"]);
  const installed = new Map([["cpuinfo", ["py-cpuinfo"]], ["nacl", ["PyNaCl"]]]);
  const withEnv = classify(imports, declared, installed);
  deepStrictEqual([withEnv.missing, withEnv.unused], [[], []]);
});
