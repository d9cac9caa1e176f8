import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import { depsOutcome } from "./deps_outcome.ts";

const none = { missing: [], devOnly: [], undeclared: [], unused: [] };

Deno.test("depsOutcome() fails on a missing import, with a finding at its file:line", () => {
  const o = depsOutcome({
    classification: {
      ...none,
      missing: [{ module: "tenacity", sites: [{ file: "src/p/fetch.py", line: 4 }] }],
      unused: [{ name: "six", raw: "six", source: "pyproject.toml", line: 9 }],
    },
    parseErrors: [],
    evidence: 0,
  });
  strictEqual(o.status, "fail");
  match(o.summary, /1 missing: tenacity \(src\/p\/fetch\.py:4\); 1 unused: six/);
  deepStrictEqual(o.findings?.[0], {
    message: "tenacity is imported but not declared as a dependency",
    file: "src/p/fetch.py",
    line: 4,
  });
  deepStrictEqual(o.findings?.[1]?.line, 9);
  deepStrictEqual(
    o.measurements?.map((m) => [m.metric, m.value]),
    [["deps.missing", 1], ["deps.unused", 1], ["deps.devOnly", 0]],
  );
});

Deno.test("depsOutcome() warns on unused only, on syntax errors, and passes when clean", () => {
  const unused = depsOutcome({
    classification: { ...none, unused: [{ name: "six", raw: "six", source: "requirements.txt" }] },
    parseErrors: [],
    evidence: 0,
  });
  strictEqual(unused.status, "warn");
  const broken = depsOutcome({
    classification: none,
    parseErrors: [{ file: "pkg/bad.py", line: 3, message: "SyntaxError: invalid syntax" }],
    evidence: 0,
  });
  strictEqual(broken.status, "warn");
  deepStrictEqual(broken.findings?.[0], {
    message: "Cannot parse pkg/bad.py: SyntaxError: invalid syntax",
    file: "pkg/bad.py",
    line: 3,
  });
  strictEqual(depsOutcome({ classification: none, parseErrors: [], evidence: 0 }).status, "pass");
});

Deno.test("depsOutcome() says when import names came from the installed environment", () => {
  const o = depsOutcome({
    classification: none,
    parseErrors: [],
    evidence: 0,
    installedNames: true,
  });
  strictEqual(
    o.summary,
    "Declared dependencies cover every import; none unused (import names matched with the installed environment's metadata)",
  );
});
