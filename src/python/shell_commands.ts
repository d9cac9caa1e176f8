/**
 * Shell command lines of a test plan (CI `run:` blocks, tox `commands`, Makefile recipes): split into
 * commands with a shell-words tokenizer, and each command classified (a test run, tox, nox, make, pip).
 * @module
 */
// @ts-types="@types/shell-quote"
import { parse } from "shell-quote";

/** One simple command of a script, with the line where it starts. */
export interface ShellCommand {
  argv: string[];
  /** `VAR=value` assignments written before the command. */
  env: Record<string, string>;
  line: number;
  /** The logical line it came from, as written. */
  text: string;
}

/** Stands for a GitHub expression (`${{ matrix.python }}`) whose value is unknown here. */
export const EXPRESSION = "\u27e8expr\u27e9";

/** Logical lines of a script (`\` continuations joined), with the number of their first line. */
function logicalLines(script: string, firstLine: number): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  let pending: { text: string; line: number } | undefined;
  script.split(/\r?\n/).forEach((line, index) => {
    let physical = line;
    const current = pending ?? { text: "", line: firstLine + index };
    if (pending) physical = physical.trimStart();
    if (/\\\s*$/.test(physical)) {
      current.text += physical.replace(/\\\s*$/, " ");
      pending = current;
      return;
    }
    current.text += physical;
    pending = undefined;
    out.push(current);
  });
  if (pending) out.push(pending);
  return out;
}

/** Stands for `$` while tokenising, so that no variable is expanded (and `${…}` never fails). */
const DOLLAR = "\u0001";

/**
 * Shell words of one line, quotes removed, `$VAR` kept as written; operators (`&&`, `;`, `|`) and
 * comments as objects, as shell-quote gives them.
 *
 * @example
 * ```ts
 * import { shellWords } from "./shell_commands.ts";
 * shellWords("pytest -m 'not slow' ${X:-y}"); // ["pytest", "-m", "not slow", "${X:-y}"]
 * ```
 */
export function shellWords(text: string): ReturnType<typeof parse> {
  return parse(text.replaceAll("$", DOLLAR)).map((token) =>
    typeof token === "string"
      ? token.replaceAll(DOLLAR, "$")
      : "pattern" in token
      ? { ...token, pattern: token.pattern.replaceAll(DOLLAR, "$") }
      : token
  );
}

/** The plain words of a line (operators and comments left out). */
export function plainWords(text: string): string[] {
  return shellWords(text).filter((t): t is string => typeof t === "string");
}

/** Tokens of one line; operators (`&&`, `;`, `|`) split commands; `$VAR` stays as written. */
function segments(text: string): string[][] {
  const marked = text.replace(/\$\{\{.*?\}\}/g, EXPRESSION);
  const out: string[][] = [[]];
  for (const token of shellWords(marked)) {
    if (typeof token === "string") out[out.length - 1]?.push(token);
    else if ("op" in token && token.op !== "glob") out.push([]);
    else if ("pattern" in token) out[out.length - 1]?.push(token.pattern);
    else if ("comment" in token) break;
  }
  return out.filter((s) => s.length > 0);
}

/**
 * Split a script (a `run:` block, a recipe) into simple commands; `firstLine` is the number of its
 * first line in its file.
 *
 * @example
 * ```ts
 * import { splitScript } from "./shell_commands.ts";
 * splitScript("pip install .\nCI=1 pytest tests \\\n  -m 'not slow'", 10)[1]?.argv; // ["pytest", "tests", "-m", "not slow"]
 * ```
 */
export function splitScript(script: string, firstLine: number): ShellCommand[] {
  const out: ShellCommand[] = [];
  for (const { text, line } of logicalLines(script, firstLine)) {
    if (text.trim() === "" || text.trim().startsWith("#")) continue;
    for (const tokens of segments(text)) {
      const env: Record<string, string> = {};
      let start = 0;
      for (; start < tokens.length; start++) {
        const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(tokens[start] as string);
        if (!assignment) break;
        env[assignment[1] as string] = assignment[2] as string;
      }
      const argv = tokens.slice(start);
      if (argv.length > 0) out.push({ argv, env, line, text: text.trim() });
    }
  }
  return out;
}

/** What one command does, as far as the test plan cares. */
export type CommandKind =
  /** `script`: the `pytest` command, which (unlike `python -m pytest`) leaves the cwd off `sys.path`. */
  | { kind: "test"; runner: "pytest"; args: string[]; script?: true }
  | { kind: "test"; runner: "unittest" | "module"; args: string[] }
  | { kind: "tox"; args: string[] }
  | { kind: "nox"; args: string[] }
  | { kind: "make"; args: string[] }
  /** `sync`: a project tool's install (`uv sync`, `poetry install`), which adds its default groups. */
  | { kind: "pip"; args: string[]; sync?: true }
  | { kind: "other" };

const PYTHON = /^(?:.*\/)?(?:python[0-9.]*|py|\$\{?PYTHON\}?|\$\(PYTHON\))$/;
/** Launchers that run their arguments as a command (`poetry run pytest`, `uv run --locked tox`). */
const LAUNCHERS = new Set(["poetry", "uv", "pdm", "pipenv", "hatch", "rye"]);
/** Options of the launchers' `run` that take a value. */
const LAUNCHER_VALUED = new Set([
  "--with",
  "--python",
  "-p",
  "--group",
  "--extra",
  "--directory",
  "--project",
  "--env-file",
  "--package",
  "--with-requirements",
  "--from",
]);

/** `args` from the first word that is not an option of the launcher. */
function afterOptions(args: readonly string[]): string[] {
  let i = 0;
  while (i < args.length && (args[i] as string).startsWith("-")) {
    i += LAUNCHER_VALUED.has(args[i] as string) ? 2 : 1;
  }
  return args.slice(i);
}
/** Modules run with `python -m` that are tools, not the project's own test runner. */
const TOOLS = new Set(["pip", "build", "venv", "virtualenv", "twine", "mypy", "flake8", "black"]);

/** Whether `python -m NAME` looks like the project's own test runner (`pkg.tests`, `runtests`). */
function isTestModule(name: string): boolean {
  return !TOOLS.has(name) && /(^|[._])(tests?|runtests|testsuite|test_\w+)$/.test(name);
}

/**
 * `uv sync` / `poetry install` / `pdm install` (they install the project, editable, with its groups)
 * as the equivalent `pip install` arguments: `-e .[extras]` and `--group NAME`.
 */
function projectSync(base: string, rest: readonly string[]): string[] | undefined {
  const verb = { uv: "sync", poetry: "install", pdm: "install" }[base];
  if (verb === undefined || rest[0] !== verb) return undefined;
  const extras: string[] = [];
  const groups: string[] = [];
  let installsProject = true;
  for (let i = 1; i < rest.length; i++) {
    const [flag, inline] = (rest[i] as string).split(/=(.*)/s) as [string, string | undefined];
    const value = () => inline ?? rest[++i] ?? "";
    if (["--extra", "-E", "--extras"].includes(flag)) extras.push(...value().split(/[ ,]+/));
    else if (["--group", "--with", "-G", "--only"].includes(flag)) {
      groups.push(...value().split(","));
    } else if (["--no-install-project", "--no-root", "--no-self"].includes(flag)) {
      installsProject = false;
    }
  }
  const project = extras.length > 0 ? `.[${extras.filter(Boolean).join(",")}]` : ".";
  return [
    ...(installsProject ? ["-e", project] : []),
    ...groups.filter(Boolean).flatMap((g) => ["--group", g]),
  ];
}

/** `argv` after `coverage run [options]`: what coverage runs; undefined if it does not use `-m`. */
function afterCoverage(args: readonly string[]): string[] | undefined {
  const m = args.indexOf("-m");
  return m >= 0 && m + 1 < args.length ? ["python", "-m", ...args.slice(m + 1)] : undefined;
}

/**
 * Classify one command.
 *
 * @example
 * ```ts
 * import { classifyCommand } from "./shell_commands.ts";
 * classifyCommand(["python", "-m", "pytest", "tests"]); // { kind: "test", runner: "pytest", args: ["tests"] }
 * ```
 */
export function classifyCommand(argv: readonly string[]): CommandKind {
  const [head, ...rest] = argv;
  if (head === undefined) return { kind: "other" };
  const base = head.replace(/^.*\//, "");
  if (LAUNCHERS.has(base) && rest[0] === "run") return classifyCommand(afterOptions(rest.slice(1)));
  if (base === "uvx") return classifyCommand(afterOptions(rest));
  if (base === "pytest" || base === "py.test") {
    return { kind: "test", runner: "pytest", args: rest, script: true };
  }
  if (base === "tox" || base === "nox" || base === "make") return { kind: base, args: rest };
  if (/^pip[0-9.]*$/.test(base) && rest[0] === "install") {
    return { kind: "pip", args: rest.slice(1) };
  }
  if (base === "uv" && rest[0] === "pip" && rest[1] === "install") {
    return { kind: "pip", args: rest.slice(2) };
  }
  const sync = projectSync(base, rest);
  if (sync) return { kind: "pip", args: sync, sync: true };
  if (base === "coverage" && rest[0] === "run") {
    const inner = afterCoverage(rest.slice(1));
    return inner ? classifyCommand(inner) : { kind: "other" };
  }
  if (PYTHON.test(head) && rest[0] === "-m" && rest[1] !== undefined) {
    const [module, ...args] = rest.slice(1) as [string, ...string[]];
    if (module === "pytest") return { kind: "test", runner: "pytest", args };
    if (module === "unittest") return { kind: "test", runner: "unittest", args: [module, ...args] };
    if (module === "pip" && args[0] === "install") return { kind: "pip", args: args.slice(1) };
    if (module === "tox" || module === "nox") return { kind: module, args };
    if (module === "coverage" && args[0] === "run") {
      const inner = afterCoverage(args.slice(1));
      return inner ? classifyCommand(inner) : { kind: "other" };
    }
    if (isTestModule(module)) return { kind: "test", runner: "module", args: [module, ...args] };
  }
  return { kind: "other" };
}

/** What one `pip install …` installs. */
export interface PipInstall {
  requirements: string[];
  /** `-r FILE`, as written. */
  files: string[];
  /** Extras of the project (`.[test,dev]`). */
  extras: string[];
  /** `--group NAME` (pip 25.1). */
  groups: string[];
  /** Whether it installs the project itself (`.`, `-e .`, `.[test]`). */
  installsProject: boolean;
  /** Whether the project is installed editable (`-e .`): its folders are then what imports. */
  editable: boolean;
}

const PIP_VALUED = new Set([
  "-i",
  "--index-url",
  "--extra-index-url",
  "-f",
  "--find-links",
  "-c",
  "--constraint",
  "--target",
  "-t",
  "--prefix",
  "--root",
  "--python",
  "--config-settings",
  "-C",
  "--only-binary",
  "--no-binary",
  "--platform",
  "--trusted-host",
  "--cache-dir",
  "--src",
]);
/** Build tools a CI installs for itself; not part of the test layer. */
const PIP_SELF = new Set(["pip", "setuptools", "wheel", "tox", "nox", "uv", "build"]);

/**
 * Read the arguments of `pip install` (after `install`).
 *
 * @example
 * ```ts
 * import { parsePipInstall } from "./shell_commands.ts";
 * parsePipInstall(["-e", ".[test]", "-r", "requirements-dev.txt"]).extras; // ["test"]
 * ```
 */
export function parsePipInstall(args: readonly string[]): PipInstall {
  const out: PipInstall = {
    requirements: [],
    files: [],
    extras: [],
    groups: [],
    installsProject: false,
    editable: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const valued = /^(-r|--requirement|--group|-e|--editable)(?:=(.*))?$/.exec(arg) ??
      /^(-r|-e)(.+)$/.exec(arg);
    if (valued) {
      const value = valued[2] ?? args[++i];
      if (value === undefined) break;
      if (valued[1] === "-r" || valued[1] === "--requirement") out.files.push(value);
      else if (valued[1] === "--group") out.groups.push(value);
      else {
        const before = out.installsProject;
        target(value, out);
        if (out.installsProject && !before) out.editable = true;
      }
      continue;
    }
    if (arg.startsWith("-")) {
      if (PIP_VALUED.has(arg)) i++;
      continue;
    }
    target(arg, out);
  }
  return out;
}

function target(value: string, out: PipInstall): void {
  const project = /^\.\/?(?:\[([^\]]*)\])?$/.exec(value);
  if (project) {
    out.installsProject = true;
    out.extras.push(...(project[1] ?? "").split(",").map((e) => e.trim()).filter(Boolean));
    return;
  }
  if (/^[./~]/.test(value) || value.includes(EXPRESSION) || value.includes("$")) return;
  const name = /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(value)?.[0]?.toLowerCase();
  if (name !== undefined && !PIP_SELF.has(name)) out.requirements.push(value);
}
