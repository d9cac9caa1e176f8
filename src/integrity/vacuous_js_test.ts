import { deepStrictEqual } from "node:assert/strict";
import { scanScriptTests } from "./vacuous_js.ts";

/** `name verdict` of each test in `source`, read as `file`. */
const verdicts = (source: string, file = "a_test.ts") =>
  scanScriptTests(file, source).map((t) => `${t.name} ${t.verdict}`);

Deno.test("scanScriptTests() tells asserting tests from vacuous ones", async (t) => {
  const cases: Array<[string, string, string[]]> = [
    [
      "an imported assertion",
      'import { equal } from "node:assert";\nDeno.test("a", () => equal(f(), 2));',
      [
        "a asserts",
      ],
    ],
    ["no assertion", 'Deno.test("a", () => { f(); });', ["a none"]],
    ["an assert* global", 'Deno.test("a", () => { assertEquals(f(), 1); });', ["a asserts"]],
    ["a tautology", 'Deno.test("a", () => { assertEquals(1, 1); assert(true); });', [
      "a tautology",
    ]],
    [
      "expect chains",
      'test("a", () => { expect(f()).not.toBe(2); });\ntest("b", () => { expect(true).toBe(true); });',
      [
        "a asserts",
        "b tautology",
      ],
    ],
    ["chai's property assertions", 'it("a", () => { expect(f()).to.be.true; });', ["a asserts"]],
    ["a bare expect", 'it("a", () => { expect(f()); });', ["a none"]],
    ["expect.assertions", 'it("a", async () => { expect.assertions(1); await g(); });', [
      "a asserts",
    ]],
    [
      "a namespace import",
      'import * as a from "jsr:@std/assert";\nDeno.test("a", () => a.equal(f(), 1));',
      [
        "a asserts",
      ],
    ],
    [
      "require",
      'const assert = require("assert");\ntest("a", () => { assert.strictEqual(f(), 1); });',
      [
        "a asserts",
      ],
    ],
    ["node:test's t.assert", 'test("a", (t) => { t.assert.ok(f()); });', ["a asserts"]],
    [
      "rejects",
      'import assert from "node:assert";\ntest("a", async () => { await assert.rejects(g()); });',
      [
        "a asserts",
      ],
    ],
    ["a throw", 'Deno.test("a", () => { if (f() !== 1) throw new Error("no"); });', ["a asserts"]],
    [
      "a helper one level",
      'function same(a, b) { assertEquals(a, b); }\nDeno.test("a", () => same(f(), 1));',
      [
        "a asserts",
      ],
    ],
    [
      "no second level",
      'function same(a, b) { assertEquals(a, b); }\nconst relay = (x) => same(x, 1);\nDeno.test("a", () => relay(f()));',
      [
        "a none",
      ],
    ],
    ["steps", 'Deno.test("a", async (t) => { await t.step("b", () => assertEquals(f(), 1)); });', [
      "a asserts",
    ]],
    ["a swallowing catch", 'Deno.test("a", () => { try { assertEquals(f(), 1); } catch { } });', [
      "a swallowed",
    ]],
    [
      "a catch that rethrows",
      'Deno.test("a", () => { try { assertEquals(f(), 1); } catch (e) { throw e; } });',
      [
        "a asserts",
      ],
    ],
    [
      "only in catch",
      'Deno.test("a", () => { try { f(); } catch (e) { assertEquals(e.message, "x"); } });',
      [
        "a only-except",
      ],
    ],
    ["prints", 'Deno.test("a", () => { console.log(f()); });', ["a prints"]],
    [
      "skipped forms",
      'Deno.test({ name: "a", ignore: true, fn() {} });\nDeno.test.ignore("b", () => {});\nit.skip("c", () => {});\nxit("d", () => {});\ntest("e", (t) => { t.skip(); });',
      [
        "a skips",
        "b skips",
        "c skips",
        "d skips",
        "e skips",
      ],
    ],
    [
      "suites prefix names",
      'describe("s", () => { it("a", () => { f(); }); describe.skip("t", () => { it("b", () => {}); }); });',
      [
        "s > a none",
        "s > t > b skips",
      ],
    ],
    [
      "object form and a named function",
      'function check() { f(); }\nDeno.test({ name: "a", fn: check });\nDeno.test(function b() { assert(f()); });',
      [
        "a none",
        "b asserts",
      ],
    ],
    [
      "a local test() helper that takes no function",
      'const test = (n) => ({ n });\nDeno.test("a", () => assertEquals(test(1).n, 1));',
      [
        "a asserts",
      ],
    ],
    ["Deno.bench is no test", 'Deno.bench("a", () => { f(); });', []],
  ];
  for (const [name, source, expected] of cases) {
    await t.step(name, () => deepStrictEqual(verdicts(source), expected));
  }
});

Deno.test("scanScriptTests() reads lines, template names, each tables and JavaScript", () => {
  const tests = scanScriptTests(
    "t.test.js",
    '\n\ntest.each([[1], [2], [3]])("case %i", (n) => { f(n); });\nit(`x ${y}`, () => {});\n',
  );
  deepStrictEqual(tests.map((t) => [t.line, t.name, t.cases]), [[3, "case %i", 3], [
    4,
    "x ${y}",
    1,
  ]]);
});
