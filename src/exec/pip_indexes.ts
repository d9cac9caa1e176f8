/**
 * Where pip looks for packages, read from its configuration files and `PIP_*` variables: which
 * local directories the sandbox must show (read-only) and whether any index needs the network.
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Keys of pip's configuration that name package sources. */
const SOURCE_KEYS = ["index-url", "extra-index-url", "find-links"] as const;

/** pip's package sources as claimcheck found them. */
export interface PipSources {
  /** Local directories (from `file://` URLs and plain paths). */
  localDirs: string[];
  /** Remote URLs; pip's default index counts unless an index URL or `no-index` is configured. */
  remote: string[];
  /** The configuration files that exist (the sandbox shows them read-only). */
  configFiles: string[];
  /** Each local directory with the key that names it (`index-url`, `extra-index-url`, `find-links`). */
  roles: Array<{ key: typeof SOURCE_KEYS[number]; dir: string }>;
}

/** pip's default index. */
export const DEFAULT_INDEX = "https://pypi.org/simple";

/**
 * The `key = value` pairs of an ini text's `[global]`, `[install]` and `[download]` sections, with
 * continuation lines joined by spaces (how pip's config parser reads multi-line values).
 */
export function pipConfigValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  let section = "";
  let key: string | undefined;
  for (const raw of text.split("\n")) {
    if (/^\s*([#;]|$)/.test(raw)) continue;
    const header = /^\s*\[([^\]]+)\]/.exec(raw);
    if (header) {
      section = header[1]!.trim();
      key = undefined;
      continue;
    }
    if (!["global", "install", "download"].includes(section)) continue;
    if (/^\s/.test(raw) && key !== undefined) {
      values.set(key, `${values.get(key) ?? ""} ${raw.trim()}`.trim());
      continue;
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!pair) continue;
    key = pair[1]!.trim().toLowerCase().replaceAll("_", "-");
    values.set(key, pair[2]!.trim());
  }
  return values;
}

/** Splits source values (whitespace separated) into local directories and remote URLs. */
export function classifySources(
  values: Iterable<string>,
  noIndex: boolean,
  indexSet: boolean,
): Pick<PipSources, "localDirs" | "remote"> {
  const localDirs: string[] = [];
  const remote: string[] = noIndex || indexSet ? [] : [DEFAULT_INDEX];
  for (const value of values) {
    for (const item of value.split(/\s+/).filter((s) => s !== "")) {
      if (item.startsWith("file:")) localDirs.push(fileURLToPath(item));
      else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(item)) {
        if (!noIndex) remote.push(item);
      } else localDirs.push(item);
    }
  }
  return { localDirs: [...new Set(localDirs)], remote: [...new Set(remote)] };
}

/**
 * pip's sources on this machine: the global files (`/etc/xdg/pip/pip.conf`, `/etc/pip.conf`), the
 * user's files (or `PIP_CONFIG_FILE`), then `PIP_INDEX_URL`, `PIP_EXTRA_INDEX_URL`,
 * `PIP_FIND_LINKS`, `PIP_NO_INDEX`, each later one winning per key as in pip.
 */
export async function pipSources(get: (name: string) => string | undefined): Promise<PipSources> {
  const home = get("HOME");
  const configHome = get("XDG_CONFIG_HOME") ?? (home ? join(home, ".config") : undefined);
  const xdgDirs = (get("XDG_CONFIG_DIRS") ?? "/etc/xdg").split(":").filter((d) => d !== "");
  const explicit = get("PIP_CONFIG_FILE");
  const candidates = [
    ...xdgDirs.map((d) => join(d, "pip", "pip.conf")),
    "/etc/pip.conf",
    ...(explicit ? [explicit] : [
      ...(home ? [join(home, ".pip", "pip.conf")] : []),
      ...(configHome ? [join(configHome, "pip", "pip.conf")] : []),
    ]),
  ];
  const merged = new Map<string, string>();
  const configFiles: string[] = [];
  for (const file of candidates) {
    const text = await Deno.readTextFile(file).catch(() => undefined);
    if (text === undefined) continue;
    configFiles.push(file);
    for (const [k, v] of pipConfigValues(text)) merged.set(k, v);
  }
  for (const key of [...SOURCE_KEYS, "no-index"]) {
    const value = get(`PIP_${key.toUpperCase().replaceAll("-", "_")}`);
    if (value !== undefined) merged.set(key, value);
  }
  const noIndex = /^(1|true|yes|on)$/i.test(merged.get("no-index") ?? "");
  const sources = SOURCE_KEYS.flatMap((k) => merged.get(k) ?? []);
  const roles = SOURCE_KEYS.flatMap((key) =>
    classifySources([merged.get(key) ?? ""], true, true).localDirs.map((dir) => ({ key, dir }))
  );
  return {
    ...classifySources(sources, noIndex, merged.has("index-url")),
    configFiles,
    roles,
  };
}

/**
 * The directories to show for pip's local sources: each local directory, and for a `…/simple`
 * index also its parent (the index's links often point at `../files`).
 */
export function pipVisibleDirs(sources: Pick<PipSources, "localDirs">): string[] {
  const dirs = sources.localDirs.flatMap((d) =>
    /\/simple\/?$/.test(d) ? [dirname(d.replace(/\/$/, ""))] : [d]
  );
  return [...new Set(dirs)];
}
