/**
 * pytest command-line arguments: which keep the maintainers' selection (paths, `-m`, `-k`, `--ignore`,
 * `-p`, `-o`, …), which only report or speed up (`--cov*`, `-v`, `-n`, `--junitxml`, …), and which
 * plugins an option needs.
 * @module
 */

/** Selection options that take a value. */
const KEEP_VALUED = new Set([
  "-m",
  "-k",
  "--ignore",
  "--ignore-glob",
  "--deselect",
  "-p",
  "--doctest-glob",
  "-o",
  "--override-ini",
  "--import-mode",
  "-c",
  "--config-file",
  "--rootdir",
  "--confcutdir",
  "-W",
  "--pythonwarnings",
]);
/** Reporting, speed and state options that take a value. */
const DROP_VALUED = new Set([
  "--cov-report",
  "--cov-config",
  "--cov-fail-under",
  "--cov-context",
  "--junitxml",
  "--junit-xml",
  "--junit-prefix",
  "--html",
  "--css",
  "--json-report-file",
  "--json-report-indent",
  "--tb",
  "--durations",
  "--durations-min",
  "-n",
  "--numprocesses",
  "--maxprocesses",
  "--dist",
  "--basetemp",
  "--maxfail",
  "-r",
  "--color",
  "--code-highlight",
  "--capture",
  "--timeout",
  "--timeout-method",
  "--timeout_method",
  "--reruns",
  "--reruns-delay",
  "--log-level",
  "--log-cli-level",
  "--log-file",
  "--log-file-level",
  "--verbosity",
  "--benchmark-json",
  "--benchmark-save",
  "--benchmark-storage",
  "--benchmark-columns",
  "--benchmark-sort",
  "--benchmark-group-by",
  "--benchmark-min-rounds",
  "--benchmark-max-time",
  "--benchmark-min-time",
  "--benchmark-timer",
  "--benchmark-name",
  "--benchmark-compare-fail",
]);
/** Reporting, speed and state flags. */
const DROP_FLAGS = new Set([
  "--verbose",
  "--quiet",
  "--exitfirst",
  "--showlocals",
  "--no-cov",
  "--no-cov-on-fail",
  "--cov-append",
  "--cov-branch",
  "--self-contained-html",
  "--json-report",
  "--no-header",
  "--no-summary",
  "--disable-warnings",
  "--disable-pytest-warnings",
  "--lf",
  "--last-failed",
  "--ff",
  "--failed-first",
  "--nf",
  "--new-first",
  "--sw",
  "--stepwise",
  "--cache-clear",
  "--looponfail",
  "--full-trace",
]);
/** Short flags that only change the output or stop early (`-vx`, `-qs`). */
const DROP_SHORT = /^-[vqsxl]+$/;

/** Whether an argument still holds a placeholder that has no value here (`{envtmpdir}`). */
export const UNRESOLVED = "\u27e8unresolved\u27e9";

/** The arguments split into those kept and those left out. */
export interface PytestSelection {
  kept: string[];
  dropped: string[];
}

function isDropped(name: string): boolean {
  return DROP_VALUED.has(name) || DROP_FLAGS.has(name) || name.startsWith("--cov") ||
    name.startsWith("--benchmark-") || name.startsWith("--json-report");
}

/**
 * Split pytest arguments into the maintainers' selection (kept) and reporting/speed options (left
 * out; claimcheck adds its own). An option whose value is unresolved ({@link UNRESOLVED}) is left out
 * whole. Unknown options are kept as flags.
 *
 * @example
 * ```ts
 * import { pytestSelection } from "./pytest_args.ts";
 * pytestSelection(["tests/unit", "-m", "not slow", "--cov=pkg", "-v"]).kept; // ["tests/unit", "-m", "not slow"]
 * ```
 */
export function pytestSelection(args: readonly string[]): PytestSelection {
  const kept: string[] = [];
  const dropped: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith("-") || arg === "-") {
      (arg.includes(UNRESOLVED) ? dropped : kept).push(arg);
      continue;
    }
    const [name, inline] = arg.startsWith("--") && arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    const short = /^(-[mkpcoWnr])(.+)$/.exec(arg);
    if (short && !arg.startsWith("--")) {
      (DROP_VALUED.has(short[1] as string) || arg.includes(UNRESOLVED) ? dropped : kept).push(arg);
      continue;
    }
    if (DROP_SHORT.test(arg)) {
      dropped.push(arg);
      continue;
    }
    const takesValue = inline === undefined && (KEEP_VALUED.has(name) || DROP_VALUED.has(name));
    // `--cov` takes an optional value: argparse consumes the next argument unless it is an option.
    const optionalValue = inline === undefined && name === "--cov" &&
      args[i + 1] !== undefined && !(args[i + 1] as string).startsWith("-");
    const group = takesValue || optionalValue ? [arg, args[++i] ?? ""] : [arg];
    const unresolved = group.some((a) => a.includes(UNRESOLVED));
    (isDropped(name) || unresolved ? dropped : kept).push(...group);
  }
  return { kept, dropped };
}

/** `-p NAME` plugin module names → the distribution that provides them. */
const PLUGIN_MODULES: Record<string, string> = {
  xdist: "pytest-xdist",
  "xdist.plugin": "pytest-xdist",
  pytest_cov: "pytest-cov",
  "pytest_cov.plugin": "pytest-cov",
  pytest_asyncio: "pytest-asyncio",
  asyncio: "pytest-asyncio",
  pytest_mock: "pytest-mock",
  pytest_timeout: "pytest-timeout",
  timeout: "pytest-timeout",
  randomly: "pytest-randomly",
  pytest_randomly: "pytest-randomly",
  pytest_benchmark: "pytest-benchmark",
  pytest_env: "pytest-env",
  anyio: "anyio",
  pytest_django: "pytest-django",
  rerunfailures: "pytest-rerunfailures",
  "pytest_rerunfailures": "pytest-rerunfailures",
};

/** Option prefixes → the plugin that adds them. */
const OPTION_PLUGINS: Array<[RegExp, string]> = [
  [/^--(no-)?cov/, "pytest-cov"],
  [/^(-n|--numprocesses|--dist|--maxprocesses|--looponfail|--tx)$/, "pytest-xdist"],
  [/^-n.+/, "pytest-xdist"],
  [/^--benchmark-/, "pytest-benchmark"],
  [/^(--html|--self-contained-html|--css)$/, "pytest-html"],
  [/^--json-report/, "pytest-json-report"],
  [/^--timeout/, "pytest-timeout"],
  [/^--reruns/, "pytest-rerunfailures"],
  [/^--asyncio-mode$/, "pytest-asyncio"],
  [/^(--randomly-|-p\s*no:randomly)/, "pytest-randomly"],
  [/^--random-order/, "pytest-random-order"],
  [/^--ds$/, "pytest-django"],
];

/** A plugin an argument needs, with the option that needs it. */
export interface ImpliedPlugin {
  name: string;
  option: string;
}

/**
 * The plugins that pytest arguments need (`--cov` → pytest-cov, `-n 2` → pytest-xdist, `-p xdist`).
 *
 * @example
 * ```ts
 * import { impliedPlugins } from "./pytest_args.ts";
 * impliedPlugins(["--cov=pkg", "-n", "2"]).map((p) => p.name); // ["pytest-cov", "pytest-xdist"]
 * ```
 */
export function impliedPlugins(args: readonly string[]): ImpliedPlugin[] {
  const out: ImpliedPlugin[] = [];
  const add = (name: string, option: string) => {
    if (!out.some((p) => p.name === name)) out.push({ name, option });
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const plugin = arg === "-p" ? args[++i] : /^-p(.+)$/.exec(arg)?.[1];
    if (plugin !== undefined) {
      const dist = PLUGIN_MODULES[plugin.trim()];
      if (dist) add(dist, `-p ${plugin.trim()}`);
      continue;
    }
    const name = arg.startsWith("--") ? arg.split("=")[0] as string : arg;
    const match = OPTION_PLUGINS.find(([pattern]) => pattern.test(name));
    if (match) add(match[1], name);
  }
  return out;
}

/**
 * What pytest-cov options measure: the values of `--cov=X` / `--cov X`, in order. A bare `--cov`
 * (everything) gives none, like no option at all.
 *
 * @example
 * ```ts
 * import { coverageTargets } from "./pytest_args.ts";
 * coverageTargets(["--cov=pkg", "--cov", "src/other", "--cov-report=term", "tests"]); // ["pkg", "src/other"]
 * ```
 */
export function coverageTargets(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg.startsWith("--cov=")) out.push(arg.slice("--cov=".length));
    else if (arg === "--cov") {
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith("-")) out.push(args[++i] as string);
    }
  }
  return out.filter((t) => t !== "");
}
