/**
 * compat.python: every Python source file compiled (`compile()`, through the executor) under each
 * Python version the project declares — requires-python's lower bound, classifiers, the CI matrix,
 * "Python 3.8+" in its documents — that this machine has.
 * @module
 */
import type { Check, CheckContext, CheckOutcome } from "../src/check.ts";
import { CompileOutputSchema, type CompileRun, evaluateCompat } from "../src/integrity/compat.ts";
import {
  type Declaration,
  documentDeclarations,
  planCompat,
  pyprojectDeclarations,
  setupCfgDeclarations,
  workflowDeclarations,
} from "../src/integrity/declared_pythons.ts";
import { runScript } from "../src/integrity/run_script.ts";
import { readSnapshotText } from "../src/integrity/snapshot_text.ts";
import { pythonLayout } from "../src/python/layout.ts";
import { parseWorkflow } from "../src/python/workflows.ts";

const COMPILE_TIMEOUT_MS = 120_000;
const WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/;

async function declarations(ctx: CheckContext): Promise<Declaration[]> {
  const { facts } = ctx;
  const read = (path: string) => readSnapshotText(facts.root, path);
  const out: Declaration[] = [];
  for (const m of facts.manifests) {
    const text = await read(m.path);
    if (text === undefined) continue;
    if (m.kind === "pyproject") out.push(...pyprojectDeclarations(text, m.path));
    if (m.kind === "setup.cfg") out.push(...setupCfgDeclarations(text, m.path));
  }
  for (const path of facts.files.filter((f) => WORKFLOW.test(f))) {
    const text = await read(path);
    if (text === undefined) continue;
    try {
      out.push(...workflowDeclarations(parseWorkflow(text, path)));
    } catch {
      // An unparseable workflow declares nothing readable.
    }
  }
  for (const doc of facts.docs.filter((d) => d.kind === "readme" || d.kind === "status")) {
    const text = await read(doc.path);
    if (text !== undefined) out.push(...documentDeclarations(text, doc.path));
  }
  return out;
}

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const { facts } = ctx;
  const layout = pythonLayout(facts.files);
  const files = [
    ...layout.sources.map((s) => s.path),
    ...(layout.setupPy ? [layout.setupPy] : []),
  ].sort();
  if (files.length === 0) return { status: "skip", summary: "No Python source files" };
  const plan = planCompat(await declarations(ctx), facts.pythons, facts.interpreters.python);
  const runs: CompileRun[] = [];
  for (const { tool, minor } of plan.runs) {
    const result = await runScript(ctx, {
      python: tool.path,
      script: "compile_files.py",
      request: { root: facts.root, files },
      schema: CompileOutputSchema,
      timeoutMs: COMPILE_TIMEOUT_MS,
      doing: `compile under Python ${tool.version}`,
    });
    runs.push(
      "failure" in result
        ? { minor, failure: result.failure.summary }
        : { minor, output: result.value, evidence: result.evidence },
    );
  }
  return evaluateCompat(plan, runs, files.length);
}

/** compat.python: sources that do not compile under a declared Python version. */
export const compatPython: Check = {
  id: "compat.python",
  category: "docs",
  applies: (facts) => facts.ecosystems.includes("python"),
  run,
};
