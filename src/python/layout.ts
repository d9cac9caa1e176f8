/**
 * A Python project's layout, read from the snapshot's file list: its first-party packages and the
 * role of each source file.
 * @module
 */

/** What a source file is for: shipped code, test code, or anything else (scripts, docs, examples). */
export type FileRole = "runtime" | "test" | "other";

/** A Python source file and its role. */
export interface SourceFile {
  path: string;
  role: FileRole;
}

/** First-party code and source files of a Python project. */
export interface PythonLayout {
  /** Top-level packages: directories with `__init__.py` in `src/`, else at the root. */
  packages: string[];
  /** Top-level modules in `src/` (root-level scripts are not libraries and are left out). */
  modules: string[];
  /** Every top-level name that refers to the project's own code (folders and modules, root and `src/`). */
  firstParty: string[];
  /** Python files to scan, `setup.py` and generated or vendored folders left out. */
  sources: SourceFile[];
  /** `setup.py` at the root, when present. */
  setupPy?: string;
}

/** Folders that hold someone else's or generated code. */
const FOREIGN =
  /(^|\/)(node_modules|vendor|third_party|site-packages|dist|build|\.venv|venv|\.tox|\.nox|\.eggs|__pycache__|[^/]+\.egg-info)\//;
/** Root folders that are never the shipped package, even with an `__init__.py`. */
const NOT_PACKAGES = new Set([
  "tests",
  "test",
  "testing",
  "docs",
  "doc",
  "examples",
  "example",
  "scripts",
  "benchmarks",
  "bench",
  "tools",
]);
/** Root-level tool scripts. */
const TOOL_SCRIPTS = new Set(["noxfile.py", "tasks.py", "fabfile.py", "dodo.py", "conftest.py"]);

/** Whether `path` is test code: under a tests folder, `test_*.py`, `*_test.py` or `conftest.py`. */
export function isTestFile(path: string): boolean {
  const name = path.split("/").pop() ?? path;
  return /(^|\/)(tests?|testing)\//.test(path) ||
    /^test_.*\.py$|_test\.py$|^conftest\.py$/.test(name);
}

function moduleName(file: string): string {
  return file.replace(/\.py$/, "");
}

/**
 * The layout of a project whose files (relative POSIX paths) are `files`.
 *
 * @example
 * ```ts
 * import { pythonLayout } from "./layout.ts";
 * pythonLayout(["src/pkg/__init__.py", "tests/test_a.py"]).packages; // ["pkg"]
 * ```
 */
export function pythonLayout(files: readonly string[]): PythonLayout {
  const python = files.filter((f) => f.endsWith(".py") && !FOREIGN.test(f));
  const srcPackages = python.flatMap((f) => /^src\/([^/]+)\/__init__\.py$/.exec(f)?.[1] ?? []);
  const rootPackages = python.flatMap((f) => /^([^/]+)\/__init__\.py$/.exec(f)?.[1] ?? [])
    .filter((name) => !NOT_PACKAGES.has(name) && name !== "src");
  const packages = srcPackages.length > 0 ? srcPackages : rootPackages;
  const modules = python.flatMap((f) => /^src\/([^/]+)\.py$/.exec(f)?.[1] ?? [])
    .filter((name) => !isTestFile(`${name}.py`));
  const firstParty = new Set<string>();
  for (const f of python) {
    const parts = f.startsWith("src/") ? f.split("/").slice(1) : f.split("/");
    const top = parts[0];
    if (top !== undefined) firstParty.add(parts.length === 1 ? moduleName(top) : top);
  }
  firstParty.delete("setup");
  const packageRoots = new Set(rootPackages);
  const sources = python.filter((f) => f !== "setup.py").map((path): SourceFile => {
    if (isTestFile(path)) return { path, role: "test" };
    const top = path.split("/")[0] ?? "";
    const runtime = path.startsWith("src/") || packageRoots.has(top) ||
      (!path.includes("/") && !TOOL_SCRIPTS.has(path));
    return { path, role: runtime ? "runtime" : "other" };
  });
  return {
    packages: [...new Set(packages)].sort(),
    modules: [...new Set(modules)].sort(),
    firstParty: [...firstParty].sort(),
    sources,
    ...(python.includes("setup.py") ? { setupPy: "setup.py" } : {}),
  };
}

/**
 * A predicate: whether the top-level import `name` in `file` is the project's own code — a
 * first-party name, a module or folder beside `file` (scripts and tests import their neighbours),
 * or one beside the outermost package that holds `file`: pytest puts the folder above a test
 * package on `sys.path` (`tests/` for `tests/pkg_tests/test_a.py`), so the test package imports
 * itself by name.
 */
export function localImports(
  layout: PythonLayout,
  files: readonly string[],
): (name: string, file: string) => boolean {
  const beside = new Map<string, Set<string>>();
  for (const f of files) {
    const parts = f.split("/");
    for (let depth = 0; depth < parts.length; depth++) {
      const dir = parts.slice(0, depth).join("/");
      const entry = parts[depth] as string;
      const names = beside.get(dir) ?? new Set<string>();
      names.add(depth === parts.length - 1 ? entry.replace(/\.py$/, "") : entry);
      beside.set(dir, names);
    }
  }
  const firstParty = new Set(layout.firstParty);
  const parent = (path: string) => path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
  const isPackage = (dir: string) => dir !== "" && (beside.get(dir)?.has("__init__") ?? false);
  return (name, file) => {
    if (firstParty.has(name)) return true;
    let dir = parent(file);
    if (beside.get(dir)?.has(name)) return true;
    while (isPackage(dir)) dir = parent(dir);
    return beside.get(dir)?.has(name) ?? false;
  };
}

/**
 * The folders an editable install puts on `sys.path`, as setuptools' editable mode does: `src/` for
 * a src layout (its packages there, never the root), else the root.
 */
export function editableRoots(files: readonly string[], root: string): string[] {
  const src = files.some((f) => /^src\/[^/]+\/__init__\.py$/.test(f) || /^src\/[^/]+\.py$/.test(f));
  return [src ? `${root}/src` : root];
}
