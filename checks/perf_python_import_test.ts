import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import { fakeContext, fakePythonEnv } from "../src/python/_fake_context.ts";
import { IMPORT_RUNS, perfPythonImport } from "./perf_python_import.ts";

const ENV = fakePythonEnv({
  packages: ["fast", "slow", "broken"],
  imports: { fast: null, slow: null, broken: "ModuleNotFoundError: No module named 'x'" },
});

function importTime(pkg: string, micros: number): string {
  return [
    "import time: self [us] | cumulative | imported package",
    "import time:       100 |        100 |   _io",
    `import time:       300 | ${String(micros).padStart(10)} | ${pkg}`,
  ].join("\n");
}

Deno.test("perf.python-import times each importable package: 1 warm-up, then the median of 5", async () => {
  const samples: Record<string, number[]> = {
    fast: [9000, 1000, 2000, 3000, 4000, 5000],
    slow: [90000, 30000, 31000, 32000, 33000, 34000],
  };
  await using f = await fakeContext({
    dependencies: { "install.python": { data: ENV } },
    handler: (argv) => {
      const pkg = (argv.at(-1) ?? "").replace("import ", "");
      return { stderr: importTime(pkg, samples[pkg]?.shift() ?? 0) };
    },
  });
  const outcome = await perfPythonImport.run(f.ctx);
  strictEqual(f.calls.length, 2 * (IMPORT_RUNS + 1));
  deepStrictEqual(f.calls[0]?.argv, ["/venv/bin/python", "-X", "importtime", "-c", "import fast"]);
  strictEqual(f.calls[0]?.options.cwd, "/tmp/import");
  strictEqual(f.calls.some((c) => c.options.network), false);
  deepStrictEqual(
    outcome.measurements?.map((m) => [m.metric, m.value, m.unit, m.stats?.runs]),
    [["perf.import.fast", 3, "ms", 5], ["perf.import.slow", 32, "ms", 5], [
      "perf.import",
      32,
      "ms",
      5,
    ]],
  );
  strictEqual(outcome.measurements?.[0]?.stats?.max, 5);
  strictEqual(outcome.status, "pass");
  match(outcome.summary, /fast 3\.0 ms, slow 32\.0 ms/);
});

Deno.test("perf.python-import warns on a failing run and is unverified with nothing to time", async () => {
  await using f = await fakeContext({
    dependencies: { "install.python": { data: { ...ENV, packages: ["fast", "slow"] } } },
    handler: (argv) =>
      argv.at(-1) === "import slow"
        ? { exitCode: 1, stderr: "ImportError: boom\n" }
        : { stderr: importTime("fast", 1000) },
  });
  const outcome = await perfPythonImport.run(f.ctx);
  strictEqual(outcome.status, "warn");
  deepStrictEqual(outcome.findings, [{ message: "Cannot time import slow: ImportError: boom" }]);

  await using none = await fakeContext({
    dependencies: { "install.python": { data: { ...ENV, packages: ["broken"] } } },
    handler: () => ({}),
  });
  const nothing = await perfPythonImport.run(none.ctx);
  strictEqual(nothing.status, "unverified");
  strictEqual(none.calls.length, 0);
});
