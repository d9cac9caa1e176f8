/**
 * What a setuptools `setup.cfg` declares: `[options] install_requires`, `tests_require` and
 * `[options.extras_require]`.
 * @module
 */
import { type Requirement, requirementName } from "./requirements.ts";

/** The dependencies a `setup.cfg` declares. */
export interface SetupCfg {
  dependencies: Requirement[];
  optional: Record<string, Requirement[]>;
  /** `tests_require`. */
  dev: Record<string, Requirement[]>;
}

/** A value: its first line (after `key =`) and its indented continuation lines, each with its number. */
type Entry = Array<{ text: string; line: number }>;

/** Sections of an INI file: key → value lines (comments and blank lines left out). */
function parseIni(text: string): Map<string, Map<string, Entry>> {
  const sections = new Map<string, Map<string, Entry>>();
  let section: Map<string, Entry> | undefined;
  let last: Entry | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    if (/^\s*[#;]/.test(raw) || raw.trim() === "") return;
    const header = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (header) {
      section = new Map();
      sections.set((header[1] as string).trim(), section);
      last = undefined;
      return;
    }
    if (/^\s/.test(raw) && last) {
      last.push({ text: raw.trim(), line: index + 1 });
      return;
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!pair || !section) return;
    last = [{ text: (pair[2] as string).trim(), line: index + 1 }];
    section.set((pair[1] as string).trim(), last);
  });
  return sections;
}

function requirements(entry: Entry | undefined, source: string): Requirement[] {
  return (entry ?? []).flatMap(({ text, line }) => {
    const raw = text.replace(/(^|\s)#.*$/, "").trim();
    const name = raw.startsWith("file:") ? undefined : requirementName(raw);
    return name === undefined ? [] : [{ name, raw, source, line }];
  });
}

/**
 * Parse the text of a `setup.cfg` found at `source` (relative path).
 *
 * @example
 * ```ts
 * import { parseSetupCfg } from "./setup_cfg.ts";
 * parseSetupCfg("[options]\ninstall_requires =\n  requests\n", "setup.cfg").dependencies[0]?.name; // "requests"
 * ```
 */
export function parseSetupCfg(text: string, source: string): SetupCfg {
  const ini = parseIni(text);
  const options = ini.get("options");
  const extras = ini.get("options.extras_require") ?? new Map<string, Entry>();
  const tests = requirements(options?.get("tests_require"), source);
  return {
    dependencies: requirements(options?.get("install_requires"), source),
    optional: Object.fromEntries(
      [...extras].map(([extra, entry]) => [extra, requirements(entry, source)]),
    ),
    dev: tests.length > 0 ? { tests_require: tests } : {},
  };
}
