/**
 * The pytest configuration pytest itself would use (its rootdir ini file) and the plugins it needs.
 * @module
 */
import { type IniFile, iniSection } from "./plan_sources.ts";
import { impliedPlugins } from "./pytest_args.ts";
import { plainWords } from "./shell_commands.ts";

/** One option of the configuration, with its line. */
export interface PytestOption {
  /** Values as a list: `addopts` tokenised, `testpaths`/`markers` split into entries. */
  values: string[];
  line: number;
}

/** The configuration pytest uses. */
export interface PytestConfig {
  file: string;
  /** Line of its section header. */
  line: number;
  /** The section or table (`[pytest]`, `[tool:pytest]`, `[tool.pytest.ini_options]`). */
  section: string;
  options: Record<string, PytestOption>;
}

type Table = Record<string, unknown>;

function table(value: unknown): Table {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value as Table : {};
}

/** The entries of an ini value: `addopts` as shell words, `markers`/`required_plugins`… by line or space. */
function splitValue(key: string, value: string): string[] {
  if (key === "addopts") {
    return plainWords(value);
  }
  if (key === "markers" || key === "filterwarnings" || key === "env") {
    return value.split("\n").map((v) => v.trim()).filter(Boolean);
  }
  return value.split(/\s+/).filter(Boolean);
}

function fromIni(file: IniFile, name: string): PytestConfig | undefined {
  const section = iniSection(file, name);
  if (!section) return undefined;
  const options: Record<string, PytestOption> = {};
  for (const key of section.keys) {
    options[key.key] = { values: splitValue(key.key, key.value), line: key.line };
  }
  return { file: file.file, line: section.line, section: `[${name}]`, options };
}

function fromToml(doc: Table, file: string, text: string): PytestConfig | undefined {
  const own = !file.endsWith("pyproject.toml");
  const pytest = own ? table(doc.pytest) : table(table(doc.tool).pytest);
  const legacy = !own && "ini_options" in pytest;
  const values = legacy ? table(pytest.ini_options) : pytest;
  if (!own && !legacy && Object.keys(pytest).length === 0) return undefined;
  const section = own ? "[pytest]" : legacy ? "[tool.pytest.ini_options]" : "[tool.pytest]";
  const lines = text.split(/\r?\n/);
  const start = Math.max(0, lines.findIndex((l) => l.trim().startsWith(section)));
  const options: Record<string, PytestOption> = {};
  for (const [key, value] of Object.entries(values)) {
    const found = lines.findIndex((l, i) =>
      i >= start && new RegExp(`^\\s*"?${key}"?\\s*=`).test(l)
    );
    const line = found >= 0 ? found + 1 : start + 1;
    const list = Array.isArray(value)
      ? value.map(String)
      : typeof value === "object" && value !== null
      ? Object.entries(value).map(([k, v]) => `${k}=${String(v)}`)
      : splitValue(key, String(value));
    options[key] = { values: list, line };
  }
  return { file, line: start + 1, section, options };
}

/** Inputs of {@link choosePytestConfig}: the ini files read, and pyproject.toml parsed. */
export interface PytestConfigInputs {
  ini: readonly IniFile[];
  pyproject?: TomlDoc;
  /** `pytest.toml` and `.pytest.toml` (pytest 9), parsed. */
  toml?: readonly TomlDoc[];
}

/** A parsed TOML file with its path and text (for lines). */
export interface TomlDoc {
  path: string;
  doc: Table;
  text: string;
}

/**
 * The configuration pytest uses from the root, by pytest's own rule: the first of `pytest.toml`,
 * `.pytest.toml`, `pytest.ini`, `.pytest.ini` (each wins even when empty or without a `[pytest]`
 * section), `pyproject.toml` with a
 * `[tool.pytest.ini_options]` or `[tool.pytest]` table, `tox.ini` with `[pytest]`, `setup.cfg` with
 * `[tool:pytest]`.
 */
export function choosePytestConfig(inputs: PytestConfigInputs): PytestConfig | undefined {
  const ini = (name: string) => inputs.ini.find((f) => f.file === name);
  for (const name of ["pytest.toml", ".pytest.toml"]) {
    const file = inputs.toml?.find((f) => f.path === name);
    if (file) return fromToml(file.doc, file.path, file.text);
  }
  for (const name of ["pytest.ini", ".pytest.ini"]) {
    const file = ini(name);
    if (file) {
      return fromIni(file, "pytest") ??
        { file: name, line: 1, section: "[pytest]", options: {} };
    }
  }
  const { pyproject } = inputs;
  const toml = pyproject && fromToml(pyproject.doc, pyproject.path, pyproject.text);
  if (toml) return toml;
  const tox = ini("tox.ini");
  const fromTox = tox && fromIni(tox, "pytest");
  if (fromTox) return fromTox;
  const cfg = ini("setup.cfg");
  return cfg && fromIni(cfg, "tool:pytest");
}

/** A plugin the configuration needs: the requirement to install and why. */
export interface ConfigPlugin {
  /** Distribution name. */
  name: string;
  /** The requirement to install (`pytest-cov>=4` from `required_plugins`, else the name). */
  requirement: string;
  /** "pytest addopts `--cov`", "pytest `asyncio_mode`". */
  reason: string;
  line: number;
}

/** Ini keys that only a plugin defines. */
const KEY_PLUGINS: Record<string, string> = {
  asyncio_mode: "pytest-asyncio",
  asyncio_default_fixture_loop_scope: "pytest-asyncio",
  timeout: "pytest-timeout",
  timeout_method: "pytest-timeout",
  env: "pytest-env",
  DJANGO_SETTINGS_MODULE: "pytest-django",
  django_settings_module: "pytest-django",
  mock_use_standalone_module: "pytest-mock",
};

/**
 * The plugins a configuration needs: `required_plugins`, options in `addopts` that plugins add,
 * and ini keys that only a plugin knows.
 */
export function configPlugins(config: PytestConfig): ConfigPlugin[] {
  const out: ConfigPlugin[] = [];
  const add = (plugin: ConfigPlugin) => {
    if (!out.some((p) => p.name === plugin.name)) out.push(plugin);
  };
  const required = config.options.required_plugins;
  for (const spec of required?.values ?? []) {
    const name = /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(spec)?.[0];
    if (name) {
      add({
        name: name.toLowerCase(),
        requirement: spec,
        reason: "pytest `required_plugins`",
        line: required?.line ?? config.line,
      });
    }
  }
  const addopts = config.options.addopts;
  for (const plugin of impliedPlugins(addopts?.values ?? [])) {
    add({
      name: plugin.name,
      requirement: plugin.name,
      reason: `pytest addopts \`${plugin.option}\``,
      line: addopts?.line ?? config.line,
    });
  }
  for (const [key, option] of Object.entries(config.options)) {
    const name = KEY_PLUGINS[key];
    if (name) add({ name, requirement: name, reason: `pytest \`${key}\``, line: option.line });
  }
  return out;
}
