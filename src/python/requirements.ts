/**
 * PEP 508 requirement names and pip requirements files.
 * @module
 */

/** A declared dependency: the distribution name as written and where it was declared. */
export interface Requirement {
  name: string;
  /** The requirement as written, e.g. `requests>=2.31; python_version >= "3.8"`. */
  raw: string;
  /** The manifest it came from, relative to the snapshot root. */
  source: string;
  line?: number;
}

const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;
const EGG = /#(?:.*&)?egg=([A-Za-z0-9][A-Za-z0-9._-]*)/;

/**
 * The distribution name of one PEP 508 requirement or pip requirement line (`name[extra]>=1; marker`,
 * `name @ url`, `git+https://…#egg=name`); undefined for a local path or an option line.
 *
 * @example
 * ```ts
 * import { requirementName } from "./requirements.ts";
 * requirementName("PyYAML>=6; python_version > '3.7'"); // "PyYAML"
 * ```
 */
export function requirementName(spec: string): string | undefined {
  const text = spec.trim();
  const egg = EGG.exec(text);
  if (egg) return egg[1];
  if (text === "" || text.startsWith("-") || /^[./~]/.test(text) || /^\w+\+?\w*:\/\//.test(text)) {
    return undefined;
  }
  return NAME.exec(text)?.[1];
}

/** What a requirements file declares, and which other requirements files it includes. */
export interface RequirementsFile {
  requirements: Requirement[];
  /** Paths given to `-r` / `--requirement`, as written (relative to the including file). */
  includes: string[];
}

/** Joins `\`-continued lines, keeping the number of the first physical line of each. */
function logicalLines(text: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  let pending: { text: string; line: number } | undefined;
  text.split(/\r?\n/).forEach((physical, index) => {
    const current = pending ?? { text: "", line: index + 1 };
    if (physical.endsWith("\\")) {
      current.text += physical.slice(0, -1);
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

/**
 * Parse a pip requirements file: requirement lines (comments, options, local paths left out) and
 * `-r` includes. `source` is the file's path, recorded on each requirement.
 */
export function parseRequirementsFile(text: string, source: string): RequirementsFile {
  const requirements: Requirement[] = [];
  const includes: string[] = [];
  for (const { text: logical, line } of logicalLines(text)) {
    const content = logical.replace(/(^|\s)#.*$/, "").trim();
    if (content === "") continue;
    const include = /^(?:-r|--requirement)(?:\s+|=)(\S+)/.exec(content);
    if (include) {
      includes.push(include[1] as string);
      continue;
    }
    const editable = /^(?:-e|--editable)(?:\s+|=)(\S+)/.exec(content);
    const name = requirementName(editable ? editable[1] as string : content);
    if (name !== undefined) requirements.push({ name, raw: content, source, line });
  }
  return { requirements, includes };
}

/** Whether an extra, a dependency group or a file stem names development-only dependencies. */
export function isDevName(name: string): boolean {
  return /(^|[-_.])(dev|develop|development|tests?|testing|lint|linting|docs?|typing|mypy|ci|style|qa)([-_.]|$)/i
    .test(name);
}

/** Whether a requirements file (by path) lists development-only dependencies (dev, test, lint, docs…). */
export function isDevRequirementsFile(path: string): boolean {
  const name = path.split("/").pop() ?? path;
  return isDevName(name.replace(/\.(txt|in)$/i, ""));
}
