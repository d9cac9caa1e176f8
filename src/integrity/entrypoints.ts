/**
 * run.entrypoints, the pure part: every declared way to start a Python project — console scripts
 * (`[project.scripts]`, Poetry scripts, setup.cfg `console_scripts`), `python -m pkg` for packages
 * with a `__main__.py` — and the example and demo scripts to run once.
 * @module
 */
import { parse } from "smol-toml";
import type { CheckOutcome, Finding, Measurement } from "../check.ts";

/** A console script: its name and `module:function` target. */
export interface ConsoleScript {
  name: string;
  target: string;
  file: string;
  line?: number;
}

type Table = Record<string, unknown>;
const table = (v: unknown): Table =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? v as Table : {};

function lineOf(text: string, name: string): number | undefined {
  const i = text.split(/\r?\n/).findIndex((l) => l.trimStart().startsWith(name) && l.includes("="));
  return i < 0 ? undefined : i + 1;
}

/** `[project.scripts]` and `[tool.poetry.scripts]` of a pyproject.toml (none when it is not TOML). */
export function pyprojectScripts(text: string, file: string): ConsoleScript[] {
  let doc: Table;
  try {
    doc = parse(text) as Table;
  } catch {
    return [];
  }
  const tables = [table(table(doc.project).scripts), table(table(table(doc.tool).poetry).scripts)];
  return tables.flatMap((t) =>
    Object.entries(t).flatMap(([name, target]) => {
      if (typeof target !== "string") return [];
      const line = lineOf(text, name) ?? lineOf(text, `"${name}"`);
      return [{ name, target, file, ...(line ? { line } : {}) }];
    })
  );
}

/** The `console_scripts` of a setup.cfg's `[options.entry_points]`. */
export function setupCfgScripts(text: string, file: string): ConsoleScript[] {
  const lines = text.split(/\r?\n/);
  const out: ConsoleScript[] = [];
  let inSection = false;
  let inList = false;
  for (const [i, line] of lines.entries()) {
    if (/^\[/.test(line)) {
      inSection = line.trim() === "[options.entry_points]";
      inList = false;
      continue;
    }
    if (!inSection) continue;
    if (/^console_scripts\s*=/.test(line)) {
      inList = true;
      continue;
    }
    if (/^\S/.test(line)) inList = false;
    const m = inList ? /^\s+([\w.-]+)\s*=\s*([\w.]+:[\w.]+)\s*$/.exec(line) : null;
    if (m) out.push({ name: m[1] as string, target: m[2] as string, file, line: i + 1 });
  }
  return out;
}

/** Packages (`pkg`, `src/pkg`) with a `__main__.py`, as `python -m` names. */
export function mainPackages(files: readonly string[], packages: readonly string[]): string[] {
  const set = new Set(files);
  return packages.filter((p) => set.has(`${p}/__main__.py`) || set.has(`src/${p}/__main__.py`));
}

/** Scripts to run once: `examples/*.py` (top level of the folder) and `demo*.py` files. */
export function exampleScripts(files: readonly string[], limit = 20): string[] {
  return files.filter((f) =>
    /^(examples?|demos?)\/[^/]+\.py$/.test(f) && !f.endsWith("/__init__.py") ||
    /(^|\/)demo[\w-]*\.py$/.test(f) && !/(^|\/)(tests?|node_modules|\.venv|venv)\//.test(f)
  ).sort().slice(0, limit);
}

/** One start: what was run, and the first failure line or undefined when it exited 0. */
export interface StartResult {
  kind: "entrypoint" | "example";
  /** `mycli --help`, `python -m pkg --help`, `examples/basic.py`. */
  what: string;
  /** Where it is declared, or the script itself. */
  file: string;
  line?: number;
  /** What of the repository it starts, for claims that name it (default: the example's file, the command's name). */
  subject?: string;
  failure?: string;
  /** The probe's evidence index; none when nothing was run (a declared file that is missing). */
  evidence?: number;
}

/**
 * Measurements `run.entrypoints.ok|failed` and `run.examples.ok|failed`, a finding per failure
 * (the first error line); `fail` on any failure, `pass` otherwise, `skip` when nothing was started.
 */
export function evaluateStarts(results: readonly StartResult[]): CheckOutcome {
  if (results.length === 0) {
    return { status: "skip", summary: "No entry point, example or demo script is declared" };
  }
  const count = (kind: StartResult["kind"], ok: boolean) =>
    results.filter((r) => r.kind === kind && (r.failure === undefined) === ok).length;
  const measurements: Measurement[] = [
    ["run.entrypoints.ok", count("entrypoint", true)],
    ["run.entrypoints.failed", count("entrypoint", false)],
    ["run.examples.ok", count("example", true)],
    ["run.examples.failed", count("example", false)],
  ].map(([metric, value]) => ({ metric: metric as string, value: value as number, unit: "count" }));
  const findings: Finding[] = results.filter((r) => r.failure !== undefined).map((r) => ({
    message: `${r.what} fails: ${r.failure}`,
    file: r.file,
    line: r.line ?? 1,
    subject: r.subject ?? (r.kind === "example" ? r.file : r.what.split(" ")[0] as string),
  }));
  const parts = [
    `entry points ${count("entrypoint", true)} ok, ${count("entrypoint", false)} failed`,
    `examples ${count("example", true)} ok, ${count("example", false)} failed`,
  ].join("; ");
  if (findings.length === 0) {
    return { status: "pass", summary: `Started for real: ${parts}`, measurements };
  }
  return {
    status: "fail",
    summary: `Started for real: ${parts}; first: ${findings[0]?.message}`,
    measurements,
    findings,
  };
}
