import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { realContext, writeTree } from "./_real_context.ts";
import type { CheckContext } from "../src/check.ts";
import type { Manifest } from "../src/facts.ts";
import { findInterpreters } from "../src/interpreters.ts";
import { depsPython } from "./deps_python.ts";

async function depsContext(
  files: Record<string, string>,
): Promise<{ ctx: CheckContext; cleanup(): Promise<void> }> {
  const root = await writeTree(files);
  const temp = await Deno.makeTempDir();
  const paths = Object.keys(files).sort();
  const manifests: Manifest[] = paths.flatMap((path): Manifest[] =>
    path === "pyproject.toml"
      ? [{ kind: "pyproject", path }]
      : /^requirements.*\.txt$/.test(path)
      ? [{ kind: "requirements", path }]
      : path === "setup.py"
      ? [{ kind: "setup.py", path }]
      : []
  );
  const base = realContext(root, temp, paths);
  const python = (await findInterpreters(["python"])).python;
  const ctx: CheckContext = {
    ...base,
    facts: {
      ...base.facts,
      ecosystems: ["python"],
      manifests,
      interpreters: python ? { python } : {},
    },
  };
  return {
    ctx,
    cleanup: async () => {
      await Deno.remove(root, { recursive: true });
      await Deno.remove(temp, { recursive: true });
    },
  };
}

Deno.test("deps.python finds the undeclared import at file:line and the unused dependency", async () => {
  const { ctx, cleanup } = await depsContext({
    "pyproject.toml": '[project]\nname = "p"\ndependencies = [\n  "six",\n  "PyYAML",\n]\n',
    "src/p/__init__.py": "from .fetch import go\n",
    "src/p/fetch.py": "import os\nimport yaml\n\nfrom tenacity import retry\n",
    "tests/test_p.py": "import pytest\nimport p\n",
  });
  try {
    const outcome = await depsPython.run(ctx);
    strictEqual(outcome.status, "fail");
    match(outcome.summary, /1 missing: tenacity \(src\/p\/fetch\.py:4\); 1 unused: six/);
    deepStrictEqual(
      outcome.findings?.map((f) => [f.message, f.file, f.line]),
      [
        ["tenacity is imported but not declared as a dependency", "src/p/fetch.py", 4],
        ["pytest is imported by tests or scripts but declared nowhere", "tests/test_p.py", 1],
        ["six is declared (pyproject.toml) but never imported", "pyproject.toml", 4],
      ],
    );
    deepStrictEqual(
      outcome.measurements?.map((m) => [m.metric, m.value]),
      [["deps.missing", 1], ["deps.unused", 1], ["deps.devOnly", 0]],
    );
  } finally {
    await cleanup();
  }
});

Deno.test("deps.python reports a syntax error at file:line and scans the other files", async () => {
  const { ctx, cleanup } = await depsContext({
    "requirements.txt": "requests\n",
    "app.py": "import requests\nimport numpy\n",
    "broken.py": "import requests\n\ndef f(:\n    pass\n",
  });
  try {
    const outcome = await depsPython.run(ctx);
    strictEqual(outcome.status, "fail");
    const syntax = outcome.findings?.find((f) => f.file === "broken.py");
    ok(syntax, JSON.stringify(outcome.findings));
    strictEqual(syntax.line, 3);
    match(syntax.message, /^Cannot parse broken\.py: SyntaxError/);
    ok(
      outcome.findings?.some((f) =>
        f.file === "app.py" && f.line === 2 && /^numpy/.test(f.message)
      ),
    );
  } finally {
    await cleanup();
  }
});

Deno.test("deps.python is an error naming the file and line of invalid TOML", async () => {
  const { ctx, cleanup } = await depsContext({
    "pyproject.toml": '[project]\nname = "p"\ndependencies = ["a",\n  "b"\n[tool.x]\n',
    "p/__init__.py": "",
  });
  try {
    const outcome = await depsPython.run(ctx);
    strictEqual(outcome.status, "error");
    match(outcome.summary, /^Cannot parse pyproject\.toml:5: Invalid TOML document/);
    deepStrictEqual([outcome.findings?.[0]?.file, outcome.findings?.[0]?.line], [
      "pyproject.toml",
      5,
    ]);
  } finally {
    await cleanup();
  }
});

Deno.test("deps.python is unverified without an interpreter", async () => {
  const { ctx, cleanup } = await depsContext({
    "requirements.txt": "six\n",
    "a.py": "import six\n",
  });
  try {
    const outcome = await depsPython.run({ ...ctx, facts: { ...ctx.facts, interpreters: {} } });
    strictEqual(outcome.status, "unverified");
  } finally {
    await cleanup();
  }
});

Deno.test("deps.python does not report Python 2 fallbacks and version branches as missing", async () => {
  const { ctx, cleanup } = await depsContext({
    "requirements.txt": "six\n",
    "app.py": [
      "import sys",
      "import six",
      "try:",
      "    import cPickle as pickle",
      "except ImportError:",
      "    import pickle",
      "try:",
      "    from urllib.parse import quote",
      "except ImportError:",
      "    from urlparse import quote",
      "if sys.version_info[0] == 2:",
      "    import urllib2",
      "if six.PY2:",
      "    import ConfigParser",
    ].join("\n"),
  });
  try {
    const outcome = await depsPython.run(ctx);
    strictEqual(outcome.status, "pass", outcome.summary);
  } finally {
    await cleanup();
  }
});

Deno.test("deps.python matches import names with the installed environment's metadata", async () => {
  const { ctx, cleanup } = await depsContext({
    "pyproject.toml": '[project]\nname = "p"\ndependencies = ["py-cpuinfo"]\n',
    "p/__init__.py": "import cpuinfo\n",
  });
  try {
    const without = await depsPython.run(ctx);
    strictEqual(without.status, "fail");
    match(without.summary, /^1 missing: cpuinfo \(p\/__init__\.py:1\); 1 unused: py-cpuinfo$/);
    const python = ctx.facts.interpreters.python;
    ok(python, "no python3 on this machine");
    const env = { python: python.path, mode: "venv", installed: true, imports: {} };
    const withEnv = await depsPython.run({
      ...ctx,
      dependency: (id) =>
        id === "install.python"
          ? {
            result: {
              id,
              category: "deps",
              status: "pass",
              summary: "installed",
              durationMs: 0,
              measurements: [],
              evidence: [],
              findings: [],
            },
            data: env,
          }
          : undefined,
    });
    strictEqual(withEnv.status, "pass", withEnv.summary);
    strictEqual(
      withEnv.summary,
      "Declared dependencies cover every import; none unused (import names matched with the installed environment's metadata)",
    );
  } finally {
    await cleanup();
  }
});
