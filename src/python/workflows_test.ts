import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { compareVersions, concreteVersions, parseWorkflow } from "./workflows.ts";

const WORKFLOW = [
  "name: CI", // 1
  "on: [push]",
  "env:",
  "  GLOBAL: one",
  "  TOKEN: ${{ secrets.TOKEN }}", // 5
  "jobs:",
  "  tests:",
  "    strategy:",
  "      matrix:",
  '        python-version: ["3.12", 3.10, "3.9", "pypy-3.10", "3.x"]', // 10
  "        include:",
  '          - python-version: "3.13"',
  "    env:",
  "      JOB: two",
  "    steps:", // 15
  "      - uses: actions/setup-python@v5",
  "        with:",
  "          python-version: ${{ matrix.python-version }}",
  "      - name: Test",
  "        env:", // 20
  "          STEP: three",
  "          SECRET: ${{ secrets.X }}",
  "        run: |",
  "          pip install -e .",
  "          pytest tests \\", // 25
  "            -m fast",
  "      - run: echo single",
].join("\n");

Deno.test("parseWorkflow() reads jobs, run commands with lines, env and the matrix", () => {
  const workflow = parseWorkflow(WORKFLOW, ".github/workflows/ci.yml");
  const job = workflow.jobs[0];
  strictEqual(job?.id, "tests");
  deepStrictEqual(job.pythonVersions, ["3.9", "3.10", "3.12", "3.13"]);
  const [setup, test, echo] = job.steps;
  deepStrictEqual(setup?.commands, []);
  deepStrictEqual(test?.commands.map((c) => [c.line, c.argv]), [
    [24, ["pip", "install", "-e", "."]],
    [25, ["pytest", "tests", "-m", "fast"]],
  ]);
  deepStrictEqual(test?.env, { GLOBAL: "one", JOB: "two", STEP: "three" });
  deepStrictEqual(echo?.commands.map((c) => c.line), [27]);
});

Deno.test("parseWorkflow() names the file and line of a YAML error", () => {
  throws(
    () => parseWorkflow("jobs:\n  test:\n    steps: [\n      - run: x\n", "ci.yml"),
    (e: unknown) => e instanceof TypeError && /^Cannot parse ci\.yml:\d+: /.test(e.message),
  );
});

Deno.test("concreteVersions() keeps 3.x versions, each once, oldest first", () => {
  deepStrictEqual(concreteVersions(["3.12", "3.8", "3.10.4", "3.x", "pypy3.9", "3.12", "2.7"]), [
    "3.8",
    "3.10.4",
    "3.12",
  ]);
  strictEqual(Math.sign(compareVersions("3.9", "3.10")), -1);
});
