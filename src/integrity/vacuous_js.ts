/**
 * tests.vacuous for JavaScript and TypeScript, the pure part: the test functions of one test file
 * (Deno.test, node:test's `test`/`it`, jest/vitest/mocha style, with `describe` names as a prefix)
 * read with the TypeScript compiler's parser, and how each checks anything. Nothing is executed.
 *
 * A test asserts when its body (nested callbacks included, nested tests excluded) holds an
 * effective check: a call of an assertion (a name imported from an assertion module such as
 * `node:assert`, `@std/assert`, `chai`, `vitest`; any `assert*` name or method; a method of an
 * assertion namespace such as `assert.equal` or `t.assert.ok`; a matcher of an `expect(…)` chain;
 * `expect.assertions`), a `throw` statement, or a call of a function of the same module that itself
 * holds one (one level deep). As in the Python reader, a check is not effective inside a `catch`, nor
 * in a `try` whose `catch` can neither throw nor assert; a literal-only assertion that always holds
 * (`assert(true)`, `assertEquals(1, 1)`, `expect(true).toBe(true)`) is a tautology; a skipped or
 * todo test is "skips".
 * @module
 */
import ts from "typescript";
import type { TestFunction, TestVerdict } from "./vacuous.ts";

/** Module specifiers whose exports are assertions. */
const ASSERT_MODULE =
  /^(node:)?assert(\/strict)?$|^(chai|vitest|expect|@jest\/globals|uvu\/assert|power-assert)$|(^|[/:@])std\/(assert|expect|testing\/asserts?|testing\/mock)(@[^/]*)?(\/|\.ts$|$)/;
/** Equality assertions: two literal arguments that are equal make a tautology. */
const EQUALS = new Set([
  "assertEquals",
  "assertStrictEquals",
  "equal",
  "strictEqual",
  "deepEqual",
  "deepStrictEqual",
  "toBe",
  "toEqual",
  "toStrictEqual",
  "is",
]);
/** Truth assertions: one truthy literal makes a tautology. */
const TRUTHS = new Set(["assert", "ok", "isTrue", "isOk", "toBeTruthy", "toBeDefined"]);
/** The callee names that start a test. */
const TEST_NAMES = new Set(["test", "it"]);
/** Modifiers of a test call: `test.only`, `it.skip`, `Deno.test.ignore`. */
const SKIP_MODIFIERS = new Set(["skip", "todo", "ignore"]);
const SUITE_NAMES = new Set(["describe", "suite", "context"]);

type Kind = "check" | "tautology" | "skip" | "print" | `helper:${string}`;
type Context = "plain" | "swallowed" | "except";

/** What a module offers its tests: assertion names and namespaces, and its own functions. */
interface ModuleScope {
  asserts: Set<string>;
  namespaces: Set<string>;
  helpers: Map<string, ts.Node>;
}

function literalValue(node: ts.Expression): { value: unknown } | undefined {
  if (ts.isNumericLiteral(node)) return { value: Number(node.text) };
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return { value: node.text };
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword) return { value: true };
  if (node.kind === ts.SyntaxKind.FalseKeyword) return { value: false };
  if (node.kind === ts.SyntaxKind.NullKeyword) return { value: null };
  if (ts.isParenthesizedExpression(node)) return literalValue(node.expression);
  return undefined;
}

/** The `expect(…)` call at the root of a matcher chain (`expect(x).not.toBe`), if any. */
function expectRoot(node: ts.Expression): ts.CallExpression | undefined {
  let at = node;
  while (ts.isPropertyAccessExpression(at) || ts.isCallExpression(at)) {
    if (ts.isCallExpression(at) && ts.isIdentifier(at.expression)) {
      return at.expression.text === "expect" ? at : undefined;
    }
    at = at.expression;
  }
  return undefined;
}

/** Whether an assertion call holds whatever the code does: its arguments are literals that pass. */
function tautology(call: ts.CallExpression, name: string, root?: ts.CallExpression): boolean {
  const args = root === undefined ? [...call.arguments] : [...root.arguments, ...call.arguments];
  const literals = args.map(literalValue);
  if (literals.length === 0 || literals.some((l) => l === undefined)) return false;
  const [first, second] = literals as { value: unknown }[];
  if (EQUALS.has(name)) return second !== undefined && Object.is(first?.value, second.value);
  if (TRUTHS.has(name)) return Boolean(first?.value);
  if (name === "assertFalse" || name === "notOk" || name === "toBeFalsy") return !first?.value;
  return false;
}

/** Whether `node` is (a modifier of) a test or suite call: `test(…)`, `it.skip(…)`, `Deno.test(…)`. */
function testCallee(callee: ts.Expression): { kind: "test" | "suite"; skip: boolean } | undefined {
  const path: string[] = [];
  let at: ts.Expression = callee;
  if (ts.isCallExpression(at) && ts.isPropertyAccessExpression(at.expression)) {
    at = at.expression; // test.each(table)(name, fn)
  }
  while (ts.isPropertyAccessExpression(at)) {
    path.unshift(at.name.text);
    at = at.expression;
  }
  if (!ts.isIdentifier(at)) return undefined;
  const head = at.text;
  const rest = head === "Deno" ? path.slice(1) : path;
  const named = head === "Deno" ? path[0] === "test" : true;
  const base = head === "Deno" ? "test" : head.replace(/^x/, "");
  if (!named || rest.some((p) => !SKIP_MODIFIERS.has(p) && !/^(only|each|concurrent)$/.test(p))) {
    return undefined;
  }
  const skip = head.startsWith("x") || rest.some((p) => SKIP_MODIFIERS.has(p));
  if (TEST_NAMES.has(base) && (head === "Deno" || TEST_NAMES.has(head) || head === `x${base}`)) {
    return { kind: "test", skip };
  }
  if (SUITE_NAMES.has(base)) return { kind: "suite", skip };
  return undefined;
}

function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node) ||
    ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node);
}

/** A test call's name, function, skip flag and literal `each` cases. */
interface TestCall {
  name: string;
  fn: ts.Node | undefined;
  skip: boolean;
  cases: number | null;
}

function textOf(node: ts.Node | undefined, source: ts.SourceFile): string | undefined {
  if (node === undefined) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.getText(source).slice(1, -1);
  return undefined;
}

function readTestCall(
  call: ts.CallExpression,
  skip: boolean,
  source: ts.SourceFile,
  scope: ModuleScope,
): TestCall {
  const resolve = (n: ts.Node | undefined) =>
    n !== undefined && ts.isIdentifier(n) ? scope.helpers.get(n.text) : n;
  let name = textOf(call.arguments[0], source);
  let fn: ts.Node | undefined = [...call.arguments].map(resolve).find((a) =>
    a !== undefined && isFunctionLike(a)
  );
  for (const arg of call.arguments) {
    if (!ts.isObjectLiteralExpression(arg)) continue;
    for (const p of arg.properties) {
      const key = p.name !== undefined && ts.isIdentifier(p.name) ? p.name.text : undefined;
      if (ts.isMethodDeclaration(p) && key === "fn") fn = p;
      if (ts.isShorthandPropertyAssignment(p) && p.name.text === "fn") fn = resolve(p.name);
      if (!ts.isPropertyAssignment(p)) continue;
      if (key === "name") name ??= textOf(p.initializer, source);
      if (key === "fn") fn = resolve(p.initializer);
      if ((key === "ignore" || key === "skip" || key === "todo") && literalValue(p.initializer)) {
        skip ||= Boolean(literalValue(p.initializer)?.value);
      }
    }
  }
  if (
    name === undefined && fn !== undefined &&
    (ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn))
  ) {
    name = fn.name?.text;
  }
  const table = ts.isCallExpression(call.expression) ? call.expression.arguments[0] : undefined;
  const cases = table === undefined
    ? 1
    : ts.isArrayLiteralExpression(table)
    ? table.elements.length
    : null;
  return { name: name ?? "<anonymous>", fn, skip, cases };
}

/** Whether a `catch` clause can fail the test itself: a `throw` or an assertion in it. */
function catchFails(clause: ts.CatchClause, scope: ModuleScope): boolean {
  return own(clause.block, scope, false).some(([kind]) => kind === "check");
}

/** The kinds of check found in `body` with their context; helper calls named, not followed. */
function own(body: ts.Node, scope: ModuleScope, helpers: boolean): [Kind, Context][] {
  const found: [Kind, Context][] = [];
  const visit = (node: ts.Node, context: Context): void => {
    if (ts.isTryStatement(node)) {
      const clause = node.catchClause;
      const swallows = clause !== undefined && !catchFails(clause, scope);
      visit(node.tryBlock, swallows ? "swallowed" : context);
      if (clause !== undefined) visit(clause.block, "except");
      if (node.finallyBlock !== undefined) visit(node.finallyBlock, context);
      return;
    }
    if (ts.isThrowStatement(node)) found.push(["check", context]);
    if (
      ts.isExpressionStatement(node) && ts.isPropertyAccessExpression(node.expression) &&
      expectRoot(node.expression) !== undefined
    ) {
      found.push(["check", context]); // chai's `expect(x).to.be.true`
    }
    if (ts.isCallExpression(node)) {
      if (testCallee(node.expression)?.kind === "test") return; // A nested test is its own.
      const kind = callKind(node, scope, helpers);
      if (kind !== undefined) found.push([kind, context]);
    }
    ts.forEachChild(node, (child) => visit(child, context));
  };
  visit(body, "plain");
  return found;
}

function callKind(call: ts.CallExpression, scope: ModuleScope, helpers: boolean): Kind | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) {
    const name = callee.text;
    if (name === "expect") return undefined; // The root of a chain, not a check by itself.
    if (scope.asserts.has(name) || name.startsWith("assert")) {
      return tautology(call, name) ? "tautology" : "check";
    }
    if (helpers && scope.helpers.has(name)) return `helper:${name}`;
    return undefined;
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  const object = callee.expression;
  const root = expectRoot(object);
  if (root !== undefined) return tautology(call, method, root) ? "tautology" : "check";
  if (ts.isIdentifier(object) && object.text === "expect") return "check"; // expect.assertions(n)
  const namespace = ts.isIdentifier(object)
    ? scope.namespaces.has(object.text) || object.text === "assert"
    : ts.isPropertyAccessExpression(object) && object.name.text === "assert";
  if (namespace || method.startsWith("assert")) {
    return tautology(call, method) ? "tautology" : "check";
  }
  if (SKIP_MODIFIERS.has(method) && ts.isIdentifier(object)) return "skip"; // t.skip(), ctx.todo()
  if (method === "log" && ts.isIdentifier(object) && object.text === "console") return "print";
  return undefined;
}

/** A test function's verdict and why, from what its body holds. */
function judge(fn: ts.Node, scope: ModuleScope): { verdict: TestVerdict; detail: string } {
  const resolved: [Kind, Context][] = own(fn, scope, true).flatMap(([kind, context]) => {
    if (!kind.startsWith("helper:")) return [[kind, context]];
    const helper = scope.helpers.get(kind.slice("helper:".length));
    const asserts = helper !== undefined &&
      own(helper, scope, false).some(([k, c]) => k === "check" && c === "plain");
    return asserts ? [["check", context]] : [];
  });
  const has = (kind: Kind, context?: Context) =>
    resolved.some(([k, c]) => k === kind && (context === undefined || c === context));
  if (has("check", "plain")) return { verdict: "asserts", detail: "" };
  if (has("skip")) return { verdict: "skips", detail: "" };
  if (has("check", "swallowed")) {
    return {
      verdict: "swallowed",
      detail: "its assertions sit in a try whose catch swallows the failure",
    };
  }
  if (has("check", "except")) {
    return { verdict: "only-except", detail: "it asserts only inside a catch block" };
  }
  if (has("tautology")) {
    return { verdict: "tautology", detail: "its only assertion can never fail" };
  }
  if (has("print")) return { verdict: "prints", detail: "it only prints" };
  return { verdict: "none", detail: "it has no assertion" };
}

/** A `require("x")` call's module name. */
function requiredModule(node: ts.Expression | undefined): string | undefined {
  if (node === undefined || !ts.isCallExpression(node) || !ts.isIdentifier(node.expression)) {
    return undefined;
  }
  const arg = node.arguments[0];
  return node.expression.text === "require" && arg !== undefined && ts.isStringLiteral(arg)
    ? arg.text
    : undefined;
}

/** The module's assertion imports (ES and `require`) and its top-level functions. */
function moduleScope(source: ts.SourceFile): ModuleScope {
  const scope: ModuleScope = { asserts: new Set(), namespaces: new Set(), helpers: new Map() };
  for (const stmt of source.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
      const clause = stmt.importClause;
      if (!ASSERT_MODULE.test(stmt.moduleSpecifier.text) || clause === undefined) continue;
      if (clause.name !== undefined) scope.namespaces.add(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings !== undefined && ts.isNamespaceImport(bindings)) {
        scope.namespaces.add(bindings.name.text);
      }
      if (bindings !== undefined && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) scope.asserts.add(el.name.text);
      }
    }
    if (ts.isFunctionDeclaration(stmt) && stmt.name !== undefined && stmt.body !== undefined) {
      scope.helpers.set(stmt.name.text, stmt);
    }
    if (!ts.isVariableStatement(stmt)) continue;
    for (const decl of stmt.declarationList.declarations) {
      const init = decl.initializer;
      const required = requiredModule(init);
      if (required !== undefined && ASSERT_MODULE.test(required)) {
        if (ts.isIdentifier(decl.name)) scope.namespaces.add(decl.name.text);
        if (ts.isObjectBindingPattern(decl.name)) {
          for (const el of decl.name.elements) {
            if (ts.isIdentifier(el.name)) scope.asserts.add(el.name.text);
          }
        }
      } else if (init !== undefined && ts.isIdentifier(decl.name) && isFunctionLike(init)) {
        scope.helpers.set(decl.name.text, init);
      }
    }
  }
  return scope;
}

function scriptKind(path: string): ts.ScriptKind {
  if (/\.tsx$/.test(path)) return ts.ScriptKind.TSX;
  if (/\.jsx$/.test(path)) return ts.ScriptKind.JSX;
  return /\.[mc]?js$/.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
}

/**
 * The test functions of one JavaScript/TypeScript file (`path` relative, `text` its source), each
 * with its line, name (`suite > test` inside `describe`), verdict and literal `each` cases.
 */
export function scanScriptTests(path: string, text: string): TestFunction[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(path));
  const scope = moduleScope(source);
  const tests: TestFunction[] = [];
  const visit = (node: ts.Node, suites: readonly string[], skipped: boolean): void => {
    if (ts.isCallExpression(node)) {
      const callee = testCallee(node.expression);
      if (callee !== undefined) {
        const call = readTestCall(node, skipped || callee.skip, source, scope);
        const names = [...suites, call.name];
        if (callee.kind === "test" && call.fn !== undefined) {
          const { verdict, detail } = call.skip
            ? { verdict: "skips" as const, detail: "" }
            : judge(call.fn, scope);
          const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
          tests.push({
            file: path,
            line,
            name: names.join(" > "),
            verdict,
            detail,
            cases: call.cases,
          });
        }
        const inline = call.fn !== undefined && call.fn.pos >= node.pos && call.fn.end <= node.end;
        if (inline) visit(call.fn as ts.Node, names, call.skip);
        return;
      }
    }
    ts.forEachChild(node, (child) => visit(child, suites, skipped));
  };
  visit(source, [], false);
  return tests;
}
