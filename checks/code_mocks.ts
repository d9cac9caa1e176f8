/**
 * code.mocks: mocks, fakes and stubs the shipped package (not its tests) uses at runtime, read with
 * Python's `ast` through the executor.
 * @module
 */
import type { Check, CheckContext, CheckOutcome } from "../src/check.ts";
import { evaluateMocks, MockScanSchema } from "../src/integrity/mocks.ts";
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
    script: "mocks_scan.py",
    request: { root: facts.root, files },
    schema: MockScanSchema,
    timeoutMs: SCAN_TIMEOUT_MS,
    doing: "read the shipped code",
  });
  return "failure" in scan ? scan.failure : evaluateMocks(scan.value, files.length, scan.evidence);
}

/** code.mocks: stand-ins for real dependencies in the shipped package. */
export const codeMocks: Check = {
  id: "code.mocks",
  category: "docs",
  applies: (facts) => facts.ecosystems.includes("python"),
  run,
};
