import { deepStrictEqual } from "node:assert/strict";
import { parseDenoDiagnostics, parseDenoTestFailures } from "./deno_output.ts";

function recorded(name: string): Promise<string> {
  return Deno.readTextFile(new URL(`./testdata/${name}`, import.meta.url));
}

Deno.test("parseDenoDiagnostics() reads a coloured deno check error", async () => {
  deepStrictEqual(parseDenoDiagnostics(await recorded("deno_check_colored.stderr.txt")), [{
    code: "TS2322",
    message: "Type 'string' is not assignable to type 'number'.",
    file: "/snapshot/deno_failing/lib/format.ts",
    line: 3,
    column: 9,
  }]);
});

Deno.test("parseDenoDiagnostics() reads several errors at their own place, not related info", async () => {
  const found = parseDenoDiagnostics(await recorded("deno_check_multi.stderr.txt"));
  deepStrictEqual(found.map((d) => [d.code, d.file, d.line, d.column]), [
    ["TS2307", "/snapshot/multi.ts", 3, 22],
    ["TS2322", "/snapshot/chain.ts", 2, 21],
    ["TS2345", "/snapshot/chain.ts", 4, 3],
    ["TS2322", "/snapshot/multi.ts", 1, 7],
    ["TS2322", "/snapshot/multi.ts", 2, 7],
    ["TS2304", "/snapshot/multi.ts", 4, 1],
  ]);
  deepStrictEqual(found[5]?.message, "Cannot find name 'foo'.");
});

Deno.test("parseDenoDiagnostics() reads syntax and module-load errors without a TS code", async () => {
  deepStrictEqual(parseDenoDiagnostics(await recorded("deno_check_syntax.stderr.txt")), [{
    message: "SyntaxError: Unexpected token `=`. Expected yield, an identifier, [ or {",
    file: "/snapshot/syn.ts",
    line: 1,
    column: 7,
  }]);
  deepStrictEqual(parseDenoDiagnostics(await recorded("deno_test_load_error.stderr.txt")), [{
    message: 'Module not found "file:///snapshot/loaderr/missing.ts".',
    file: "/snapshot/loaderr/a_test.ts",
    line: 1,
    column: 8,
  }]);
});

Deno.test("parseDenoDiagnostics() skips closing summaries and finds nothing in clean output", () => {
  deepStrictEqual(parseDenoDiagnostics("Check mod.ts\n"), []);
  deepStrictEqual(parseDenoDiagnostics("error: Test failed\n\nStack backtrace:\n"), []);
  deepStrictEqual(
    parseDenoDiagnostics(
      "error: Import 'https://x.test/a.ts' failed.\n    at https://x.test/b.ts:2:8\n",
    ),
    [{
      message: "Import 'https://x.test/a.ts' failed.",
      file: "https://x.test/b.ts",
      line: 2,
      column: 8,
    }],
  );
});

Deno.test("parseDenoTestFailures() lists failed tests with file and line", async () => {
  deepStrictEqual(parseDenoTestFailures(await recorded("deno_test_failing.stdout.txt")), [
    { name: "divide() rounds down", file: "./arith_test.ts", line: 15 },
  ]);
});

Deno.test("parseDenoTestFailures() lists a module that failed outside any test", async () => {
  deepStrictEqual(parseDenoTestFailures(await recorded("deno_test_uncaught.stdout.txt")), [
    { name: "./b_test.ts (uncaught error)", file: "./b_test.ts" },
  ]);
  deepStrictEqual(parseDenoTestFailures("ok | 4 passed | 0 failed (17ms)\n"), []);
});
