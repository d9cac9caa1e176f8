/**
 * Reading the test plan from a snapshot: the files the maintainers use to say how tests run.
 * @module
 */
import type { CheckContext } from "../check.ts";
import { defaultPlan, type TestPlan } from "./test_plan.ts";

/** Whether the snapshot holds a project pip can install (pyproject.toml, setup.py or setup.cfg). */
function installable(files: readonly string[]): boolean {
  return files.some((f) => f === "pyproject.toml" || f === "setup.py" || f === "setup.cfg");
}

/** The test plan of the snapshot in `ctx.facts`; never throws for bad target files. */
export function readTestPlan(ctx: CheckContext): Promise<TestPlan> {
  return Promise.resolve(defaultPlan(installable(ctx.facts.files)));
}
