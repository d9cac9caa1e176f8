/**
 * tox configuration: `tox.ini`, `[tox:tox]` in setup.cfg, `[tool.tox]` in pyproject.toml (a
 * `legacy_tox_ini` string or native TOML) and `tox.toml`. One environment resolved: its deps, extras,
 * commands (substitutions applied), `set_env`, dependency groups and whether it installs the project.
 * @module
 */
import type { PlanPiece } from "./test_plan.ts";
import { type IniFile, type IniKey, iniKey, iniLines, type IniSection } from "./plan_sources.ts";
import { UNRESOLVED } from "./pytest_args.ts";
import { parsePipInstall, plainWords } from "./shell_commands.ts";

/** A value line and where it is. */
export interface ToxLine {
  text: string;
  line: number;
}

/** One command of an environment, substitutions applied. */
export interface ToxCommand {
  argv: string[];
  line: number;
  text: string;
}

/** A resolved tox environment. */
export interface ToxEnv {
  file: string;
  name: string;
  line: number;
  requirements: ToxLine[];
  requirementsFiles: string[];
  extras: string[];
  dependencyGroups: string[];
  commands: ToxCommand[];
  env: Record<string, string>;
  installsProject: boolean;
  /** `usedevelop = true`, `package = editable` or `-e .` in `deps`. */
  editable: boolean;
  pieces: PlanPiece[];
}

/** A tox configuration, whichever file holds it. */
export interface ToxConfig {
  file: string;
  envList: string[];
  /** The environment `name` (its section, else the base `[testenv]`), `posargs` from `tox -- …`. */
  env(name: string, posargs?: readonly string[]): ToxEnv;
}

/** Split at top-level commas and newlines (not inside braces). */
function splitTop(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text) {
    if (ch === "{") depth++;
    if (ch === "}") depth--;
    if ((ch === "," || ch === "\n") && depth === 0) {
      out.push(current);
      current = "";
    } else current += ch;
  }
  out.push(current);
  return out.map((s) => s.trim()).filter((s) => s !== "");
}

/** `py{38,39}-django{3,4}` → the four names; `py{310-312}` → py310, py311, py312 (tox 4 ranges). */
export function expandBraces(text: string): string[] {
  const match = /\{([^{}]*)\}/.exec(text);
  if (!match) return [text];
  const head = text.slice(0, match.index);
  const tail = text.slice(match.index + match[0].length);
  return (match[1] as string).split(",").flatMap((alt) => {
    const range = /^\s*(\d+)-(\d+)\s*$/.exec(alt);
    const values = range
      ? Array.from(
        { length: Math.max(0, Number(range[2]) - Number(range[1]) + 1) },
        (_, i) => String(Number(range[1]) + i),
      )
      : [alt.trim()];
    return values.flatMap((v) => expandBraces(head + v + tail));
  });
}

/** The env list (`envlist = py{38,39}, lint`) expanded. */
export function expandEnvList(text: string): string[] {
  return splitTop(text).flatMap(expandBraces);
}

/** Keep a line whose factor condition (`py38,py39: dep`, `!win: x`) holds for `name`. */
function factorFilter(text: string, name: string): string | undefined {
  const match = /^([!\w.{},-]+):\s+(.*)$/.exec(text);
  if (!match) return text;
  const factors = new Set(name.split("-"));
  const holds = expandBraces(match[1] as string).flatMap((a) => a.split(",")).some((alt) =>
    alt.split("-").every((f) => f.startsWith("!") ? !factors.has(f.slice(1)) : factors.has(f))
  );
  return holds ? match[2] : undefined;
}

const TO_ROOT = /\{(?:toxinidir|tox_root)\}\/?/g;
const TO_PYTHON = /\{(?:envpython|env_python)\}/g;
const TO_BIN = /\{(?:envbindir|env_bin_dir)\}\//g;

/**
 * Apply tox substitutions: `{posargs}` (its default, or `posargs`), `{toxinidir}`/`{tox_root}` → the
 * root, `{envpython}` → `python`, `{env:X:default}` → default; anything else ({@link UNRESOLVED}).
 */
export function substitute(text: string, posargs?: readonly string[]): string {
  return text
    .replace(/\{\/\}/g, "/")
    .replace(/\{:\}/g, ":")
    .replace(TO_ROOT, "./")
    .replace(/\.\/\/+/g, "./")
    .replace(TO_PYTHON, "python")
    .replace(TO_BIN, "")
    .replace(
      /\{posargs(?::([^{}]*))?\}/g,
      (_, fallback?: string) => posargs && posargs.length > 0 ? posargs.join(" ") : fallback ?? "",
    )
    .replace(/\{env:[A-Za-z_][A-Za-z0-9_]*:([^{}]*)\}/g, "$1")
    .replace(/\{[^{}\s]*\}/g, UNRESOLVED)
    .replace(/(^|\s)\.\/(\s|$)/g, "$1.$2");
}

/** One command line tokenised (leading `-`/`!` markers dropped). */
function command(text: string, line: number, posargs?: readonly string[]): ToxCommand | undefined {
  const argv = plainWords(substitute(text, posargs));
  while (argv[0] === "-" || argv[0] === "!") argv.shift();
  return argv.length > 0 ? { argv, line, text } : undefined;
}

/** A requirement line of `deps`: a requirement, `-r file`, `-e .`, or a constraint (left out). */
function readDeps(lines: readonly ToxLine[], env: ToxEnv, label: string): void {
  for (const { text, line } of lines) {
    const raw = substitute(text.replace(/\s+#.*$/, "")).trim();
    if (raw === "" || raw.includes(UNRESOLVED)) continue;
    env.pieces.push({ file: env.file, line, detail: `${label} ${raw}` });
    if (/^(-c|--constraint)/.test(raw)) continue;
    if (/^[-.]/.test(raw)) {
      const pip = parsePipInstall(raw.split(/\s+/));
      env.requirementsFiles.push(...pip.files.map((f) => f.replace(/^\.\//, "")));
      env.extras.push(...pip.extras);
      if (pip.installsProject) env.installsProject = true;
      if (pip.editable) env.editable = true;
      continue;
    }
    env.requirements.push({ text: raw, line });
  }
}

function truthy(value: unknown): boolean {
  return value === true || (typeof value === "string" && /^(true|1|yes)$/i.test(value.trim()));
}

/** The fields of one environment in a uniform shape, before resolution. */
interface RawEnv {
  line: number;
  deps: ToxLine[];
  extras: ToxLine[];
  groups: ToxLine[];
  commands: Array<{ argv?: string[]; text: string; line: number }>;
  setEnv: Array<{ key: string; value: string; line: number }>;
  skipInstall?: boolean;
  package?: string;
  useDevelop?: boolean;
}

function resolve(
  file: string,
  name: string,
  raw: RawEnv,
  noPackage: boolean,
  posargs?: readonly string[],
): ToxEnv {
  const env: ToxEnv = {
    file,
    name,
    line: raw.line,
    requirements: [],
    requirementsFiles: [],
    extras: [],
    dependencyGroups: [],
    commands: [],
    env: {},
    installsProject: !noPackage || raw.useDevelop === true,
    editable: false,
    pieces: [],
  };
  if (raw.skipInstall === true || raw.package === "skip") env.installsProject = false;
  if (raw.useDevelop === true || raw.package === "editable") {
    env.installsProject = true;
    env.editable = true;
  }
  readDeps(raw.deps, env, "deps =");
  for (const { text, line } of raw.extras) {
    env.extras.push(...text.split(/[\s,]+/).filter(Boolean));
    env.pieces.push({ file, line, detail: `extras = ${text}` });
  }
  for (const { text, line } of raw.groups) {
    env.dependencyGroups.push(...text.split(/[\s,]+/).filter(Boolean));
    env.pieces.push({ file, line, detail: `dependency_groups = ${text}` });
  }
  for (const { key, value, line } of raw.setEnv) {
    const resolved = substitute(value);
    if (resolved.includes(UNRESOLVED)) continue;
    env.env[key] = resolved;
    env.pieces.push({ file, line, detail: `set_env ${key}=${resolved}` });
  }
  for (const c of raw.commands) {
    const cmd = c.argv
      ? {
        argv: c.argv.flatMap((a) =>
          a === "{posargs}" ? [...(posargs ?? [])] : [substitute(a, posargs)]
        ).filter((a) => a !== ""),
        line: c.line,
        text: c.text,
      }
      : command(c.text, c.line, posargs);
    if (cmd && cmd.argv.length > 0) env.commands.push(cmd);
  }
  return env;
}

// ---- INI (tox.ini, setup.cfg [tox:tox], pyproject legacy_tox_ini) ----

/** `{[section]key}` lines replaced by that key's lines. */
function expandRefs(lines: ToxLine[], sections: readonly IniSection[], depth = 0): ToxLine[] {
  return lines.flatMap((l) => {
    const ref = /^\{\[([^\]]+)\]([\w-]+)\}$/.exec(l.text);
    const key = ref && iniKey(sections.find((s) => s.name === ref[1]), ref[2] as string);
    if (!ref || !key || depth > 5) return [l];
    return expandRefs(iniLines(key), sections, depth + 1);
  });
}

/** Continuation lines (`\` at the end) joined. */
function joinContinued(lines: readonly ToxLine[]): ToxLine[] {
  const out: ToxLine[] = [];
  let pending: ToxLine | undefined;
  for (const l of lines) {
    const current = pending ?? { text: "", line: l.line };
    const continued = l.text.endsWith("\\");
    current.text += (current.text ? " " : "") + (continued ? l.text.slice(0, -1).trim() : l.text);
    pending = continued ? current : undefined;
    if (!continued) out.push(current);
  }
  if (pending) out.push(pending);
  return out;
}

function rawFromIni(sections: readonly IniSection[], name: string): RawEnv {
  const base = sections.find((s) => s.name === "testenv");
  const own = sections.find((s) => s.name === `testenv:${name}`);
  const get = (...keys: string[]): IniKey | undefined => {
    for (const section of [own, base]) {
      for (const key of keys) {
        const found = iniKey(section, key);
        if (found) return found;
      }
    }
    return undefined;
  };
  const lines = (...keys: string[]): ToxLine[] => {
    const key = get(...keys);
    if (!key) return [];
    return joinContinued(expandRefs(iniLines(key), sections)).flatMap((l) => {
      const text = factorFilter(l.text, name);
      return text === undefined ? [] : [{ text, line: l.line }];
    });
  };
  const flag = (...keys: string[]) => {
    const key = get(...keys);
    return key ? truthy(key.value) : undefined;
  };
  const pkg = get("package")?.value.trim();
  const skipInstall = flag("skip_install");
  const useDevelop = flag("usedevelop", "use_develop");
  return {
    line: (own ?? base)?.line ?? 1,
    deps: lines("deps"),
    extras: lines("extras"),
    groups: lines("dependency_groups"),
    commands: lines("commands"),
    setEnv: lines("setenv", "set_env").flatMap((l) => {
      const pair = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(l.text);
      return pair ? [{ key: pair[1] as string, value: pair[2] as string, line: l.line }] : [];
    }),
    ...(skipInstall !== undefined ? { skipInstall } : {}),
    ...(pkg !== undefined ? { package: pkg } : {}),
    ...(useDevelop !== undefined ? { useDevelop } : {}),
  };
}

/**
 * A tox configuration from an INI file read by `plan_sources.py`; `main` is the section that marks
 * it (`tox` in tox.ini and pyproject's `legacy_tox_ini`, `tox:tox` in setup.cfg). Undefined when the
 * file has no such section (or did not parse).
 */
export function toxFromIni(file: IniFile, main: "tox" | "tox:tox"): ToxConfig | undefined {
  if (!("sections" in file)) return undefined;
  const sections = file.sections;
  const top = sections.find((s) => s.name === main);
  if (!top && !(main === "tox" && sections.some((s) => s.name.startsWith("testenv")))) {
    return undefined;
  }
  const list = iniKey(top, "envlist") ?? iniKey(top, "env_list");
  const noPackage = truthy(iniKey(top, "skipsdist")?.value) ||
    truthy(iniKey(top, "no_package")?.value);
  return {
    file: file.file,
    envList: list ? expandEnvList(list.value) : [],
    env: (name, posargs) =>
      resolve(file.file, name, rawFromIni(sections, name), noPackage, posargs),
  };
}

// ---- TOML ([tool.tox] in pyproject.toml, tox.toml) ----

type Table = Record<string, unknown>;

function table(value: unknown): Table {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value as Table : {};
}

/** The first line at or after `from` whose text contains `needle`. */
function lineOf(lines: readonly string[], needle: string, from = 0): number {
  const index = lines.findIndex((l, i) => i >= from && l.includes(needle));
  return index >= 0 ? index + 1 : from + 1;
}

/** A TOML command argument: a string, or a `{replace = "posargs", default = […]}` table. */
function tomlArgs(value: unknown, posargs?: readonly string[]): string[] {
  if (typeof value === "string") return [value];
  const t = table(value);
  if (t.replace === "posargs") {
    if (posargs && posargs.length > 0) return [...posargs];
    return Array.isArray(t.default) ? t.default.flatMap((d) => tomlArgs(d, posargs)) : [];
  }
  if (t.replace === "env" && typeof t.default === "string") return [t.default];
  return [UNRESOLVED];
}

function strs(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function rawFromToml(
  tox: Table,
  name: string,
  lines: readonly string[],
  posargs?: readonly string[],
): RawEnv {
  const own = table(table(tox.env)[name]);
  const base = table(tox.env_run_base);
  const get = (key: string) => own[key] ?? base[key];
  const header = name in table(tox.env) ? `env.${name}` : "env_run_base";
  const start = lineOf(lines, header) - 1;
  const at = (key: string) => lineOf(lines, key, start);
  const listLines = (key: string) => strs(get(key)).map((text) => ({ text, line: at(key) }));
  const commands = Array.isArray(get("commands")) ? get("commands") as unknown[] : [];
  const pkg = get("package");
  const skipInstall = get("skip_install");
  const useDevelop = get("use_develop") ?? get("usedevelop");
  return {
    line: start + 1,
    deps: listLines("deps"),
    extras: listLines("extras"),
    groups: listLines("dependency_groups"),
    commands: commands.filter(Array.isArray).map((c) => {
      const argv = (c as unknown[]).flatMap((a) => tomlArgs(a, posargs));
      return { argv, text: argv.join(" "), line: at("commands") };
    }),
    setEnv: Object.entries(table(get("set_env"))).flatMap(([key, value]) =>
      typeof value === "string" ? [{ key, value, line: at(key) }] : []
    ),
    ...(typeof skipInstall === "boolean" ? { skipInstall } : {}),
    ...(typeof pkg === "string" ? { package: pkg } : {}),
    ...(typeof useDevelop === "boolean" ? { useDevelop } : {}),
  };
}

/**
 * A tox configuration from native TOML: `tox` is `[tool.tox]` of pyproject.toml or the whole of
 * `tox.toml`; `text` is the file's text (for lines). Undefined when it has no environments.
 */
export function toxFromToml(tox: Table, file: string, text: string): ToxConfig | undefined {
  if (!("env_run_base" in tox) && !("env" in tox)) return undefined;
  const lines = text.split(/\r?\n/);
  const noPackage = tox.no_package === true || tox.skipsdist === true;
  return {
    file,
    envList: strs(tox.env_list ?? tox.envlist),
    env: (name, posargs) =>
      resolve(file, name, rawFromToml(tox, name, lines, posargs), noPackage, posargs),
  };
}

/** pyproject's `[tool.tox] legacy_tox_ini` string and the line offset of its first line. */
export function legacyToxIni(
  pyproject: Table,
  text: string,
): { text: string; lineOffset: number } | undefined {
  const legacy = table(table(pyproject.tool).tox).legacy_tox_ini;
  if (typeof legacy !== "string") return undefined;
  const lines = text.split(/\r?\n/);
  const keyLine = lineOf(lines, "legacy_tox_ini");
  const sameLine = /legacy_tox_ini\s*=\s*("""|''')\s*\S/.test(lines[keyLine - 1] ?? "");
  return { text: legacy, lineOffset: sameLine ? keyLine - 1 : keyLine };
}
