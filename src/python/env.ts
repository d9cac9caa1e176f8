/**
 * The Python environment install.python prepares and hands to the checks that need it, and the
 * probe that inspects an environment (which tools it has, whether the project's packages import).
 * @module
 */
import { join } from "node:path";
import type { CheckContext } from "../check.ts";
import type { TestPlan } from "./test_plan.ts";

/** The check that prepares the environment. */
export const INSTALL_CHECK = "install.python";

/** Tools the later checks run inside the environment. */
export const TOOLS = ["pytest", "coverage", "build"] as const;
/** A tool the later checks run inside the environment. */
export type Tool = typeof TOOLS[number];

/** What install.python hands to its dependants (`CheckOutcome.data`). */
export interface PythonEnv {
  /** The environment's interpreter. */
  python: string;
  /** `venv`: a fresh environment claimcheck made; `existing`: the one given with `--python`. */
  mode: "venv" | "existing";
  /** Whether the target and its declared dependencies are installed (always true for `existing`). */
  installed: boolean;
  /** Whether the build backend is importable, so a build can run without network. */
  buildReady: boolean;
  tools: Record<Tool, boolean>;
  /** Top-level first-party packages and modules. */
  packages: string[];
  /** Import outcome per package: `null` when it imports, else the exception line. */
  imports: Record<string, string | null>;
  /** Where to import the packages from (outside the snapshot when the project was installed). */
  importCwd: string;
  /** How the maintainers run the tests (absent for `existing`, where no plan was read). */
  plan?: TestPlan;
  /** The interpreter the environment was made from, and why it was chosen. */
  interpreter?: { path: string; version: string; why: string };
  /** Whether the tests run from the source tree (the project itself is not installed). */
  fromSource?: boolean;
  /** Requirements left out of the environment, each with the layer that wanted it and why. */
  leftOut?: LeftOut[];
  /** With `fromSource`: the folders to put on `PYTHONPATH` (`<root>/src` first for a src layout). */
  sourcePath?: string[];
}

/**
 * The environment a process that imports the project needs: for a project that runs from its
 * source tree (not installed), `PYTHONPATH` with its folders, as its tests get it; else nothing.
 */
export function sourceImportEnv(env: PythonEnv | undefined): Record<string, string> {
  const path = env?.fromSource ? env.sourcePath ?? [] : [];
  return path.length > 0 ? { PYTHONPATH: path.join(":") } : {};
}

/** A requirement that could not be installed and was left out of its layer. */
export interface LeftOut {
  /** The requirement as written (`fancysolver>=2`). */
  requirement: string;
  /** The layer that wanted it: `extra solvers`, `test layer (tox.ini deps)`, `core`. */
  layer: string;
  /** Why: `not on the configured index`, `relaxed to 7.6.4: 7.0.1 is not on the index`. */
  reason: string;
}

/** The start of the reason of a requirement that was relaxed, not left out: it is installed. */
export const RELAXED_REASON = "relaxed to";

/** Whether `entry` was installed with its version relaxed (rather than left out). */
export function isRelaxed(entry: LeftOut): boolean {
  return entry.reason.startsWith(RELAXED_REASON);
}

/** The line that precedes the probe's JSON on stdout (imports may print). */
export const PROBE_MARKER = "@@claimcheck-probe@@";

/**
 * The probe, run as `python -c PROBE_SCRIPT pkg…`: which tools are importable and whether each
 * package imports; prints the marker line and one JSON object.
 */
export const PROBE_SCRIPT = [
  "import importlib, importlib.util, json, sys",
  "tools = {t: importlib.util.find_spec(t) is not None for t in ('pytest', 'coverage', 'build')}",
  "imports = {}",
  "for name in sys.argv[1:]:",
  "    try:",
  "        importlib.import_module(name)",
  "        imports[name] = None",
  "    except BaseException as error:",
  "        imports[name] = '%s: %s' % (type(error).__name__, error)",
  `print('\\n${PROBE_MARKER}')`,
  "print(json.dumps({'tools': tools, 'imports': imports}))",
].join("\n");

/** What the probe found. */
export interface ProbeResult {
  tools: Record<Tool, boolean>;
  imports: Record<string, string | null>;
}

/** Parse the probe's stdout; undefined when it did not finish (no marker, or not JSON). */
export function parseProbe(stdout: string): ProbeResult | undefined {
  const at = stdout.lastIndexOf(PROBE_MARKER);
  if (at < 0) return undefined;
  try {
    const raw = JSON.parse(stdout.slice(at + PROBE_MARKER.length)) as Partial<ProbeResult>;
    const tools = Object.fromEntries(TOOLS.map((t) => [t, raw.tools?.[t] === true])) as Record<
      Tool,
      boolean
    >;
    const imports: Record<string, string | null> = {};
    for (const [name, value] of Object.entries(raw.imports ?? {})) {
      imports[name] = typeof value === "string" ? value : null;
    }
    return { tools, imports };
  } catch {
    return undefined;
  }
}

/**
 * The environment install.python prepared, or why there is none usable (a sentence naming the
 * install check's status). With `needInstalled` (the default) the project's dependencies must have
 * installed; without it any environment will do (a build needs only the build backend).
 */
export function pythonEnvOf(ctx: CheckContext, needInstalled = true): PythonEnv | string {
  const dep = ctx.dependency(INSTALL_CHECK);
  if (!dep) return `${INSTALL_CHECK} did not run`;
  const env = dep.data as PythonEnv | undefined;
  const status = `${INSTALL_CHECK} ${dep.result.status}: ${dep.result.summary}`;
  if (!env) return `there is no Python environment (${status})`;
  if (needInstalled && !env.installed) return `the dependencies are not installed (${status})`;
  return env;
}

/** Variables of claimcheck's own environment that configure pip (index, links, constraints). */
export const PIP_PASS_ENV = [
  "PIP_INDEX_URL",
  "PIP_EXTRA_INDEX_URL",
  "PIP_FIND_LINKS",
  "PIP_CONFIG_FILE",
  "PIP_CONSTRAINT",
  "PIP_RETRIES",
  "PIP_TIMEOUT",
] as const;

/**
 * Extra environment of every pip run: pip's cache at `pipCache` (one install key's, or the
 * audit's own: never one that another target's install writes), and — since
 * the sandbox's HOME is a fresh temporary folder — the user's own pip configuration file named
 * through `PIP_CONFIG_FILE` (unless one is set already). pip reads the global files in /etc itself.
 * One retry instead of pip's five (unless `PIP_RETRIES` is set): an unreachable index then costs
 * about a second rather than a minute per resolution.
 */
export function pipEnv(
  pipCache: string,
  get: (name: string) => string | undefined,
  exists: (path: string) => boolean,
): Record<string, string> {
  const env: Record<string, string> = {
    PIP_CACHE_DIR: pipCache,
    PIP_DISABLE_PIP_VERSION_CHECK: "1",
    PIP_NO_INPUT: "1",
    PIP_PROGRESS_BAR: "off",
  };
  if (get("PIP_RETRIES") === undefined) env.PIP_RETRIES = "1";
  if (get("PIP_CONFIG_FILE") !== undefined) return env;
  const home = get("HOME");
  const configHome = get("XDG_CONFIG_HOME") ?? (home ? join(home, ".config") : undefined);
  const candidates = [
    configHome ? join(configHome, "pip", "pip.conf") : undefined,
    home ? join(home, ".pip", "pip.conf") : undefined,
  ];
  const found = candidates.find((p) => p !== undefined && exists(p));
  if (found) env.PIP_CONFIG_FILE = found;
  return env;
}
