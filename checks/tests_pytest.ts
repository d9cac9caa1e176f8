/**
 * tests.pytest: run the test suite the way its maintainers do (the plan's runner, selection and
 * environment values) with claimcheck's own reporting options, once under coverage.py when it is
 * available; cross-check the JUnit counts with the runner's summary line and exit code; tell skips
 * caused by a module missing here from the suite's own; rerun failing tests (and a quick suite as a
 * whole) to find flaky ones. The coverage data goes to coverage.python as `PytestData`.
 * @module
 */
import { dirname, join } from "node:path";
import type { Check, CheckContext, CheckOutcome, Finding, Measurement } from "../src/check.ts";
import type { ExecResult } from "../src/exec/types.ts";
import { pathCounts } from "../src/claims/scoped_counts.ts";
import { countMeasurements } from "../src/measurement.ts";
import { type JUnitCase, type JUnitSummary, parseJUnit } from "../src/parsers/junit.ts";
import { INSTALL_CHECK, type PythonEnv, pythonEnvOf } from "../src/python/env.ts";
import { editableRoots } from "../src/python/layout.ts";
import {
  addRun,
  flakyMessage,
  flakyRatio,
  type FlakyTest,
  flakyTests,
  type Histories,
  MAX_RERUNS,
  outcomesOf,
  rerunCandidates,
  type RunOutcomes,
  SECOND_RUN_UNDER_MS,
} from "../src/python/flaky.ts";
import { failureLine, keptOutput } from "../src/python/output.ts";
import {
  countPytest,
  describeCollectionErrors,
  evaluatePytest,
  isCollectionError,
  type PytestCounts,
  pytestFindings,
  type PytestRun,
  testId,
} from "../src/python/pytest_report.ts";
import {
  parsePytestSummary,
  parseUnittestSummary,
  type SummaryCounts,
} from "../src/python/pytest_summary.ts";
import { reportsDisagree } from "../src/python/report_agreement.ts";
import {
  environmentSkipText,
  IMPORTABLE_SCRIPT,
  modulesToProbe,
  parseImportable,
  type SkipSummary,
  summarizeSkips,
} from "../src/python/skips.ts";
import {
  commandText,
  type CoverageOptions,
  coverageRunOptions,
  coverageSources,
  fullRunArgs,
  maintainersStop,
  measuredPackages,
  moduleArgv,
  pytestArgv,
  rerunSelection,
} from "../src/python/suite_command.ts";
import type { TestPlan } from "../src/python/test_plan.ts";
import { safeReadText } from "../src/safe_read.ts";

/** What tests.pytest hands to coverage.python. */
export interface PytestData {
  python: string;
  /** The coverage.py data file of the run. */
  coverageFile: string;
  /** The configuration the run used instead of the project's, when it had to. */
  rcfile?: string;
  /** Packages measured in two places (`src/pkg` and site-packages): each package's folders. */
  copies?: string[][];
}

/**
 * Whether a run under coverage died loading a coverage plugin that the project's configuration
 * names (`[tool.coverage.run] plugins`) and this environment lacks: coverage.py imports its plugins
 * before any test runs, so the suite never started.
 */
export function coveragePluginMissing(output: string): boolean {
  return /coverage[\/\\]plugin_support\.py/.test(output) &&
    /(ModuleNotFoundError|ImportError)/.test(output);
}

/** A round of reruns gets at least this long (and at most the probe timeout). */
const RERUN_MIN_TIMEOUT_MS = 30_000;
/** Skip reasons named in the findings. */
const TOP_SKIP_REASONS = 5;
/** Flaky tests named in the summary. */
const TOP_FLAKY = 3;
const PROBE_TIMEOUT_MS = 60_000;

/** How one runner is run and read. */
interface Suite {
  /** The runner in summaries. */
  tool: string;
  /** The selection as a command, for "the selection collected no test: …". */
  selection: string;
  runner: "pytest" | "unittest";
  /** The full run's argv, writing JUnit to `junit`, under coverage when given. */
  argv(junit: string, coverage?: CoverageOptions): string[];
  /** A rerun of the given tests apart from the suite, when the runner can select tests. */
  rerun?(junit: string, ids: readonly string[]): string[];
  /** A test's id as the runner selects it. */
  idOf(c: JUnitCase): string;
  /** The runner's own closing summary, read from its output. */
  summary(r: ExecResult): SummaryCounts | undefined;
}

async function unittestScript(ctx: CheckContext): Promise<string> {
  const path = join(await ctx.tempDir("unittest-junit"), "unittest_junit.py");
  await Deno.writeTextFile(
    path,
    await Deno.readTextFile(new URL("../src/python/unittest_junit.py", import.meta.url)),
  );
  return path;
}

async function suiteOf(ctx: CheckContext, env: PythonEnv, plan?: TestPlan): Promise<Suite> {
  const python = env.python;
  if (plan !== undefined && plan.runner !== "pytest") {
    const script = await unittestScript(ctx);
    const unittest = plan.runner === "unittest";
    return {
      tool: `python -m ${plan.moduleArgs[0] ?? ""}`.trim(),
      selection: `python -m ${commandText(plan.moduleArgs)}`,
      runner: "unittest",
      argv: (junit, coverage) => moduleArgv(python, script, junit, plan.moduleArgs, coverage),
      ...(unittest
        ? {
          rerun: (junit: string, ids: readonly string[]) =>
            moduleArgv(python, script, junit, ["unittest", ...ids]),
        }
        : {}),
      idOf: (c) => c.classname === "" ? c.name : `${c.classname}.${c.name}`,
      summary: (r) =>
        parseUnittestSummary(
          `${keptOutput(r.evidence, "stdout")}\n${keptOutput(r.evidence, "stderr")}`,
        ),
    };
  }
  const selection = fullRunArgs(plan?.pytestArgs ?? []).args;
  const invocation = plan?.pytestInvocation;
  return {
    tool: "pytest",
    selection: commandText(["pytest", ...selection]),
    runner: "pytest",
    argv: (junit, coverage) =>
      pytestArgv(
        python,
        junit,
        [
          ...selection,
          ...(coverage ? coverageRunOptions(plan, env.leftOut) : []),
        ],
        coverage,
        invocation,
      ),
    rerun: (junit, ids) =>
      pytestArgv(python, junit, rerunSelection(selection, ids), undefined, invocation),
    idOf: testId,
    summary: (r) => parsePytestSummary(keptOutput(r.evidence, "stdout")),
  };
}

/** One run of the suite (or of one test): its probe and its JUnit report, if readable. */
interface SuiteRun {
  exec: ExecResult;
  junit?: JUnitSummary;
  problem?: string;
}

async function runSuite(
  ctx: CheckContext,
  argv: string[],
  junitPath: string,
  plan: TestPlan | undefined,
  timeoutMs: number,
): Promise<SuiteRun> {
  const exec = await ctx.exec(argv, {
    timeoutMs,
    ...(plan && Object.keys(plan.env).length > 0 ? { env: plan.env } : {}),
  });
  try {
    return { exec, junit: parseJUnit(await safeReadText(dirname(junitPath), junitPath)) };
  } catch (error) {
    const e = exec.evidence;
    return { exec, problem: e.exitCode === 0 ? (error as Error).message : failureLine(e) };
  }
}

/** Which modules the skip reasons name import here (one probe, only when a reason names any). */
async function skipsOf(
  ctx: CheckContext,
  python: string,
  cases: JUnitCase[],
): Promise<SkipSummary> {
  const names = modulesToProbe(cases);
  if (names.length === 0) return summarizeSkips(cases, {});
  const r = await ctx.exec([python, "-c", IMPORTABLE_SCRIPT, ...names], {
    timeoutMs: PROBE_TIMEOUT_MS,
  });
  return summarizeSkips(cases, parseImportable(keptOutput(r.evidence, "stdout")));
}

/** What the flakiness runs found. */
interface Flakiness {
  flaky: FlakyTest[];
  /** Tests whose rerun could not tell (it hung or did not find the test). */
  unknown: string[];
  notes: string[];
}

function outcomes(suite: Suite, junit: JUnitSummary): RunOutcomes {
  return outcomesOf(junit.cases, suite.idOf, isCollectionError);
}

/** The second whole run's outcomes, or why there are none. */
async function secondRun(
  ctx: CheckContext,
  suite: Suite,
  plan: TestPlan | undefined,
  dir: string,
): Promise<RunOutcomes | string> {
  const junit = join(dir, "second.xml");
  const second = await runSuite(ctx, suite.argv(junit), junit, plan, ctx.options.timeoutMs);
  if (second.junit && !second.exec.evidence.timedOut) return outcomes(suite, second.junit);
  const why = second.exec.evidence.timedOut ? "timed out" : "wrote no report";
  return `the second run ${why}: not compared`;
}

/**
 * Up to `MAX_RERUNS` rounds of reruns: each round runs the failing tests that have not passed yet
 * together, apart from the rest of the suite (one interpreter start, not one per test). A test a
 * round does not report (it timed out, or did not run it) keeps its first result: unknown.
 */
async function rerunRounds(
  ctx: CheckContext,
  suite: Suite,
  rerun: NonNullable<Suite["rerun"]>,
  plan: TestPlan | undefined,
  at: { dir: string; timeoutMs: number },
  ids: readonly string[],
): Promise<{ runs: RunOutcomes[]; unknown: string[] }> {
  const runs: RunOutcomes[] = [];
  const unknown: string[] = [];
  let left = [...ids];
  for (let n = 1; n <= MAX_RERUNS && left.length > 0; n++) {
    const junit = join(at.dir, `rerun-${n}.xml`);
    const r = await runSuite(ctx, rerun(junit, left), junit, plan, at.timeoutMs);
    const seen = r.junit && !r.exec.evidence.timedOut ? outcomes(suite, r.junit) : new Map();
    const round: RunOutcomes = new Map();
    for (const id of left) {
      const outcome = seen.get(id);
      if (outcome === "passed" || outcome === "failed") round.set(id, outcome);
      else {
        const why = r.exec.evidence.timedOut ? "its rerun timed out" : "its rerun did not run it";
        unknown.push(`flaky unknown for ${id}: ${why}, the first result stands`);
      }
    }
    runs.push(round);
    left = [...round].filter(([, o]) => o === "failed").map(([id]) => id);
  }
  return { runs, unknown };
}

/**
 * A quick suite runs a second time, whole; failing tests are rerun apart from the rest (at most
 * `MAX_RERUN_TESTS`, together, up to `MAX_RERUNS` rounds; see {@link rerunRounds}). A rerun that hangs
 * leaves the first result standing: that test's flakiness is unknown. Undefined when nothing was
 * run again.
 */
async function examineFlakiness(
  ctx: CheckContext,
  suite: Suite,
  plan: TestPlan | undefined,
  first: SuiteRun & { junit: JUnitSummary },
): Promise<Flakiness | undefined> {
  const histories: Histories = new Map();
  const runs = [outcomes(suite, first.junit)];
  addRun(histories, runs[0] as RunOutcomes);
  const notes: string[] = [];
  const unknown: string[] = [];
  const dir = await ctx.tempDir("pytest-rerun");
  let examined = false;
  if (first.exec.evidence.durationMs < SECOND_RUN_UNDER_MS) {
    const again = await secondRun(ctx, suite, plan, dir);
    if (typeof again === "string") notes.push(again);
    else {
      addRun(histories, again);
      runs.push(again);
      examined = true;
    }
  }
  const { ids, failing } = rerunCandidates(runs);
  const rerun = suite.rerun;
  if (!rerun && failing > 0) {
    notes.push(`failing tests not rerun: \`${suite.tool}\` cannot select tests`);
  }
  if (rerun && failing > ids.length) notes.push(`reran ${ids.length} of ${failing} failing tests`);
  const timeoutMs = Math.min(
    ctx.options.timeoutMs,
    Math.max(RERUN_MIN_TIMEOUT_MS, 2 * first.exec.evidence.durationMs),
  );
  if (rerun && ids.length > 0) {
    const r = await rerunRounds(ctx, suite, rerun, plan, { dir, timeoutMs }, ids);
    unknown.push(...r.unknown);
    for (const round of r.runs) addRun(histories, round);
    examined ||= r.runs.some((round) => round.size > 0);
  }
  if (!examined && unknown.length === 0) return undefined;
  return { flaky: flakyTests(histories), unknown, notes };
}

function measurements(
  c: PytestCounts,
  evidence: number,
  skips: SkipSummary | undefined,
  flakiness: Flakiness | undefined,
): Measurement[] {
  const counts: Record<string, number> = {
    "tests.passed": c.passed,
    "tests.failed": c.failed,
    "tests.errors": c.errors,
    "tests.skipped": c.skipped,
    "tests.xfailed": c.xfailed,
    "tests.total": c.total,
    "tests.collectionErrors": c.collectionErrors,
  };
  if (skips) {
    counts["tests.skipped.environment"] = skips.environment;
    for (const [name, n] of Object.entries(skips.byModule)) {
      counts[`tests.skipped.environment.${name}`] = n;
    }
  }
  if (flakiness) counts["tests.flaky"] = flakiness.flaky.length;
  return [
    ...countMeasurements(counts, evidence),
    { metric: "tests.durationMs", value: c.durationMs, unit: "ms", evidence },
  ];
}

function skipFindings(skips: SkipSummary): Finding[] {
  return skips.reasons.slice(0, TOP_SKIP_REASONS).map((r) => ({
    message: `${r.count} skipped: ${r.reason}${
      r.missingHere.length > 0 ? ` (missing here: ${r.missingHere.join(", ")})` : ""
    }`,
  }));
}

function flakyNote(flaky: readonly FlakyTest[]): string[] {
  if (flaky.length === 0) return [];
  const named = flaky.slice(0, TOP_FLAKY).map(flakyRatio).join(", ");
  const more = flaky.length > TOP_FLAKY ? `, ${flaky.length - TOP_FLAKY} more` : "";
  return [`${flaky.length} flaky: ${named}${more}`];
}

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const env = pythonEnvOf(ctx);
  if (typeof env === "string") {
    return { status: "unverified", summary: `Cannot run pytest: ${env}` };
  }
  const plan = env.plan;
  const withPlan = plan ? { plan } : {};
  // Run from the source tree: its folders go on PYTHONPATH, as they would with an editable install.
  // Under the `pytest` command an editable install is what puts the project's folders on the path
  // (claimcheck's own install is a copy, for its cache): they go on PYTHONPATH too.
  const editable = plan?.pytestInvocation === "script" && plan.installsEditable && !env.fromSource;
  const importPath = env.fromSource
    ? env.sourcePath ?? []
    : editable
    ? editableRoots(ctx.facts.files, ctx.facts.root)
    : [];
  const runPlan = plan && importPath.length > 0
    ? { ...plan, env: { PYTHONPATH: importPath.join(":"), ...plan.env } }
    : plan;
  if ((plan?.runner ?? "pytest") === "pytest" && !env.tools.pytest) {
    return {
      status: "unverified",
      summary: "Cannot run pytest: it is not installed in the environment",
      ...withPlan,
    };
  }
  const suite = await suiteOf(ctx, env, runPlan);
  const dir = await ctx.tempDir("pytest");
  const junitPath = join(dir, "junit.xml");
  const dataFile = join(dir, ".coverage");
  const venv = env.mode === "venv" ? join(env.python, "..", "..") : undefined;
  const version = /^(\d+\.\d+)/.exec(env.interpreter?.version ?? "")?.[1];
  const srcPackages = ctx.facts.files.flatMap((f) => /^src\/([^/]+)\//.exec(f)?.[1] ?? []);
  const groups = coverageSources({
    packages: measuredPackages(plan?.coverageTargets ?? [], env.packages),
    invocation: plan?.pytestInvocation ?? "module",
    ...(venv && version && !env.fromSource && !editable
      ? { sitePackages: join(venv, "lib", `python${version}`, "site-packages") }
      : {}),
    rootFolders: new Set(ctx.facts.files.map((f) => f.split("/")[0] as string)),
    src: { root: ctx.facts.root, packages: new Set(srcPackages) },
  });
  const copies = groups.filter((g) => g.length > 1);
  const coverage: CoverageOptions | undefined = env.tools.coverage
    ? { dataFile, sources: groups.flat(), root: ctx.facts.root, ...(venv ? { venv } : {}) }
    : undefined;
  let argv = suite.argv(junitPath, coverage);
  let first = await runSuite(ctx, argv, junitPath, runPlan, ctx.options.timeoutMs);
  const notes: string[] = [];
  const kept = first.exec.evidence;
  const output = [kept.stdoutHead, kept.stdoutTail, kept.stderrHead, kept.stderrTail].join("\n");
  if (coverage && !first.junit && coveragePluginMissing(output)) {
    coverage.rcfile = join(dir, "empty.coveragerc");
    await Deno.writeTextFile(coverage.rcfile, "");
    argv = suite.argv(junitPath, coverage);
    first = await runSuite(ctx, argv, junitPath, runPlan, ctx.options.timeoutMs);
    notes.push(
      "the project's coverage configuration names a plugin missing here: coverage ran with an empty configuration",
    );
  }
  const e = first.exec.evidence;
  const pytestRun: PytestRun = {
    exitCode: e.exitCode,
    timedOut: e.timedOut,
    tool: suite.tool,
    selection: suite.selection,
  };
  if (first.problem !== undefined) pytestRun.problem = first.problem;
  const findings: Finding[] = [];
  let skips: SkipSummary | undefined;
  let flakiness: Flakiness | undefined;
  if (first.junit) {
    const junit = first.junit;
    const counts = countPytest(junit);
    pytestRun.counts = counts;
    const collection = junit.cases.filter(isCollectionError);
    if (collection.length > 0) pytestRun.collection = describeCollectionErrors(collection);
    findings.push(...pytestFindings(junit));
    const disagreement = reportsDisagree(
      suite.runner,
      counts,
      suite.summary(first.exec),
      e.exitCode,
    );
    if (disagreement !== undefined) pytestRun.disagreement = disagreement;
    else if (!e.timedOut && counts.total > 0) {
      skips = await skipsOf(ctx, env.python, junit.cases);
      flakiness = await examineFlakiness(ctx, suite, runPlan, { ...first, junit });
      const prefix = maintainersStop(plan, counts);
      if (prefix) pytestRun.prefix = prefix;
      pytestRun.flaky = flakiness?.flaky.length ?? 0;
      pytestRun.notes = [
        ...notes,
        ...flakyNote(flakiness?.flaky ?? []),
        ...(skips.environment > 0 ? [environmentSkipText(skips)] : []),
        ...(flakiness?.notes ?? []),
        ...(flakiness?.unknown ?? []),
      ];
      findings.push(
        ...(flakiness?.flaky ?? []).map((t) => ({ message: flakyMessage(t) })),
        ...(flakiness?.unknown ?? []).map((message) => ({ message })),
        ...skipFindings(skips),
      );
    }
  }
  findings.push(...notes.map((message) => ({ message })));
  const verdict = evaluatePytest(pytestRun);
  const offline = verdict.status !== "pass" && !e.network
    ? " (tests ran with the network off)"
    : "";
  const data: PytestData | undefined = coverage
    ? {
      python: env.python,
      coverageFile: dataFile,
      ...(coverage.rcfile ? { rcfile: coverage.rcfile } : {}),
      ...(copies.length > 0 ? { copies } : {}),
    }
    : undefined;
  return {
    status: verdict.status,
    summary: verdict.summary + offline,
    measurements: pytestRun.counts && first.junit
      ? [
        ...measurements(pytestRun.counts, first.exec.index, skips, flakiness),
        ...pathCounts(first.junit.cases, first.exec.index),
      ]
      : [],
    findings,
    ...withPlan,
    ...(data ? { data } : {}),
  };
}

/** tests.pytest: the test suite as its maintainers run it, once with coverage, read from JUnit. */
export const testsPytest: Check = {
  id: "tests.pytest",
  category: "tests",
  needs: [INSTALL_CHECK],
  applies: (facts) => facts.testRunners.includes("pytest"),
  run,
};
