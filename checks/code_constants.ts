/**
 * code.constants: "measured" figures (coverage, latency, pass rate, score…) that quality-gate,
 * validation, benchmark or report code builds from literals, read with Python's `ast` through the
 * executor. Only shipped code is read (not the tests, examples or tool scripts).
 * @module
 */
import type { Check, CheckContext, CheckOutcome } from "../src/check.ts";
import { ConstantsScanSchema, evaluateConstants } from "../src/integrity/constants.ts";
import { runScript } from "../src/integrity/run_script.ts";
import { pythonLayout } from "../src/python/layout.ts";

const SCAN_TIMEOUT_MS = 120_000;

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const { facts } = ctx;
  const python = facts.pythons.at(-1) ?? facts.interpreters.python;
  if (python === undefined) {
    return { status: "unverified", summary: "No Python interpreter was found to read the code" };
  }
  const files = pythonLayout(facts.files).sources.filter((s) => s.role === "runtime")
    .map((s) => s.path);
  if (files.length === 0) return { status: "skip", summary: "No shipped Python files" };
  const scan = await runScript(ctx, {
    python: python.path,
    script: "constants_scan.py",
    request: { root: facts.root, files },
    schema: ConstantsScanSchema,
    timeoutMs: SCAN_TIMEOUT_MS,
    doing: "read the code",
  });
  return "failure" in scan
    ? scan.failure
    : evaluateConstants(scan.value, files.length, scan.evidence);
}

/** code.constants: result figures written into the code as literals. */
export const codeConstants: Check = {
  id: "code.constants",
  category: "docs",
  applies: (facts) => facts.ecosystems.includes("python"),
  run,
};
