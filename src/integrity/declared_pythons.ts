/**
 * compat.python, the pure part: the Python versions a project declares (requires-python,
 * classifiers, the CI matrix, "Python 3.8+" in its documents) and the interpreters of this machine
 * that stand for them.
 * @module
 */
import { satisfies } from "@renovatebot/pep440";
import { parse } from "smol-toml";
import type { Tool } from "../facts.ts";
import { pep440Specifiers } from "../python/interpreter_choice.ts";
import type { Workflow } from "../python/workflows.ts";

/** One declaration of a Python version: the minor (`3.9`), where, and as written. */
export interface Declaration {
  minor: string;
  file: string;
  line?: number;
  /** As written: `requires-python >=3.9`, `classifier Python :: 3.12`, `Python 3.8+`. */
  what: string;
}

/** Minors considered for a `requires-python` lower bound, oldest first. */
const MINORS = ["2.7", ...Array.from({ length: 21 }, (_, i) => `3.${i}`)];

function lineOf(text: string, needle: string): number | undefined {
  const index = text.split(/\r?\n/).findIndex((l) => l.includes(needle));
  return index < 0 ? undefined : index + 1;
}

/** The oldest minor a `requires-python` accepts (`>=3.9,<4` → `3.9`), undefined when none or unreadable. */
export function lowerBound(spec: string): string | undefined {
  const specs = pep440Specifiers(spec);
  if (specs === undefined) return undefined;
  return MINORS.find((minor) =>
    specs.some((s) => satisfies(`${minor}.0`, s) || satisfies(`${minor}.99`, s))
  );
}

function classifierMinors(classifiers: readonly string[]): string[] {
  return classifiers.flatMap((c) =>
    /^Programming Language :: Python :: (\d+\.\d+)$/.exec(c.trim())?.[1] ?? []
  );
}

function fromRequires(spec: string, file: string, text: string): Declaration[] {
  const minor = lowerBound(spec);
  if (minor === undefined) return [];
  const line = lineOf(text, spec);
  return [{ minor, file, ...(line ? { line } : {}), what: `requires-python ${spec}` }];
}

function fromClassifiers(classifiers: readonly string[], file: string, text: string) {
  return classifierMinors(classifiers).map((minor): Declaration => {
    const line = lineOf(text, `Python :: ${minor}`);
    return { minor, file, ...(line ? { line } : {}), what: `classifier Python :: ${minor}` };
  });
}

type Table = Record<string, unknown>;
const table = (v: unknown): Table =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? v as Table : {};
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : [];

/** A `pyproject.toml`'s `requires-python` (or Poetry's `python`) and classifiers; [] if not TOML. */
export function pyprojectDeclarations(text: string, file: string): Declaration[] {
  let doc: Table;
  try {
    doc = parse(text) as Table;
  } catch {
    return [];
  }
  const project = table(doc.project);
  const poetry = table(table(doc.tool).poetry);
  const requires = project["requires-python"] ?? table(poetry.dependencies).python;
  return [
    ...(typeof requires === "string" ? fromRequires(requires, file, text) : []),
    ...fromClassifiers(
      [...strings(project.classifiers), ...strings(poetry.classifiers)],
      file,
      text,
    ),
  ];
}

/** A `setup.cfg`'s `python_requires` and classifiers (its `[metadata]`/`[options]` values). */
export function setupCfgDeclarations(text: string, file: string): Declaration[] {
  const requires = /^\s*python_requires\s*=\s*(.+?)\s*$/m.exec(text)?.[1];
  const classifiers = [...text.matchAll(/^\s*(Programming Language :: Python :: \d+\.\d+)\s*$/gm)]
    .map((m) => m[1] as string);
  return [
    ...(requires ? fromRequires(requires, file, text) : []),
    ...fromClassifiers(classifiers, file, text),
  ];
}

/** The concrete `3.x` versions of a workflow's matrices and `setup-python` steps, as minors. */
export function workflowDeclarations(workflow: Workflow): Declaration[] {
  return workflow.jobs.flatMap((job) =>
    job.pythonVersions.map((v): Declaration => ({
      minor: v.split(".").slice(0, 2).join("."),
      file: workflow.path,
      line: job.line,
      what: `CI job ${job.id} on Python ${v}`,
    }))
  );
}

/**
 * "Python 3.8+", "Python >= 3.8", "Python 3.8–3.13" / "3.8 to 3.13" and shields badges
 * (`python-3.8%2B`) in a document: each bound a declaration.
 */
export function documentDeclarations(text: string, file: string): Declaration[] {
  const out: Declaration[] = [];
  const lines = text.split(/\r?\n/);
  const patterns = [
    /\bpython\s*(?:version\s*)?(?:>=|≥)?\s*(\d\.\d{1,2})\s*(?:\+|\bor (?:newer|later|higher|above)\b)/gi,
    /\bpython\s*(?:>=|≥)\s*(\d\.\d{1,2})\b/gi,
    /\bpython\s*(\d\.\d{1,2})\s*(?:-|–|—|to|through)\s*(\d\.\d{1,2})\b/gi,
    /\bpython-(\d\.\d{1,2})(?:%2B|\+)/gi,
  ];
  for (const [i, line] of lines.entries()) {
    const seen = new Set<string>();
    for (const pattern of patterns) {
      for (const m of line.matchAll(pattern)) {
        for (const minor of [m[1], m[2]]) {
          if (minor === undefined || seen.has(minor)) continue;
          seen.add(minor);
          out.push({ minor, file, line: i + 1, what: m[0].trim() });
        }
      }
    }
  }
  return out;
}

/** The interpreters to compile with, each with the declarations it stands for, and what is missing. */
export interface CompatPlan {
  runs: Array<{ tool: Tool; minor: string; declarations: Declaration[] }>;
  /** Declared minors this machine has no interpreter for. */
  missing: Array<{ minor: string; declarations: Declaration[] }>;
}

function minorOf(version: string): string {
  return version.split(".").slice(0, 2).join(".");
}

/**
 * One run per declared minor the machine has (the newest patch of it), the rest missing; ordered
 * oldest first. With no declaration at all, the machine's `fallback` interpreter alone.
 */
export function planCompat(
  declarations: readonly Declaration[],
  pythons: readonly Tool[],
  fallback: Tool | undefined,
): CompatPlan {
  const byMinor = new Map<string, Declaration[]>();
  for (const d of declarations) byMinor.set(d.minor, [...(byMinor.get(d.minor) ?? []), d]);
  const plan: CompatPlan = { runs: [], missing: [] };
  if (byMinor.size === 0) {
    if (fallback) {
      plan.runs.push({ tool: fallback, minor: minorOf(fallback.version), declarations: [] });
    }
    return plan;
  }
  const order = (a: string, b: string) => {
    const [pa, pb] = [a, b].map((v) => v.split(".").map(Number)) as [number[], number[]];
    return (pa[0]! - pb[0]!) || (pa[1]! - pb[1]!);
  };
  for (const minor of [...byMinor.keys()].sort(order)) {
    const declared = byMinor.get(minor) as Declaration[];
    const tool = pythons.filter((t) => minorOf(t.version) === minor).at(-1);
    if (tool) plan.runs.push({ tool, minor, declarations: declared });
    else plan.missing.push({ minor, declarations: declared });
  }
  return plan;
}
