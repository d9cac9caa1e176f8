/**
 * Makefile targets: simple variables expanded, each target's prerequisites and recipe commands (with
 * lines). Enough to read `make test`; not a make implementation (no pattern rules, no conditionals).
 * @module
 */
import { type ShellCommand, splitScript } from "./shell_commands.ts";

/** One rule. */
export interface MakeTarget {
  name: string;
  line: number;
  prerequisites: string[];
  /** Recipe commands, variables expanded, `@`/`-`/`+` prefixes dropped. */
  commands: ShellCommand[];
}

/** A parsed Makefile. */
export interface Makefile {
  path: string;
  targets: Map<string, MakeTarget>;
}

/** Variables make sets itself that recipes use for Python. */
const DEFAULTS: Record<string, string> = { PYTHON: "python", MAKE: "make" };

function expand(text: string, vars: Record<string, string>, depth = 0): string {
  if (depth > 10) return text;
  const out = text.replace(
    /\$[({]([A-Za-z_][A-Za-z0-9_]*)[)}]/g,
    (_, name: string) => expand(vars[name] ?? DEFAULTS[name] ?? "", vars, depth + 1),
  );
  return depth === 0 ? out.replace(/\$\$/g, "$") : out;
}

/**
 * Parse a Makefile's text.
 *
 * @example
 * ```ts
 * import { parseMakefile } from "./makefile.ts";
 * const m = parseMakefile("PY := python3\ntest: install\n\t$(PY) -m pytest tests\n", "Makefile");
 * m.targets.get("test")?.commands[0]?.argv; // ["python3", "-m", "pytest", "tests"]
 * ```
 */
export function parseMakefile(text: string, path: string): Makefile {
  const vars: Record<string, string> = {};
  const rules: Array<
    {
      names: string[];
      line: number;
      prerequisites: string;
      recipe: Array<{ text: string; line: number }>;
    }
  > = [];
  let current: (typeof rules)[number] | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i] as string;
    const line = i + 1;
    while (raw.endsWith("\\") && i + 1 < lines.length) raw = raw.slice(0, -1) + " " + lines[++i];
    if (raw.startsWith("\t")) {
      current?.recipe.push({ text: raw.slice(1), line });
      continue;
    }
    const content = raw.replace(/(^|[^\\])#.*$/, "$1").trimEnd();
    if (content.trim() === "") continue;
    const variable =
      /^(?:override\s+|export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(::=|:=|\?=|\+=|=)\s*(.*)$/
        .exec(content);
    if (variable) {
      const [, name, op, value] = variable as unknown as [string, string, string, string];
      if (op === "?=" && name in vars) continue;
      vars[name] = op === "+=" ? `${vars[name] ?? ""} ${value}`.trim() : value.trim();
      current = undefined;
      continue;
    }
    const rule = /^([^:=\t][^:=]*?)\s*::?\s*([^=].*)?$/.exec(content);
    if (rule && !content.trimStart().startsWith(".")) {
      current = {
        names: (rule[1] as string).split(/\s+/).filter(Boolean),
        line,
        prerequisites: (rule[2] ?? "").split(";")[0] ?? "",
        recipe: [],
      };
      const inline = (rule[2] ?? "").split(";").slice(1).join(";").trim();
      if (inline) current.recipe.push({ text: inline, line });
      rules.push(current);
      continue;
    }
    current = /^\s*(ifeq|ifneq|ifdef|ifndef|else|endif)\b/.test(content) ? current : undefined;
  }
  const targets = new Map<string, MakeTarget>();
  for (const rule of rules) {
    const commands = rule.recipe.flatMap(({ text, line }) =>
      splitScript(expand(text, vars).replace(/^[@+-]+\s*/, ""), line)
    );
    for (const name of rule.names) {
      if (name.includes("%") || targets.has(name)) continue;
      targets.set(name, {
        name,
        line: rule.line,
        prerequisites: expand(rule.prerequisites, vars).split(/\s+/).filter((p) => p && p !== "|"),
        commands,
      });
    }
  }
  return { path, targets };
}

/**
 * The commands `make TARGET` runs, prerequisites first (each target once), `$(MAKE) other` followed
 * into `other`.
 */
export function makeCommands(makefile: Makefile, target: string): ShellCommand[] {
  const seen = new Set<string>();
  const walk = (name: string): ShellCommand[] => {
    const rule = makefile.targets.get(name);
    if (!rule || seen.has(name)) return [];
    seen.add(name);
    return [
      ...rule.prerequisites.flatMap(walk),
      ...rule.commands.flatMap((c) =>
        c.argv[0] === "make" && c.argv.length > 1
          ? c.argv.slice(1).filter((a) => !a.startsWith("-") && !a.includes("=")).flatMap(walk)
          : [c]
      ),
    ];
  };
  return walk(target);
}
