import { deepStrictEqual } from "node:assert/strict";
import { classifyCommand, EXPRESSION, parsePipInstall, splitScript } from "./shell_commands.ts";

Deno.test("splitScript() splits a run block into commands with their lines", async (t) => {
  const cases: Array<
    [string, string, Array<{ argv: string[]; line: number; env?: Record<string, string> }>]
  > = [
    ["one command", "pytest -q", [{ argv: ["pytest", "-q"], line: 10 }]],
    ["lines and &&", "pip install .\npytest && echo done", [
      { argv: ["pip", "install", "."], line: 10 },
      { argv: ["pytest"], line: 11 },
      { argv: ["echo", "done"], line: 11 },
    ]],
    ["continuations joined", "pytest tests \\\n   -m 'not slow' \\\n   -k x", [
      { argv: ["pytest", "tests", "-m", "not slow", "-k", "x"], line: 10 },
    ]],
    ["assignments become env", "CI=1 FOO=bar pytest", [
      { argv: ["pytest"], line: 10, env: { CI: "1", FOO: "bar" } },
    ]],
    ["comments and blanks skipped", "# setup\n\npytest # trailing", [{
      argv: ["pytest"],
      line: 12,
    }]],
    ["expressions marked", "tox -e py${{ matrix.python }} ${{ format('py{0}', matrix.v) }}", [
      { argv: ["tox", "-e", `py${EXPRESSION}`, EXPRESSION], line: 10 },
    ]],
    ["variables kept as written", 'pytest "${ARGS:-x}" $HOME', [
      { argv: ["pytest", "${ARGS:-x}", "$HOME"], line: 10 },
    ]],
  ];
  for (const [name, script, expected] of cases) {
    await t.step(name, () => {
      const got = splitScript(script, 10).map((c) => ({
        argv: c.argv,
        line: c.line,
        ...(Object.keys(c.env).length > 0 ? { env: c.env } : {}),
      }));
      deepStrictEqual(got, expected);
    });
  }
});

Deno.test("classifyCommand() recognises test runners, tox, nox, make and pip", async (t) => {
  const cases: Array<[string[], ReturnType<typeof classifyCommand>]> = [
    [["pytest", "tests"], { kind: "test", runner: "pytest", args: ["tests"], script: true }],
    [["py.test"], { kind: "test", runner: "pytest", args: [], script: true }],
    [["python3.12", "-m", "pytest", "-x"], { kind: "test", runner: "pytest", args: ["-x"] }],
    [["coverage", "run", "--branch", "-m", "pytest", "t"], {
      kind: "test",
      runner: "pytest",
      args: ["t"],
    }],
    [["python", "-m", "coverage", "run", "-m", "unittest"], {
      kind: "test",
      runner: "unittest",
      args: ["unittest"],
    }],
    [["python", "-m", "unittest", "discover", "-s", "tests"], {
      kind: "test",
      runner: "unittest",
      args: ["unittest", "discover", "-s", "tests"],
    }],
    [["python", "-m", "pkg.tests", "-v"], {
      kind: "test",
      runner: "module",
      args: ["pkg.tests", "-v"],
    }],
    [["poetry", "run", "pytest"], { kind: "test", runner: "pytest", args: [], script: true }],
    [["uv", "run", "--locked", "--with", "x", "tox", "run"], { kind: "tox", args: ["run"] }],
    [["uvx", "--python", "3.12", "--with", "tox-uv", "tox", "-e", "py"], {
      kind: "tox",
      args: ["-e", "py"],
    }],
    [["tox", "-e", "py311"], { kind: "tox", args: ["-e", "py311"] }],
    [["python", "-m", "nox", "-s", "tests"], { kind: "nox", args: ["-s", "tests"] }],
    [["make", "test"], { kind: "make", args: ["test"] }],
    [["python", "-m", "pip", "install", "."], { kind: "pip", args: ["."] }],
    [["uv", "pip", "install", "-r", "r.txt"], { kind: "pip", args: ["-r", "r.txt"] }],
    [["uv", "sync", "--extra", "test", "--group=dev"], {
      kind: "pip",
      args: ["-e", ".[test]", "--group", "dev"],
      sync: true,
    }],
    [["poetry", "install", "--with", "test,docs", "--no-root"], {
      kind: "pip",
      args: ["--group", "test", "--group", "docs"],
      sync: true,
    }],
    [["python", "-m", "build"], { kind: "other" }],
    [["python", "setup.py", "test"], { kind: "other" }],
    [["coverage", "report"], { kind: "other" }],
  ];
  for (const [argv, expected] of cases) {
    await t.step(argv.join(" "), () => deepStrictEqual(classifyCommand(argv), expected));
  }
});

Deno.test("parsePipInstall() reads requirements, files, extras, groups and the project", async (t) => {
  const cases: Array<[string[], Partial<ReturnType<typeof parsePipInstall>>]> = [
    [["-e", ".[test,dev]"], { extras: ["test", "dev"], installsProject: true, editable: true }],
    [["."], { installsProject: true }],
    [["-r", "requirements-dev.txt", "-rreq/test.txt", "--requirement=r.txt"], {
      files: ["requirements-dev.txt", "req/test.txt", "r.txt"],
    }],
    [["-U", "pip", "setuptools", "pytest>=7", "pytest-cov"], {
      requirements: ["pytest>=7", "pytest-cov"],
    }],
    [["--group", "test", "--index-url", "https://x", "tox"], { groups: ["test"] }],
    [["./vendor/lib", "$PKG"], {}],
  ];
  for (const [args, expected] of cases) {
    await t.step(args.join(" "), () =>
      deepStrictEqual(parsePipInstall(args), {
        requirements: [],
        files: [],
        extras: [],
        groups: [],
        installsProject: false,
        editable: false,
        ...expected,
      }));
  }
});
