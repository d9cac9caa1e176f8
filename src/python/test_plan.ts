/**
 * The test plan: how the maintainers run the tests, read from CI workflows, tox, nox, a Makefile and
 * the pytest configuration, each piece with its file and line. claimcheck runs that selection itself
 * with its own reporting options, in an environment installed in layers.
 * @module
 */
import { z } from "zod";
import { FindingSchema } from "../finding.ts";

/** Where a plan's command came from, in order of precedence. */
export const PlanSourceKindSchema = z.enum([
  "ci",
  "tox",
  "nox",
  "make",
  "pytest-config",
  "default",
]);
/** Where a plan's command came from. */
export type PlanSourceKind = z.infer<typeof PlanSourceKindSchema>;

/** One piece of the plan and where it was read. */
export const PlanPieceSchema = z.object({
  file: z.string(),
  line: z.number().int().positive().optional(),
  /** What was read there: `run: pytest tests/unit -m "not slow"`, `deps = pytest-mock`. */
  detail: z.string(),
});
/** One piece of the plan and where it was read. */
export type PlanPiece = z.infer<typeof PlanPieceSchema>;

/** A requirement of the test layer and what asked for it. */
export const PlanRequirementSchema = z.object({
  /** A PEP 508 requirement as written (`pytest-mock>=3`). */
  requirement: z.string(),
  /** Who wants it: `dependency group test`, `tox.ini deps`, `pytest addopts --cov`. */
  wantedBy: z.string(),
});
/** A requirement of the test layer and what asked for it. */
export type PlanRequirement = z.infer<typeof PlanRequirementSchema>;

/** A pytest plugin that the configuration needs. */
export const PlanPluginSchema = z.object({
  /** Distribution name (`pytest-cov`). */
  name: z.string(),
  /** Why it is needed: "`addopts` uses `--cov`". */
  reason: z.string(),
  /** Whether the project declares it anywhere (dependencies, extras, groups, requirements, tox deps). */
  declared: z.boolean(),
});
/** A pytest plugin that the configuration needs. */
export type PlanPlugin = z.infer<typeof PlanPluginSchema>;

/** The plan: one command's selection, its environment and its test layer. */
export const TestPlanSchema = z.object({
  source: PlanSourceKindSchema,
  /** Why this source won ("an explicit CI test step beats tox.ini"). */
  why: z.string(),
  /** The maintainers' own command line as written, when one was found. */
  command: z.string().optional(),
  /** `pytest`, `unittest` (`python -m unittest …`), or `module` (the project's own `python -m pkg.tests`). */
  runner: z.enum(["pytest", "unittest", "module"]),
  /**
   * pytest arguments that keep the maintainers' selection (paths, `-m`, `-k`, `--ignore`, `-p`,
   * `--doctest-modules`, `-o`); reporting options (`--cov*`, `--junitxml`, `-v`, `--html`, …) are left
   * out: claimcheck adds its own.
   */
  pytestArgs: z.array(z.string()),
  /** With `runner: unittest` or `module`: the arguments after `python -m` (`["unittest", "discover", "-s", "tests"]`). */
  moduleArgs: z.array(z.string()).default([]),
  /** Environment values the maintainers set for the tests (never `${{ secrets.* }}`). */
  env: z.record(z.string(), z.string()),
  /** Requirements of the test layer (plugins the configuration needs included). */
  requirements: z.array(PlanRequirementSchema),
  /** Requirements files of the test layer, relative to the root. */
  requirementsFiles: z.array(z.string()),
  /** Extras of the project the test layer installs (`test`, `tests`, …). */
  extras: z.array(z.string()),
  /** Plugins the pytest configuration needs. */
  plugins: z.array(PlanPluginSchema),
  /** Python versions of the CI matrix (`3.11`, `3.12`), newest last. */
  pythonVersions: z.array(z.string()),
  /** Whether the maintainers install the project before testing (false: the tests run from the tree). */
  installsProject: z.boolean(),
  /** Every piece read, with file and line. */
  pieces: z.array(PlanPieceSchema),
  /** Files that could not be read (a workflow that does not parse, a tox.ini with a syntax error). */
  problems: z.array(FindingSchema),
});
/** The plan: one command's selection, its environment and its test layer. */
export type TestPlan = z.infer<typeof TestPlanSchema>;

/** The plan when the repository says nothing: plain pytest from the root. */
export function defaultPlan(installable: boolean): TestPlan {
  return {
    source: "default",
    why: "no CI step, tox, nox, Makefile target or pytest configuration says how the tests run",
    runner: "pytest",
    pytestArgs: [],
    moduleArgs: [],
    env: {},
    requirements: [],
    requirementsFiles: [],
    extras: [],
    plugins: [],
    pythonVersions: [],
    installsProject: installable,
    pieces: [],
    problems: [],
  };
}
