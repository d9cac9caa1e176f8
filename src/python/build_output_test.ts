import { strictEqual } from "node:assert/strict";
import { firstErrorLine, harnessFault } from "./build_output.ts";

const recorded = (name: string) =>
  Deno.readTextFileSync(new URL(`./testdata/build/${name}`, import.meta.url));

Deno.test("firstErrorLine() quotes the real error, not pip's or build's see-above lines", async (t) => {
  const cases: Array<[string, string, string | undefined]> = [
    [
      "a setup.py that raises (python -m build)",
      recorded("setup_py_raises.txt"),
      "RuntimeError: boom from setup.py",
    ],
    [
      "no wheel in pip wheel's environment",
      recorded("pip_wheel_no_wheel.txt"),
      "error: invalid command 'bdist_wheel'",
    ],
    [
      "a backend the index lacks (build's `< ` relay)",
      recorded("backend_not_on_index.txt"),
      "ERROR: Could not find a version that satisfies the requirement pdm-backend",
    ],
    ["only noise", "error: subprocess-exited-with-error\nnote: See above for output.\n", undefined],
    ["nothing", "", undefined],
  ];
  for (const [name, output, expected] of cases) {
    await t.step(name, () => strictEqual(firstErrorLine(output), expected));
  }
});

Deno.test("harnessFault() tells the harness's faults from the project's", async (t) => {
  const cases: Array<[string, string, RegExp | undefined]> = [
    ["backend not on the index", recorded("backend_not_on_index.txt"), /index lacks pdm-backend/],
    ["no wheel", recorded("pip_wheel_no_wheel.txt"), /`wheel` is not installed/],
    ["no build tool", "/venv/bin/python: No module named build\n", /`build` tool/],
    [
      "backend missing without isolation",
      "pyproject_hooks._impl.BackendUnavailable: Cannot import 'pdm.backend'\n",
      /backend is not installed/,
    ],
    ["the project's own error", recorded("setup_py_raises.txt"), undefined],
  ];
  for (const [name, output, expected] of cases) {
    await t.step(name, () => {
      const fault = harnessFault(output);
      if (expected === undefined) strictEqual(fault, undefined);
      else strictEqual(expected.test(fault ?? ""), true, fault);
    });
  }
});
