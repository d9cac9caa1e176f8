/**
 * tests.vacuous: test functions that cannot fail — no assertion, tautologies, failures swallowed by
 * `try/except`, assertions only in `except`, only prints — read with Python's `ast` (the newest
 * interpreter on the machine) through the executor.
 * @module
 */
import type { Check, CheckContext, CheckOutcome } from "../src/check.ts";
import { runScript } from "../src/integrity/run_script.ts";
import { evaluateVacuous, VacuousScanSchema } from "../src/integrity/vacuous.ts";
import { pythonLayout } from "../src/python/layout.ts";

const SCAN_TIMEOUT_MS = 120_000;

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const { facts } = ctx;
  const python = facts.pythons.at(-1) ?? facts.interpreters.python;
  if (python === undefined) {
    return { status: "unverified", summary: "No Python interpreter was found to read the tests" };
  }
  const files = pythonLayout(facts.files).sources.filter((s) => s.role === "test")
    .map((s) => s.path);
  if (files.length === 0) return { status: "skip", summary: "No Python test files" };
  const scan = await runScript(ctx, {
    python: python.path,
    script: "vacuous_tests.py",
    request: { root: facts.root, files },
    schema: VacuousScanSchema,
    timeoutMs: SCAN_TIMEOUT_MS,
    doing: "read the test functions",
  });
  return "failure" in scan ? scan.failure : evaluateVacuous(scan.value, scan.evidence);
}

/** tests.vacuous: Python test functions that assert nothing. */
export const testsVacuous: Check = {
  id: "tests.vacuous",
  category: "docs",
  applies: (facts) => facts.ecosystems.includes("python"),
  run,
};
