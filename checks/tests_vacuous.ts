/**
 * tests.vacuous: test functions that cannot fail — no assertion, tautologies, failures swallowed by
 * `try/except` (`try/catch`), assertions only in `except` (`catch`), only prints. Python tests are
 * read with Python's `ast` (the newest interpreter on the machine) through the executor;
 * JavaScript/TypeScript tests (Deno, node:test, jest/vitest) with the TypeScript parser.
 * @module
 */
import type { Check, CheckContext, CheckOutcome } from "../src/check.ts";
import { runScript } from "../src/integrity/run_script.ts";
import { scriptTestFiles, scriptTestScan } from "../src/integrity/script_tests.ts";
import { evaluateVacuous, type VacuousScan, VacuousScanSchema } from "../src/integrity/vacuous.ts";
import { pythonLayout } from "../src/python/layout.ts";

const SCAN_TIMEOUT_MS = 120_000;

/** The Python test functions, or the outcome that says why they could not be read. */
async function pythonScan(
  ctx: CheckContext,
): Promise<{ scan: VacuousScan; evidence: number } | { failure: CheckOutcome } | undefined> {
  const { facts } = ctx;
  if (!facts.ecosystems.includes("python")) return undefined;
  const files = pythonLayout(facts.files).sources.filter((s) => s.role === "test")
    .map((s) => s.path);
  if (files.length === 0) return undefined;
  const python = facts.pythons.at(-1) ?? facts.interpreters.python;
  if (python === undefined) {
    return {
      failure: {
        status: "unverified",
        summary: "No Python interpreter was found to read the tests",
      },
    };
  }
  const run = await runScript(ctx, {
    python: python.path,
    script: "vacuous_tests.py",
    request: { root: facts.root, files },
    schema: VacuousScanSchema,
    timeoutMs: SCAN_TIMEOUT_MS,
    doing: "read the test functions",
  });
  return "failure" in run ? run : { scan: run.value, evidence: run.evidence };
}

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const python = await pythonScan(ctx);
  const scripts = await scriptTestFiles(ctx.facts);
  if (scripts.length === 0) {
    if (python === undefined) return { status: "skip", summary: "No test files" };
    return "failure" in python ? python.failure : evaluateVacuous(python.scan, python.evidence);
  }
  const script = await scriptTestScan(ctx.facts.root, scripts);
  if (python === undefined) return evaluateVacuous(script);
  if ("failure" in python) {
    const outcome = evaluateVacuous(script);
    return {
      ...outcome,
      status: outcome.status === "pass" ? "unverified" : outcome.status,
      summary: `${outcome.summary}; the Python tests were not read: ${python.failure.summary}`,
    };
  }
  return evaluateVacuous({
    tests: [...python.scan.tests, ...script.tests],
    parseErrors: [...python.scan.parseErrors, ...script.parseErrors],
  }, python.evidence);
}

/** tests.vacuous: Python and JavaScript/TypeScript test functions that assert nothing. */
export const testsVacuous: Check = {
  id: "tests.vacuous",
  category: "docs",
  applies: (facts) => facts.ecosystems.some((e) => e === "python" || e === "deno" || e === "node"),
  run,
};
