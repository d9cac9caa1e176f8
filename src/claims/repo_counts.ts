/**
 * Counting things in a snapshot's file list, for claims such as "5 workflows" or "30+ examples".
 * Every rule is stated beside its count so that a reason can say what was counted.
 * @module
 */

/** A count taken from the file list, with the rule that took it. */
export interface RepoCount {
  count: number;
  /** What was counted, e.g. "files matching .github/workflows/*.yml|yaml". */
  rule: string;
}

/** Folders whose files are never the target's own source. */
const VENDORED = new Set([
  "node_modules",
  "vendor",
  "third_party",
  ".venv",
  "venv",
  "site-packages",
  "__pycache__",
  "dist",
  "build",
]);
/** Folders whose files are not the target's modules. */
const NOT_MODULES = new Set([
  "test",
  "tests",
  "testdata",
  "fixtures",
  "examples",
  "example",
  "docs",
  "benchmarks",
]);
const TEST_FILE =
  /^(test_.*\.py|.*_test\.(py|ts|tsx|js|mjs)|.*\.(test|spec)\.(ts|tsx|js|jsx|mjs|cjs))$/;
const SCRIPT = /\.(py|ts|tsx|js|jsx|mjs|cjs|sh|ipynb|rs|go|rb|java|c|cc|cpp)$/;
const WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/;
/** Words a claim may use for a kind of file, mapped to extensions. */
const LANGUAGES: Record<string, readonly string[]> = {
  python: ["py"],
  py: ["py"],
  typescript: ["ts", "tsx"],
  ts: ["ts", "tsx"],
  javascript: ["js", "mjs", "cjs", "jsx"],
  js: ["js", "mjs", "cjs", "jsx"],
  markdown: ["md"],
  md: ["md"],
  yaml: ["yml", "yaml"],
  yml: ["yml", "yaml"],
  json: ["json"],
  onnx: ["onnx"],
  notebook: ["ipynb"],
  notebooks: ["ipynb"],
  ipynb: ["ipynb"],
};

function segments(path: string): string[] {
  return path.split("/");
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function isVendored(path: string): boolean {
  return segments(path).slice(0, -1).some((s) => VENDORED.has(s));
}

function isTestFile(path: string): boolean {
  return TEST_FILE.test(basename(path));
}

function underFixtures(path: string): boolean {
  return segments(path).slice(0, -1).some((s) => s === "fixtures" || s === "testdata");
}

/** Entries directly under `examples/`: a script file or a sub-folder each count as one example. */
function countExamples(files: readonly string[]): number {
  const entries = new Set<string>();
  for (const file of files) {
    if (!file.startsWith("examples/")) continue;
    const rest = file.slice("examples/".length);
    const slash = rest.indexOf("/");
    if (slash >= 0) entries.add(rest.slice(0, slash) + "/");
    else if (SCRIPT.test(rest) && rest !== "__init__.py" && !rest.startsWith(".")) {
      entries.add(rest);
    }
  }
  return entries.size;
}

function countModules(files: readonly string[]): number {
  return files.filter((f) => {
    if (!/\.(py|ts)$/.test(f) || f.endsWith(".d.ts")) return false;
    if (isVendored(f) || isTestFile(f)) return false;
    if (segments(f).slice(0, -1).some((s) => NOT_MODULES.has(s))) return false;
    return !["__init__.py", "conftest.py", "setup.py"].includes(basename(f));
  }).length;
}

function byExtension(files: readonly string[], extensions: readonly string[]): number {
  return files.filter((f) => !isVendored(f) && extensions.some((e) => f.endsWith(`.${e}`))).length;
}

/** The count rule of `repo.files.<thing>`, when one applies. */
function countFilesOf(thing: string, files: readonly string[]): RepoCount | undefined {
  const special = countRepo(`repo.${thing}`, files);
  if (special !== undefined) return special;
  const extensions = LANGUAGES[thing.toLowerCase()];
  if (extensions !== undefined) {
    return {
      count: byExtension(files, extensions),
      rule: `*.${extensions.join("|")} files outside vendored folders`,
    };
  }
  if (files.some((f) => f.startsWith(`${thing}/`))) {
    return {
      count: files.filter((f) => f.startsWith(`${thing}/`)).length,
      rule: `files under ${thing}/`,
    };
  }
  return undefined;
}

/**
 * Count what a `repo.*` metric names in `files` (relative POSIX paths); undefined when there is no
 * rule for it. Rules:
 * - `repo.workflows`: `.github/workflows/*.yml|yaml`;
 * - `repo.examples`: entries directly under `examples/` (a script file or a sub-folder each);
 * - `repo.tests`: test files (`test_*.py`, `*_test.py|ts|tsx|js|mjs`, `*.test|spec.ts|tsx|js|jsx|mjs|cjs`)
 *   outside vendored folders and fixtures;
 * - `repo.modules`: `.py`/`.ts` files that are not tests, not `__init__.py`/`conftest.py`/`setup.py`,
 *   not `.d.ts`, and not under vendored, test, fixture, example, docs or benchmark folders;
 * - `repo.files.<thing>`: one of the above for `examples|workflows|tests|modules`; files of a
 *   language (`python`, `typescript`, `yaml`, …, or an extension) outside vendored folders; else
 *   files under the folder `<thing>/`.
 */
export function countRepo(metric: string, files: readonly string[]): RepoCount | undefined {
  switch (metric) {
    case "repo.workflows":
      return {
        count: files.filter((f) => WORKFLOW.test(f)).length,
        rule: "files matching .github/workflows/*.yml|yaml",
      };
    case "repo.examples":
      return {
        count: countExamples(files),
        rule: "scripts and folders directly under examples/",
      };
    case "repo.tests":
      return {
        count: files.filter((f) => isTestFile(f) && !isVendored(f) && !underFixtures(f)).length,
        rule: "test files (test_*.py, *_test.*, *.test.*, *.spec.*)",
      };
    case "repo.modules":
      return {
        count: countModules(files),
        rule: ".py/.ts source files outside tests, fixtures, examples, docs and vendored folders",
      };
  }
  if (metric.startsWith("repo.files.")) {
    return countFilesOf(metric.slice("repo.files.".length), files);
  }
  return undefined;
}
