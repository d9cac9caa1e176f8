import { deepStrictEqual, equal, match } from "node:assert/strict";
import { evaluateTodos, grepFailure, parseGrep, repoTodos } from "./repo_todos.ts";
import { fakeEvidence } from "./_fake_evidence.ts";
import { realContext, writeTree } from "./_real_context.ts";
import { values } from "./_report_helpers.ts";

// Markers are assembled at run time so that this file holds none itself.
const TODO = "TO" + "DO";
const FIXME = "FIX" + "ME";

Deno.test("parseGrep() reads path, line and marker, sorted", () => {
  const output = [
    `./src/b.py:12:    # ${TODO}: faster`,
    `./src/a.ts:3:// ${FIXME} handle NaN`,
    `./src/a.ts:10: * ${TODO} docs`,
    "not a grep line",
    "",
  ].join("\n");
  deepStrictEqual(parseGrep(output), [
    { file: "src/a.ts", line: 3, marker: FIXME, text: `// ${FIXME} handle NaN` },
    { file: "src/a.ts", line: 10, marker: TODO, text: `* ${TODO} docs` },
    { file: "src/b.py", line: 12, marker: TODO, text: `# ${TODO}: faster` },
  ]);
});

Deno.test("evaluateTodos() passes with none and warns with some, per marker", () => {
  const none = evaluateTodos([], 0);
  equal(none.status, "pass");
  deepStrictEqual(values(none), {
    "repo.todos": 0,
    "repo.todos.todo": 0,
    "repo.todos.fixme": 0,
    "repo.todos.xxx": 0,
  });
  const hits = Array.from({ length: 25 }, (_, i) => ({
    file: "src/a.py",
    line: i + 1,
    marker: i === 0 ? "FIXME" as const : "TODO" as const,
    text: `# marker ${i}`,
  }));
  const some = evaluateTodos(hits, 4);
  equal(some.status, "warn");
  equal(
    some.summary,
    "25 TODO/FIXME/XXX comments in source files (24 TODO, 1 FIXME), first at src/a.py:1",
  );
  deepStrictEqual(values(some), {
    "repo.todos": 25,
    "repo.todos.todo": 24,
    "repo.todos.fixme": 1,
    "repo.todos.xxx": 0,
  });
  equal(some.findings?.length, 20);
  deepStrictEqual(some.findings?.[0], { message: "# marker 0", file: "src/a.py", line: 1 });
  equal(some.measurements?.every((m) => m.evidence === 4), true);
});

Deno.test("grepFailure() accepts exit 0 and 1, reports the rest", () => {
  equal(grepFailure(fakeEvidence({ exitCode: 0 })), undefined);
  equal(grepFailure(fakeEvidence({ exitCode: 1 })), undefined);
  deepStrictEqual(grepFailure(fakeEvidence({ exitCode: 2, stderrTail: "grep: bad regex\n" })), {
    status: "error",
    summary: "Cannot search the source files: grep exited 2: grep: bad regex",
  });
  equal(grepFailure(fakeEvidence({ exitCode: null, timedOut: true }))?.status, "error");
  equal(
    grepFailure(fakeEvidence({ exitCode: null, startError: "not found" }))?.status,
    "unverified",
  );
});

Deno.test("repoTodos finds marker comments in source files through the executor", async () => {
  const root = await writeTree({
    "src/pkg/core.py": `def f():\n    # ${TODO}: vectorise\n    return 1  # ${FIXME} rounding\n`,
    "src/pkg/io.ts": `/**\n * ${TODO} stream it\n */\nexport const x = "${TODO} in a string";\n`,
    "README.md": `# ${TODO} list\n`,
    "fixtures/x.py": `# ${TODO}: not ours\n`,
    "node_modules/y/index.js": `// ${TODO}: not ours\n`,
  });
  const temp = await Deno.makeTempDir();
  try {
    const outcome = await repoTodos.run(realContext(root, temp, []));
    equal(outcome.status, "warn", outcome.summary);
    deepStrictEqual(values(outcome), {
      "repo.todos": 3,
      "repo.todos.todo": 2,
      "repo.todos.fixme": 1,
      "repo.todos.xxx": 0,
    });
    deepStrictEqual(outcome.findings?.map((f) => `${f.file}:${f.line}`), [
      "src/pkg/core.py:2",
      "src/pkg/core.py:3",
      "src/pkg/io.ts:2",
    ]);
    match(outcome.summary, /^3 TODO\/FIXME\/XXX comments in source files \(2 TODO, 1 FIXME\)/);
  } finally {
    await Deno.remove(root, { recursive: true });
    await Deno.remove(temp, { recursive: true });
  }
});

Deno.test("repoTodos passes on a tree without marker comments (grep exit 1)", async () => {
  const root = await writeTree({ "src/a.py": "x = 1\n", "notes.md": `${TODO}: later\n` });
  const temp = await Deno.makeTempDir();
  try {
    const outcome = await repoTodos.run(realContext(root, temp, []));
    equal(outcome.status, "pass");
    equal(outcome.summary, "No TODO/FIXME/XXX comments in source files");
    equal(values(outcome)["repo.todos"], 0);
  } finally {
    await Deno.remove(root, { recursive: true });
    await Deno.remove(temp, { recursive: true });
  }
});

Deno.test("repoTodos records the grep command as evidence", async () => {
  const root = await writeTree({ "a.py": "x = 1\n" });
  const temp = await Deno.makeTempDir();
  try {
    const argvs: string[][] = [];
    const ctx = realContext(root, temp, []);
    const exec = ctx.exec;
    ctx.exec = (argv, options) => {
      argvs.push(argv);
      return exec(argv, options);
    };
    await repoTodos.run(ctx);
    equal(argvs.length, 1);
    equal(argvs[0]?.[0], "grep");
    equal(argvs[0]?.includes(`--exclude-dir=fixtures`), true);
    equal(argvs[0]?.at(-1), ".");
  } finally {
    await Deno.remove(root, { recursive: true });
    await Deno.remove(temp, { recursive: true });
  }
});
