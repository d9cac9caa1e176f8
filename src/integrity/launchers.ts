/**
 * run.entrypoints, the pure part for ways to start a project beyond Python's console scripts: a
 * Dockerfile's `ENTRYPOINT`/`CMD` (exec or shell form, the final stage's), package.json `bin`
 * entries, and the commands a document's fenced shell blocks tell users to run.
 * @module
 */
import { fromMarkdown } from "mdast-util-from-markdown";
import type { Code, Nodes } from "mdast";
import { parse as parseShell } from "shell-quote";

/** A command the repository declares, as words, with where it is declared. */
export interface Declared {
  argv: string[];
  file: string;
  line: number;
}

/** A Dockerfile's start command: ENTRYPOINT and CMD joined as Docker joins them, and its WORKDIR. */
export interface DockerStart extends Declared {
  /** The final stage's last WORKDIR (absolute in the image), when there is one. */
  workdir?: string;
}

/** An instruction and the line it starts on, continuation lines joined. */
function instructions(text: string): { op: string; args: string; line: number }[] {
  const out: { op: string; args: string; line: number }[] = [];
  let pending: { text: string; line: number } | undefined;
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    if (pending === undefined && /^\s*(#|$)/.test(raw)) continue;
    const line = raw.replace(/\\\s*$/, "");
    pending = pending === undefined
      ? { text: line, line: i + 1 }
      : { text: `${pending.text} ${line.trim()}`, line: pending.line };
    if (/\\\s*$/.test(raw)) continue;
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(pending.text);
    if (m) {
      out.push({
        op: (m[1] as string).toUpperCase(),
        args: (m[2] as string).trim(),
        line: pending.line,
      });
    }
    pending = undefined;
  }
  return out;
}

/**
 * An instruction's command: the JSON exec form; the shell form as its words when it is plain words
 * (what `sh -c` would run), else as `/bin/sh -c`.
 */
function commandForm(args: string): { argv: string[]; shell: boolean } {
  if (args.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(args);
      if (Array.isArray(parsed) && parsed.every((a) => typeof a === "string")) {
        return { argv: parsed, shell: false };
      }
    } catch {
      // Not JSON: Docker runs it in the shell form.
    }
  }
  const words = parseShell(args);
  const plain = words.every((w): w is string => typeof w === "string") && !/[$`]/.test(args);
  return { argv: plain ? words : ["/bin/sh", "-c", args], shell: true };
}

/**
 * The start command of a Dockerfile's final stage: `ENTRYPOINT` then `CMD` (CMD is ignored after a
 * shell-form ENTRYPOINT, as Docker does), at the line of the instruction that names the program;
 * undefined when the final stage has neither.
 */
export function dockerStart(text: string, file: string): DockerStart | undefined {
  let stage: ReturnType<typeof instructions> = [];
  for (const ins of instructions(text)) {
    if (ins.op === "FROM") stage = [];
    stage.push(ins);
  }
  const last = (op: string) => stage.findLast((i) => i.op === op);
  const entry = last("ENTRYPOINT");
  const cmd = last("CMD");
  const workdir = last("WORKDIR")?.args;
  const head = entry ?? cmd;
  if (head === undefined) return undefined;
  const entryForm = entry === undefined ? undefined : commandForm(entry.args);
  const argv = entryForm === undefined
    ? commandForm((cmd as { args: string }).args).argv
    : entryForm.shell || cmd === undefined
    ? entryForm.argv
    : [...entryForm.argv, ...commandForm(cmd.args).argv];
  return { argv, file, line: head.line, ...(workdir ? { workdir } : {}) };
}

/** A package.json `bin` entry: the command name and the file it runs. */
export interface PackageBin {
  name: string;
  path: string;
  file: string;
  line: number;
}

/** The `bin` entries of a package.json (a string bin is named after the package, scope removed). */
export function packageBins(text: string, file: string): PackageBin[] {
  let doc: { name?: unknown; bin?: unknown };
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  const lines = text.split(/\r?\n/);
  const lineOf = (needle: string) => {
    const i = lines.findIndex((l) => l.includes(needle));
    return i < 0 ? 1 : i + 1;
  };
  const bin = doc?.bin;
  const entries: [string, unknown][] = typeof bin === "string"
    ? [[typeof doc.name === "string" ? doc.name.replace(/^@[^/]+\//, "") : "", bin]]
    : bin !== null && typeof bin === "object"
    ? Object.entries(bin)
    : [];
  return entries.flatMap(([name, path]) =>
    typeof path === "string" && name !== ""
      ? [{ name, path: path.replace(/^\.\//, ""), file, line: lineOf(JSON.stringify(path)) }]
      : []
  );
}

const SHELL_LANGS = new Set(["", "sh", "bash", "shell", "console", "zsh", "shell-session"]);
/** The programs whose commands point at the repository's files or modules. */
const PROGRAMS = /^(python[\d.]*|node|npx)$/;

function codeBlocks(tree: Nodes): Code[] {
  if (tree.type === "code") return [tree];
  return "children" in tree ? tree.children.flatMap((c) => codeBlocks(c as Nodes)) : [];
}

/**
 * The commands of a markdown document's fenced shell blocks (`sh`, `bash`, `console`, no language)
 * that run `python`, `node` or `npx` — one per line, a `$ ` prompt removed, words as the shell
 * reads them; lines with pipes, redirections, `&&` or variables are left out.
 */
export function documentedCommands(markdown: string, file: string): Declared[] {
  const out: Declared[] = [];
  for (const block of codeBlocks(fromMarkdown(markdown))) {
    if (!SHELL_LANGS.has((block.lang ?? "").toLowerCase())) continue;
    const first = (block.position?.start.line ?? 0) + 1;
    for (const [i, raw] of block.value.split("\n").entries()) {
      const text = raw.trim().replace(/^\$\s+/, "");
      if (text === "" || text.startsWith("#") || /[$`]/.test(text)) continue;
      const words = parseShell(text);
      if (!words.every((w): w is string => typeof w === "string")) continue;
      if (PROGRAMS.test(words[0] ?? "") && words.length >= 2) {
        out.push({ argv: words, file, line: first + i });
      }
    }
  }
  return out;
}

/** What a declared command can be run with here. */
export interface Runtime {
  /** The snapshot's files (relative). */
  files: ReadonlySet<string>;
  /** The project's own top-level Python names (`python -m` targets). */
  modules: ReadonlySet<string>;
  bins: readonly PackageBin[];
  /** The environment's interpreter, when there is one. */
  python?: string;
  /** Programs installed in the Python environment (console scripts), by name → path. */
  installed?: ReadonlyMap<string, string>;
  node?: string;
}

/** A declared command resolved: what to run and what of the repository it starts. */
export type Resolved =
  | { argv: string[]; target: string }
  | { missing: string; target: string }
  | { unavailable: string };

/** Whether a path that is not in the snapshot is one the repository would hold (its folder is there). */
function meantHere(path: string, files: ReadonlySet<string>): boolean {
  const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "";
  return folder === "" || [...files].some((f) => f.startsWith(folder));
}

function interpreter(name: string, runtime: Runtime): string | undefined {
  return /^python/.test(name) ? runtime.python : name === "node" ? runtime.node : undefined;
}

/**
 * `words` (paths relative to the snapshot, or absolute below `workdir`) as a command to run here:
 * `python FILE`, `python -m MODULE` of the project, `node FILE`, `npx BIN` of package.json, and —
 * with `direct` (a Dockerfile's own command) — a repository file or an installed console script as
 * the program. A command that runs nothing of the repository is `unavailable`; a file the repository
 * should hold but does not is `missing`.
 */
export function resolveCommand(
  words: readonly string[],
  runtime: Runtime,
  options: { workdir?: string; direct?: boolean } = {},
): Resolved {
  const local = (w: string) => {
    const dir = options.workdir?.replace(/\/+$/, "");
    const inside = dir !== undefined && dir !== "" && w.startsWith(`${dir}/`);
    return (inside ? w.slice(dir.length + 1) : w).replace(/^\.\//, "");
  };
  const [program = "", ...rest] = words.map(local);
  const run = interpreter(program.split("/").at(-1) as string, runtime);
  if (program === "npx") {
    const bin = runtime.bins.find((b) => b.name === rest[0]);
    if (bin === undefined) return { unavailable: `${rest[0]} is not a bin of the package` };
    if (!runtime.files.has(bin.path)) return { missing: bin.path, target: bin.path };
    if (runtime.node === undefined) return { unavailable: "no node here" };
    return { argv: [runtime.node, bin.path, ...rest.slice(1)], target: bin.path };
  }
  if (/^(python[\d.]*|node)$/.test(program.split("/").at(-1) as string)) {
    if (run === undefined) return { unavailable: `no ${program} environment here` };
    let i = 0;
    while (/^-[^mc-]/.test(rest[i] ?? "")) i++; // Interpreter flags such as -u.
    const script = rest[i] ?? "";
    if (script === "-m" && /^python/.test(program)) {
      const module = rest[i + 1] ?? "";
      if (!runtime.modules.has(module.split(".")[0] as string)) {
        return { unavailable: `${module} is not the project's module` };
      }
      return { argv: [run, ...rest], target: module };
    }
    if (script === "" || script.startsWith("-")) return { unavailable: "no script named" };
    if (runtime.files.has(script)) return { argv: [run, ...rest], target: script };
    return meantHere(script, runtime.files)
      ? { missing: script, target: script }
      : { unavailable: `${script} is not in the repository` };
  }
  if (options.direct) {
    if (runtime.files.has(program)) return { argv: [`./${program}`, ...rest], target: program };
    if (program === "/bin/sh") return { argv: [program, ...rest], target: rest.at(-1) as string };
    const installed = runtime.installed?.get(program);
    if (installed !== undefined) return { argv: [installed, ...rest], target: program };
  }
  return { unavailable: `${program} is not the repository's` };
}

/** Loads a script as a module (its `if __name__ == "__main__":` part does not run), from its folder. */
const LOAD_AS_MODULE = [
  "import importlib.util, os, sys",
  "path = sys.argv[1]",
  "sys.path.insert(0, os.path.dirname(os.path.abspath(path)))",
  "spec = importlib.util.spec_from_file_location('claimcheck_entry', path)",
  "spec.loader.exec_module(importlib.util.module_from_spec(spec))",
].join("; ");

/**
 * A Dockerfile's Python command as an import check, not a run: `python -m pkg.app` imports
 * `pkg.app`, `python app.py` loads `app.py` as a module. Undefined for any other program.
 */
export function importCheckArgv(
  argv: readonly string[],
  python: string | undefined,
): string[] | undefined {
  if (python === undefined || argv[0] !== python) return undefined;
  const m = argv.indexOf("-m");
  const module = m > 0 ? argv[m + 1] : undefined;
  if (module !== undefined) {
    return [python, "-c", `import importlib; importlib.import_module(${JSON.stringify(module)})`];
  }
  const script = argv.slice(1).find((a) => a.endsWith(".py"));
  return script === undefined ? undefined : [python, "-c", LOAD_AS_MODULE, script];
}
