/**
 * The commands claimcheck runs for a test plan: the maintainers' selection with claimcheck's own
 * reporting options (JUnit, no cache, collection errors reported without stopping), under
 * coverage.py when it is available; reruns of failing tests; and how the maintainers' exact
 * command would have ended differently. Pure.
 * @module
 */
import { dirname, join } from "node:path";
import { isRelaxed, type LeftOut } from "./env.ts";
import type { PytestCounts } from "./pytest_report.ts";
import { requirementName } from "./requirements.ts";
import { normalizeName } from "./test_deps.ts";
import type { TestPlan } from "./test_plan.ts";

/** Where coverage.py writes, what it measures, and what it leaves out. */
export interface CoverageOptions {
  dataFile: string;
  /** First-party packages and modules (all code run when empty). */
  sources: readonly string[];
  /** Snapshot root, whose test folders are left out. */
  root: string;
  /** The environment's folder, left out when no source is named. */
  venv?: string;
  /** A configuration file to use instead of the project's (one whose plugins are missing here). */
  rcfile?: string;
}

/** `python -m coverage run --branch …` before a script, or `[python]` without coverage. */
function prefix(python: string, coverage?: CoverageOptions): string[] {
  if (!coverage) return [python];
  // With named sources the environment must stay measured: an installed package lives in it.
  const omit = [
    `${coverage.root}/tests/*`,
    `${coverage.root}/test/*`,
    "*/test_*.py",
    "*_test.py",
    "*/conftest.py",
    ...(coverage.venv && coverage.sources.length === 0 ? [`${coverage.venv}/*`] : []),
  ];
  return [
    python,
    "-m",
    "coverage",
    "run",
    "--branch",
    `--data-file=${coverage.dataFile}`,
    ...(coverage.rcfile ? [`--rcfile=${coverage.rcfile}`] : []),
    ...(coverage.sources.length > 0 ? [`--source=${coverage.sources.join(",")}`] : []),
    `--omit=${omit.join(",")}`,
  ];
}

/** claimcheck's own reporting options: JUnit (xunit1, with file and line), no cache, no stop. */
export function reportingOptions(junit: string): string[] {
  return [
    `--junitxml=${junit}`,
    "-o",
    "junit_family=xunit1",
    "-p",
    "no:cacheprovider",
    "--continue-on-collection-errors",
  ];
}

/**
 * The argv of a pytest run of `selection` (the plan's `pytestArgs`, or a rerun's options and node
 * ids) with claimcheck's reporting options; under `coverage run --branch` when `coverage` is given.
 * With `script`, pytest starts from the environment's `pytest` command (`coverage run <bin>/pytest`)
 * as the maintainers' `pytest …` does, else as `python -m pytest`.
 */
export function pytestArgv(
  python: string,
  junit: string,
  selection: readonly string[] = [],
  coverage?: CoverageOptions,
  invocation: TestPlan["pytestInvocation"] = "module",
): string[] {
  const start = invocation === "script" ? [join(dirname(python), "pytest")] : ["-m", "pytest"];
  const interpreter = coverage ? prefix(python, coverage) : invocation === "script" ? [] : [python];
  const run = [...interpreter, ...start];
  return [...run, ...reportingOptions(junit), ...selection];
}

/**
 * Options that keep a run under claimcheck's `coverage run` in the measured process, for the
 * plugins the plan needs (the configuration's `addopts = --cov=pkg -n 2`): `--no-cov`, since
 * pytest-cov would start a second tracer that takes the data away, and `-n 0`, since pytest-xdist's
 * workers are processes coverage does not follow. A plugin left out of the environment gets no
 * option (pytest would not know it); one whose version was relaxed is there. Given last, so that they win over the selection's own.
 */
export function coverageRunOptions(
  plan: TestPlan | undefined,
  leftOut: readonly LeftOut[] = [],
): string[] {
  const has = (name: string) =>
    (plan?.plugins.some((p) => normalizeName(p.name) === name) ?? false) &&
    !leftOut.some((l) =>
      !isRelaxed(l) && normalizeName(requirementName(l.requirement) ?? "") === name
    );
  return [...(has("pytest-cov") ? ["--no-cov"] : []), ...(has("pytest-xdist") ? ["-n", "0"] : [])];
}

/**
 * The first-party packages the maintainers' coverage measures (`--cov=pkg`, `--cov=src/pkg`, `--cov
 * pkg.sub`), so that claimcheck measures what their figures are of; a target that names no package
 * (`--cov=src`, `--cov=.`) or no target at all means every package.
 */
export function measuredPackages(
  targets: readonly string[],
  packages: readonly string[],
): string[] {
  const named = new Set<string>();
  for (const target of targets) {
    const base = target.replace(/\/+$/, "").split("/").at(-1) ?? "";
    const top = base.replace(/\.py$/, "").split(".")[0] ?? "";
    if (!packages.includes(top)) return [...packages];
    named.add(top);
  }
  return named.size > 0 ? packages.filter((p) => named.has(p)) : [...packages];
}

/** Where the first-party packages run from, for {@link coverageSources}. */
export interface SourceLayout {
  packages: readonly string[];
  invocation: TestPlan["pytestInvocation"];
  /** The environment's site-packages, when the project is installed there (not run from the tree). */
  sitePackages?: string;
  /** Top-level folders of the snapshot. */
  rootFolders: ReadonlySet<string>;
  /** The snapshot root and the packages of its `src/` folder, for a src layout. */
  src?: { root: string; packages: ReadonlySet<string> };
}

/**
 * coverage's `--source` values, one group per package: where that package may run from. coverage
 * reads a value that names a folder of the working directory as that folder:
 * - under the `pytest` command an installed project runs from site-packages, not from a same-named
 *   folder at the root (a flat layout), so such a package is given as its site-packages folder;
 * - a src-layout package with a same-named folder at the root is given as its own folders, its
 *   `src/` folder and (installed) its site-packages folder: the tests may import either, and
 *   `parseCoverageTotals` keeps the copy that ran;
 * - otherwise by name.
 */
export function coverageSources(layout: SourceLayout): string[][] {
  const { sitePackages, src } = layout;
  return layout.packages.map((p) => {
    if (!layout.rootFolders.has(p)) return [p];
    if (src?.packages.has(p)) {
      return [join(src.root, "src", p), ...(sitePackages ? [join(sitePackages, p)] : [])];
    }
    return layout.invocation === "script" && sitePackages !== undefined
      ? [join(sitePackages, p)]
      : [p];
  });
}

/**
 * The argv of a `python -m …` suite (`unittest discover -s tests`, `pkg.tests`) run through
 * claimcheck's JUnit-writing runner `script` (`unittest_junit.py`).
 */
export function moduleArgv(
  python: string,
  script: string,
  junit: string,
  moduleArgs: readonly string[],
  coverage?: CoverageOptions,
): string[] {
  return [...prefix(python, coverage), script, junit, ...moduleArgs];
}

/** Options of pytest that take their value as the next argument. */
const VALUE_OPTIONS = new Set([
  "-m",
  "-k",
  "-p",
  "-o",
  "-c",
  "-W",
  "-n",
  "-r",
  "--ignore",
  "--ignore-glob",
  "--deselect",
  "--rootdir",
  "--confcutdir",
  "--basetemp",
  "--import-mode",
  "--override-ini",
  "--config-file",
  "--durations",
  "--tb",
  "--maxfail",
  "--log-level",
  "--doctest-glob",
  "--capture",
  "--dist",
  "--numprocesses",
  "--timeout",
  "--reruns",
  "--asyncio-mode",
  "--randomly-seed",
]);

/** Options that stop a run early (the counts would be partial): claimcheck's runs leave them out. */
const STOP_OPTIONS = /^(-x|--exitfirst|--maxfail(=.*)?|--sw|--stepwise|--stepwise-skip)$/;

/** Split pytest arguments into options (with their values) and positional paths/node ids. */
export function splitPytestArgs(args: readonly string[]): { options: string[]; paths: string[] } {
  const options: string[] = [];
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith("-") || arg === "-") {
      paths.push(arg);
      continue;
    }
    options.push(arg);
    if (VALUE_OPTIONS.has(arg) && i + 1 < args.length) options.push(args[++i] as string);
  }
  return { options, paths };
}

/** The plan's pytest arguments without the options that stop a run early, and those left out. */
export function fullRunArgs(args: readonly string[]): { args: string[]; left: string[] } {
  const out: string[] = [];
  const left: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (STOP_OPTIONS.test(arg)) {
      left.push(arg === "--maxfail" && i + 1 < args.length ? `${arg} ${args[++i]}` : arg);
    } else out.push(arg);
  }
  return { args: out, left };
}

/** The selection of a rerun apart from the suite: the plan's options (no paths) and the node ids. */
export function rerunSelection(args: readonly string[], nodeIds: readonly string[]): string[] {
  return [...splitPytestArgs(fullRunArgs(args).args).options, ...nodeIds];
}

/**
 * How the maintainers' exact command would have ended differently from claimcheck's continued run
 * ("the maintainers' command stops at 27 collection errors; continued run: "), or "".
 */
export function maintainersStop(plan: TestPlan | undefined, counts: PytestCounts): string {
  if (plan === undefined || plan.runner !== "pytest") return "";
  const own = [...plan.pytestArgs, ...(plan.command ?? "").split(/\s+/)];
  if (counts.collectionErrors > 0 && !own.includes("--continue-on-collection-errors")) {
    const n = counts.collectionErrors;
    return `the maintainers' command stops at ${n} collection error${
      n === 1 ? "" : "s"
    }; continued run: `;
  }
  const stop = [...new Set(fullRunArgs(own).left)];
  if (stop.length > 0 && counts.failed + counts.errors > 0) {
    return `the maintainers' command stops early (${stop.join(" ")}); continued run: `;
  }
  return "";
}

/** A command line for people: arguments with spaces or quotes are single-quoted. */
export function commandText(argv: readonly string[]): string {
  return argv.map((a) => /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`)
    .join(" ");
}
