import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import {
  coverableFiles,
  diagnosticFinding,
  entryPoints,
  isDenoTestFile,
  isExcluded,
  isFetchFailure,
  isTypeOnly,
  needsInstall,
  ownPath,
  parseDenoConfig,
  sourceFiles,
  testFiles,
} from "./deno_target.ts";

const FILES = [
  "README.md",
  "bench/run.ts",
  "deno.json",
  "fixtures/broken/x.ts",
  "gen/out.ts",
  "mod.ts",
  "node_modules/dep/index.ts",
  "src/a.ts",
  "src/a_test.ts",
  "src/b.test.ts",
  "src/cli.ts",
  "src/view.tsx",
  "test.ts",
];

Deno.test("isDenoTestFile() follows deno test's default pattern", () => {
  const tests = ["a_test.ts", "src/b.test.tsx", "test.ts", "x/test.mjs"];
  const others = ["attest.ts", "src/testing.ts", "a_test.py", "test_a.ts"];
  deepStrictEqual(tests.map(isDenoTestFile), [true, true, true, true]);
  deepStrictEqual(others.map(isDenoTestFile), [false, false, false, false]);
});

Deno.test("parseDenoConfig() reads deno.jsonc with comments and trailing commas", () => {
  const text = `{
    // the library
    "exports": "./mod.ts", /* main */
    "tasks": { "url": "echo http://x.test/*not a comment*/", },
  }`;
  deepStrictEqual(parseDenoConfig(text, "deno.jsonc"), {
    exports: "./mod.ts",
    tasks: { url: "echo http://x.test/*not a comment*/" },
  });
});

Deno.test("parseDenoConfig() leaves comment markers inside strings alone", () => {
  const text = '{ "tasks": { "a": "echo {a,} /* not a comment */ //x" }, "exclude": ["a,",], }';
  deepStrictEqual(parseDenoConfig(text, "deno.jsonc"), {
    tasks: { a: "echo {a,} /* not a comment */ //x" },
    exclude: ["a,"],
  });
});

Deno.test("parseDenoConfig() refuses what is not a JSON object", () => {
  throws(() => parseDenoConfig("{", "deno.json"), /^TypeError: Cannot parse deno\.json: /);
  throws(() => parseDenoConfig("[1]", "deno.json"), /Cannot parse deno\.json: not a JSON object/);
});

Deno.test("isExcluded() matches paths, folders and globs of the config's exclude", () => {
  const config = { exclude: ["gen/", "./dist", "**/*.gen.ts", "!gen/keep.ts"] };
  deepStrictEqual(
    ["gen/out.ts", "dist/a/b.ts", "src/x.gen.ts", "x.gen.ts", "general.ts", "src/gen/a.ts"]
      .map((p) => isExcluded(config, p)),
    [true, true, true, true, false, false],
  );
  strictEqual(isExcluded({}, "gen/out.ts"), false);
  strictEqual(isExcluded({ exclude: ["src/[ab].ts"] }, "src/b.ts"), true);
  strictEqual(isExcluded({ exclude: ["gen,v2/*.ts"] }, "v2/x.ts"), false);
  strictEqual(isExcluded({ exclude: ["gen/{a.ts"] }, "gen/a.ts"), false);
});

Deno.test("sourceFiles() and testFiles() keep the target's own files only", () => {
  const target = { config: { exclude: ["gen"] }, files: FILES };
  deepStrictEqual(sourceFiles(target), [
    "bench/run.ts",
    "mod.ts",
    "src/a.ts",
    "src/cli.ts",
    "src/view.tsx",
  ]);
  deepStrictEqual(testFiles(target), ["src/a_test.ts", "src/b.test.ts", "test.ts"]);
});

Deno.test("entryPoints() takes exports and task files, else every source file", async (t) => {
  await t.step("exports and tasks", () => {
    const config = {
      exports: { ".": "./mod.ts", "./view": "./src/view.tsx" },
      tasks: {
        start: "deno run -A src/cli.ts serve",
        bench: { command: "deno run 'bench/run.ts'" },
        test: "deno test src/a_test.ts",
        gone: "deno run missing.ts",
      },
    };
    deepStrictEqual(entryPoints({ config, files: FILES }), [
      "bench/run.ts",
      "mod.ts",
      "src/cli.ts",
      "src/view.tsx",
    ]);
  });
  await t.step("nothing resolvable", () => {
    const config = { exports: "./missing.ts", exclude: ["gen/"] };
    deepStrictEqual(entryPoints({ config, files: FILES }), sourceFiles({ config, files: FILES }));
  });
});

Deno.test("needsInstall() sees remote imports, a lock file or a package.json", () => {
  const files = ["deno.json", "mod.ts"];
  strictEqual(needsInstall({ config: {}, files }), false);
  strictEqual(
    needsInstall({ config: { imports: { "@/": "./src/", "fs": "node:fs" } }, files }),
    false,
  );
  strictEqual(needsInstall({ config: { imports: { "zod": "npm:zod@4" } }, files }), true);
  strictEqual(
    needsInstall({ config: { scopes: { "./a/": { "x": "https://x.test/x.ts" } } }, files }),
    true,
  );
  strictEqual(needsInstall({ config: {}, files: [...files, "deno.lock"] }), true);
  strictEqual(needsInstall({ config: {}, files: [...files, "package.json"] }), true);
});

Deno.test("ownPath() makes paths and file URLs relative to the root, refusing outsiders", () => {
  deepStrictEqual(
    [
      "/snap/src/a.ts",
      "file:///snap/src/a.ts",
      "./src/a.ts",
      "/other/a.ts",
      "https://x.test/a.ts",
      "/snap",
    ].map((p) => ownPath("/snap", p)),
    ["src/a.ts", "src/a.ts", "src/a.ts", undefined, undefined, undefined],
  );
});

Deno.test("diagnosticFinding() places own files and keeps foreign places in the message", () => {
  deepStrictEqual(
    diagnosticFinding("/snap", { code: "TS2322", message: "m", file: "/snap/a.ts", line: 3 }),
    { message: "TS2322: m", file: "a.ts", line: 3 },
  );
  deepStrictEqual(
    diagnosticFinding("/snap", { message: "m", file: "/dd/npm/x.d.ts", line: 1, column: 2 }),
    { message: "m (at /dd/npm/x.d.ts:1:2)" },
  );
});

Deno.test("isFetchFailure() recognises deno's offline errors only", () => {
  strictEqual(isFetchFailure("dns error: failed to lookup address information"), true);
  strictEqual(isFetchFailure("error sending request for url (https://x.test/a.ts)"), true);
  strictEqual(
    isFetchFailure('npm package not found in cache: "x", --cached-only is specified'),
    true,
  );
  strictEqual(isFetchFailure('error: Module not found "file:///a.ts".'), false);
});

Deno.test("isTypeOnly() tells type-only modules from modules with runtime code", () => {
  strictEqual(
    isTypeOnly(
      `/** Doc. */\nimport type { A } from "./a.ts";\n\nexport interface B {\n  a: A;\n}\nexport type C = B | null;\nexport type { D } from "./d.ts";\n`,
    ),
    true,
  );
  strictEqual(isTypeOnly(`export interface B {}\nexport const x = 1;\n`), false);
  strictEqual(isTypeOnly(`// only a comment\nexport function f() {}\n`), false);
  strictEqual(isTypeOnly(`import { z } from "zod";\nexport type T = string;\n`), false);
});

Deno.test("coverableFiles() leaves out tests, fixtures and benchmarks", () => {
  const files = ["bench/run.ts", "src/a.ts", "src/a_test.ts", "fixtures/x/b.ts", "mod.ts"];
  strictEqual(coverableFiles({ config: {}, files }).join(","), "src/a.ts,mod.ts");
});
