/**
 * Test helper: a test plan with the fields a test cares about set, the rest as the plain default
 * (pytest from the root, nothing read).
 * @module
 */
import type { TestPlan } from "./test_plan.ts";

/** A plan of source `default` with `overrides` applied. */
export function fakePlan(overrides: Partial<TestPlan> = {}): TestPlan {
  return {
    source: "default",
    why: "no source says how the tests run",
    runner: "pytest",
    pytestInvocation: "module",
    pytestArgs: [],
    coverageTargets: [],
    moduleArgs: [],
    env: {},
    requirements: [],
    requirementsFiles: [],
    extras: [],
    plugins: [],
    pythonVersions: [],
    installsProject: true,
    installsWritten: false,
    installsEditable: false,
    notInstalled: [],
    pieces: [],
    problems: [],
    ...overrides,
  };
}
