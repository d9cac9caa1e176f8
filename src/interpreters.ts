/**
 * The interpreters and tools this machine offers, each resolved at most once per process and only
 * when a target needs it (python3 behind a pyenv shim costs a noticeable start-up).
 * @module
 */
import { join } from "node:path";
import $ from "dax";
import { compare, valid } from "@renovatebot/pep440";
import type { Tool } from "./facts.ts";

/** Tools detection can look up besides Deno itself. */
export type ToolName = "python" | "node" | "git";

/** Two lines printed by the tool: its executable path (made real here), then its version. */
async function pathAndVersion(out: string): Promise<Tool | undefined> {
  const [path, version] = out.split("\n").map((line) => line.trim());
  if (!path || !version) return undefined;
  return { path: await Deno.realPath(path).catch(() => path), version: version.replace(/\+$/, "") };
}

/** Python 2 and 3 alike: the executable, then the version (`3.13.0`, `3.14.0a1`). */
const PYTHON_PROBE = "import sys; print(sys.executable); print(sys.version.split()[0])";

const PROBES: Record<ToolName, [string[], (out: string) => Promise<Tool | undefined>]> = {
  python: [["python3", "-c", PYTHON_PROBE], pathAndVersion],
  node: [
    ["node", "-e", "console.log(process.execPath); console.log(process.versions.node)"],
    pathAndVersion,
  ],
  git: [
    ["git", "--version"],
    (out) => Promise.resolve({ path: "git", version: out.replace(/^git version\s*/, "") }),
  ],
};

/** Run one of the harness's own trusted commands and parse its stdout; undefined when it failed. */
async function probe(
  argv: string[],
  parse: (out: string) => Promise<Tool | undefined>,
): Promise<Tool | undefined> {
  // Run from a neutral directory so that version files in the target (e.g. pyenv's) play no part.
  let result;
  try {
    result = await $`${argv}`.cwd(Deno.env.get("TMPDIR") ?? "/tmp").stdout("piped").stderr("null")
      .noThrow().timeout("20s");
  } catch {
    return undefined;
  }
  return result.code === 0 ? await parse(result.stdout.trim()) : undefined;
}

const cache = new Map<ToolName, Promise<Tool | undefined>>();

/** deno (this process) and those of python3 (its real path, past any shim), node and git asked for. */
export async function findInterpreters(
  names: Iterable<ToolName>,
): Promise<Partial<Record<"deno" | ToolName, Tool>>> {
  const tools: Partial<Record<"deno" | ToolName, Tool>> = {
    deno: { path: Deno.execPath(), version: Deno.version.deno },
  };
  await Promise.all([...new Set(names)].map(async (name) => {
    let found = cache.get(name);
    if (!found) {
      const [argv, parse] = PROBES[name];
      found = probe(argv, parse);
      cache.set(name, found);
    }
    const tool = await found;
    if (tool) tools[name] = tool;
  }));
  return tools;
}

/** `python`, `python3`, `python3.12`, `python2.7`; not `python3.11-config` or `python3.6m`. */
const PYTHON_NAME = /^python(\d+(\.\d+)?)?$/;

/** Where interpreters are looked for besides the `--python-search` folders. */
export interface PythonRoots {
  /** Folders whose `python*` entries are interpreters (PATH, /usr/bin, /usr/local/bin). */
  binDirs: string[];
  /** Folders searched like a `--python-search` folder (pyenv's `versions`). */
  searchDirs: string[];
}

/**
 * The machine's usual places: every PATH folder except those inside pyenv's root (its shims
 * dispatch on the caller's version file; the versions behind them are searched directly),
 * `/usr/bin`, `/usr/local/bin`, and `$PYENV_ROOT/versions` (default `~/.pyenv/versions`).
 */
export function machinePythonRoots(get: (name: string) => string | undefined): PythonRoots {
  const home = get("HOME");
  const pyenvRoot = get("PYENV_ROOT") ?? (home ? join(home, ".pyenv") : undefined);
  const path = (get("PATH") ?? "").split(":").filter((dir) =>
    dir !== "" && !(pyenvRoot && (dir === pyenvRoot || dir.startsWith(`${pyenvRoot}/`)))
  );
  return {
    binDirs: [...new Set([...path, "/usr/bin", "/usr/local/bin"])],
    searchDirs: pyenvRoot ? [join(pyenvRoot, "versions")] : [],
  };
}

async function entries(dir: string): Promise<string[]> {
  try {
    const names: string[] = [];
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
    return names.sort();
  } catch {
    return [];
  }
}

/** The `python*` executables directly inside `dir`. */
async function pythonsIn(dir: string): Promise<string[]> {
  return (await entries(dir)).filter((name) => PYTHON_NAME.test(name)).map((name) =>
    join(dir, name)
  );
}

/** A search folder holds interpreters itself, in `bin/`, or in `*\/bin/` (a pyenv-style versions folder). */
async function pythonsUnder(dir: string): Promise<string[]> {
  const nested = await Promise.all(
    (await entries(dir)).map((name) => pythonsIn(join(dir, name, "bin"))),
  );
  return [...await pythonsIn(dir), ...await pythonsIn(join(dir, "bin")), ...nested.flat()];
}

/** Real path of an executable regular file, else undefined. */
async function executable(path: string): Promise<string | undefined> {
  try {
    const real = await Deno.realPath(path);
    const info = await Deno.stat(real);
    return info.isFile && (info.mode ?? 0o111) & 0o111 ? real : undefined;
  } catch {
    return undefined;
  }
}

const pythonProbes = new Map<string, Promise<Tool | undefined>>();

/** Run an interpreter (by real path) once per process. */
function probePython(real: string): Promise<Tool | undefined> {
  let found = pythonProbes.get(real);
  if (!found) {
    found = probe([real, "-c", PYTHON_PROBE], pathAndVersion);
    pythonProbes.set(real, found);
  }
  return found;
}

function byVersion(a: Tool, b: Tool): number {
  const order = valid(a.version) && valid(b.version) ? compare(a.version, b.version) : 0;
  return order || a.path.localeCompare(b.path);
}

/**
 * Every Python interpreter on the machine (Python 2 included), oldest first, each once by real
 * path, each run once per process for its executable and version. Looks in `roots` (default: the
 * machine's usual places, {@link machinePythonRoots}) and in each of `searchDirs` (`--python-search`):
 * a folder holding `python*`, `bin/python*` or `*\/bin/python*`. A file that does not run as Python
 * is left out.
 */
export async function findPythons(
  searchDirs: readonly string[],
  roots: PythonRoots = machinePythonRoots((name) => Deno.env.get(name)),
): Promise<Tool[]> {
  const listed = await Promise.all([
    ...roots.binDirs.map(pythonsIn),
    ...[...roots.searchDirs, ...searchDirs].map(pythonsUnder),
  ]);
  const reals = new Set(
    (await Promise.all(listed.flat().map(executable))).filter((real) => real !== undefined),
  );
  const tools = new Map<string, Tool>();
  for (const tool of await Promise.all([...reals].map(probePython))) {
    if (tool && !tools.has(tool.path)) tools.set(tool.path, tool);
  }
  return [...tools.values()].sort(byVersion);
}
