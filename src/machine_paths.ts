/**
 * The paths of the machine an audit ran on, each with the name a report writes instead, so that a
 * report reads the same on every machine and a reader maps each name to their own: the audit's
 * area (`$AUDIT`, `$AUDIT_TMP`, `$SNAPSHOT`), the cache (`$CLAIMCHECK_CACHE`), pip's sources by
 * their role (`$PIP_INDEX`, `$PIP_EXTRA_INDEX`, `$PIP_FIND_LINKS`, numbered when there are more),
 * interpreters by version (`python3.11.7` for the program, `$PYTHON_3.11.7` for its installation)
 * and the home directory (`$HOME`).
 * @module
 */
import { dirname } from "node:path";
import type { Facts, Tool } from "./facts.ts";
import type { PipSources } from "./exec/pip_indexes.ts";
import { installRoot } from "./exec/visible.ts";

/** What names the machine's paths. */
export interface MachineInput {
  /** The audit's own temporary folder, its scratch area and the snapshot inside it. */
  work: string;
  tempRoot: string;
  snapshotRoot: string;
  /** claimcheck's cache. */
  cacheRoot: string;
  facts: Pick<Facts, "pythons" | "interpreters">;
  pip: Pick<PipSources, "roles">;
  /** claimcheck's environment (`HOME`, `PIP_INDEX_URL`, `PIP_CONFIG_FILE`). */
  env: (name: string) => string | undefined;
}

const PIP_ROLES = {
  "index-url": "$PIP_INDEX",
  "extra-index-url": "$PIP_EXTRA_INDEX",
  "find-links": "$PIP_FIND_LINKS",
} as const;

/** pip's local sources by role; for a `…/simple` index, the folder above it (what the sandbox shows). */
function pipNames(pip: MachineInput["pip"]): Array<[string, string]> {
  const named = new Map<string, string>();
  const count = new Map<string, number>();
  for (const { key, dir } of pip.roles) {
    const shown = /\/simple\/?$/.test(dir) ? dirname(dir.replace(/\/$/, "")) : dir;
    if (named.has(shown)) continue;
    const n = (count.get(key) ?? 0) + 1;
    count.set(key, n);
    named.set(shown, `${PIP_ROLES[key]}${n > 1 ? `_${n}` : ""}`);
  }
  return [...named];
}

/** A Python's program as `python3.11.7`; any tool's installation outside the system as `$PYTHON_3.11.7`. */
function toolNames(name: string, tool: Tool): Array<[string, string]> {
  const root = tool.path.startsWith("/") ? installRoot(tool.path) : undefined;
  return [
    ...(name === "python" ? [[tool.path, `python${tool.version}`] as [string, string]] : []),
    ...(root ? [[root, `$${name.toUpperCase()}_${tool.version}`] as [string, string]] : []),
  ];
}

/**
 * Every `[path, name]` pair for {@link withPlaceholders}, longest path first (a path inside
 * another is named by the inner one). System folders (`/usr`, `/etc`, `/tmp` inside the sandbox)
 * are the same everywhere and stay as they are.
 */
export function machinePaths(input: MachineInput): Array<[string, string]> {
  const home = input.env("HOME");
  const index = input.env("PIP_INDEX_URL");
  const config = input.env("PIP_CONFIG_FILE");
  const pairs: Array<[string, string]> = [
    [input.work, "$AUDIT"],
    [input.tempRoot, "$AUDIT_TMP"],
    [input.snapshotRoot, "$SNAPSHOT"],
    [input.cacheRoot, "$CLAIMCHECK_CACHE"],
    ...(index ? [[index, "$PIP_INDEX_URL"] as [string, string]] : []),
    ...(config ? [[config, "$PIP_CONFIG_FILE"] as [string, string]] : []),
    ...pipNames(input.pip),
    ...input.facts.pythons.flatMap((p) => toolNames("python", p)),
    ...Object.entries(input.facts.interpreters).flatMap(([name, tool]) =>
      tool ? toolNames(name, tool) : []
    ),
    ...(home && home !== "/" ? [[home, "$HOME"] as [string, string]] : []),
  ];
  const first = new Map<string, string>();
  for (const [path, name] of pairs) if (path !== "" && !first.has(path)) first.set(path, name);
  return [...first].sort((a, b) => b[0].length - a[0].length);
}
