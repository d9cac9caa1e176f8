/**
 * code.constants: "measured" figures (coverage, latency, pass rate, score…) that quality-gate,
 * validation, benchmark or report code builds from literals, read with Python's `ast` through the
 * executor. Only shipped code is read (not the tests, examples or tool scripts).
 * @module
 */
import type { Check, CheckContext, CheckOutcome } from "../src/check.ts";
import { ConstantsScanSchema, evaluateConstants } from "../src/integrity/constants.ts";
import { scanShippedPython } from "../src/integrity/run_script.ts";

function run(ctx: CheckContext): Promise<CheckOutcome> {
  return scanShippedPython(ctx, {
    script: "constants_scan.py",
    schema: ConstantsScanSchema,
    doing: "read the code",
    evaluate: evaluateConstants,
  });
}

/** code.constants: result figures written into the code as literals. */
export const codeConstants: Check = {
  id: "code.constants",
  category: "docs",
  applies: (facts) => facts.ecosystems.includes("python"),
  run,
};
