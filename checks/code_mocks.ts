/**
 * code.mocks: mocks, fakes and stubs the shipped package (not its tests) uses at runtime, read with
 * Python's `ast` through the executor.
 * @module
 */
import type { Check, CheckContext, CheckOutcome } from "../src/check.ts";
import { evaluateMocks, MockScanSchema } from "../src/integrity/mocks.ts";
import { scanShippedPython } from "../src/integrity/run_script.ts";

function run(ctx: CheckContext): Promise<CheckOutcome> {
  return scanShippedPython(ctx, {
    script: "mocks_scan.py",
    schema: MockScanSchema,
    doing: "read the shipped code",
    evaluate: evaluateMocks,
  });
}

/** code.mocks: stand-ins for real dependencies in the shipped package. */
export const codeMocks: Check = {
  id: "code.mocks",
  category: "docs",
  applies: (facts) => facts.ecosystems.includes("python"),
  run,
};
