import { deepStrictEqual, equal } from "node:assert/strict";
import {
  dockerStart,
  documentedCommands,
  importCheckArgv,
  packageBins,
  resolveCommand,
  type Runtime,
} from "./launchers.ts";

Deno.test("dockerStart() joins the final stage's ENTRYPOINT and CMD in exec and shell form", async (t) => {
  const cases: Array<[string, string, string[] | undefined, number?]> = [
    ["exec CMD", 'FROM a\nCMD ["python", "app.py"]\n', ["python", "app.py"], 2],
    ["shell CMD as words", "FROM a\nCMD python -m app \\\n  --port 80\n", [
      "python",
      "-m",
      "app",
      "--port",
      "80",
    ], 2],
    ["shell CMD with operators", "FROM a\nCMD cd x && node y.js\n", [
      "/bin/sh",
      "-c",
      "cd x && node y.js",
    ]],
    ["ENTRYPOINT with CMD arguments", 'FROM a\nENTRYPOINT ["node"]\nCMD ["s.js"]\n', [
      "node",
      "s.js",
    ], 2],
    ["shell ENTRYPOINT ignores CMD", 'FROM a\nENTRYPOINT node s.js\nCMD ["x"]\n', ["node", "s.js"]],
    ["the final stage only", 'FROM a AS b\nCMD ["x"]\nFROM c\nRUN true\n', undefined],
  ];
  for (const [name, text, argv, line] of cases) {
    await t.step(name, () => {
      const start = dockerStart(text, "Dockerfile");
      deepStrictEqual(start?.argv, argv);
      if (line !== undefined) equal(start?.line, line);
    });
  }
  equal(dockerStart("FROM a\nWORKDIR /srv\nCMD x\n", "Dockerfile")?.workdir, "/srv");
});

Deno.test("packageBins() reads string and object bins with their lines", () => {
  deepStrictEqual(packageBins('{"name": "@s/tool", "bin": "./cli.js"}', "package.json"), [
    { name: "tool", path: "cli.js", file: "package.json", line: 1 },
  ]);
  deepStrictEqual(packageBins('{\n"bin": {\n"a": "bin/a.js"\n}\n}', "package.json"), [
    { name: "a", path: "bin/a.js", file: "package.json", line: 3 },
  ]);
  deepStrictEqual(packageBins("not json", "package.json"), []);
});

Deno.test("documentedCommands() reads python, node and npx lines of shell blocks", () => {
  const md =
    "# x\n\n```bash\n$ python demo.py --fast\npip install x\nnode a.js | cat\n```\n\n```python\npython b.py\n```\n\n```\nnpx tool\n```\n";
  deepStrictEqual(documentedCommands(md, "README.md").map((c) => [c.line, c.argv.join(" ")]), [
    [4, "python demo.py --fast"],
    [14, "npx tool"],
  ]);
});

Deno.test("resolveCommand() runs what points at the repository, names what is missing", () => {
  const runtime: Runtime = {
    files: new Set(["app.py", "examples/a.py", "bin/t.js", "run.sh"]),
    modules: new Set(["app", "pkg"]),
    bins: [{ name: "t", path: "bin/t.js", file: "package.json", line: 1 }],
    python: "/venv/bin/python",
    installed: new Map([["gunicorn", "/venv/bin/gunicorn"]]),
    node: "/usr/bin/node",
  };
  const cases: Array<[string[], object, ReturnType<typeof resolveCommand>]> = [
    [["python3", "-u", "app.py"], {}, {
      argv: ["/venv/bin/python", "-u", "app.py"],
      target: "app.py",
    }],
    [["python", "-m", "pkg.cli", "x"], {}, {
      argv: ["/venv/bin/python", "-m", "pkg.cli", "x"],
      target: "pkg.cli",
    }],
    [["python", "-m", "pip"], {}, { unavailable: "pip is not the project's module" }],
    [["python", "examples/b.py"], {}, { missing: "examples/b.py", target: "examples/b.py" }],
    [["python", "elsewhere/c.py"], {}, { unavailable: "elsewhere/c.py is not in the repository" }],
    [["npx", "t", "--help"], {}, {
      argv: ["/usr/bin/node", "bin/t.js", "--help"],
      target: "bin/t.js",
    }],
    [["python", "/app/app.py"], { workdir: "/app/", direct: true }, {
      argv: ["/venv/bin/python", "app.py"],
      target: "app.py",
    }],
    [["./run.sh"], { direct: true }, { argv: ["./run.sh"], target: "run.sh" }],
    [["gunicorn", "app:wsgi"], { direct: true }, {
      argv: ["/venv/bin/gunicorn", "app:wsgi"],
      target: "gunicorn",
    }],
    [["nginx"], { direct: true }, { unavailable: "nginx is not the repository's" }],
  ];
  for (const [words, options, expected] of cases) {
    deepStrictEqual(resolveCommand(words, runtime, options), expected, words.join(" "));
  }
  const { python: _python, ...noPython } = runtime;
  deepStrictEqual(
    resolveCommand(["python", "app.py"], noPython),
    {
      unavailable: "no python environment here",
    },
  );
});

Deno.test("importCheckArgv() imports a Dockerfile's Python module or script instead of running it", () => {
  const py = "/venv/bin/python";
  deepStrictEqual(importCheckArgv([py, "-m", "app.server", "--port", "80"], py), [
    py,
    "-c",
    'import importlib; importlib.import_module("app.server")',
  ]);
  const script = importCheckArgv([py, "-u", "serve.py", "--debug"], py);
  deepStrictEqual([script?.[0], script?.[1], script?.[3]], [py, "-c", "serve.py"]);
  deepStrictEqual(importCheckArgv(["/usr/bin/node", "server.js"], py), undefined);
});
