/**
 * Reading a document's history from the target's git repository, with the harness's inert git
 * (`git_inert.ts`: no command the target configures ever runs).
 * @module
 */
import { runGit } from "../git_inert.ts";
import type { DocVersion } from "./history.ts";

/** Versions read per document at most (the newest). */
export const MAX_VERSIONS = 200;
/** Largest version of a document read, in bytes. */
const MAX_DOC_BYTES = 1_000_000;

async function git(dir: string, args: string[]): Promise<string | undefined> {
  const r = await runGit(["--no-pager", ...args], dir, 60_000).catch(() => undefined);
  return r?.code === 0 ? r.stdout : undefined;
}

/**
 * The versions of `path` (relative to `dir`) over the last `MAX_VERSIONS` commits that touched it,
 * renames followed, oldest first; undefined when git cannot read them.
 */
export async function documentVersions(
  dir: string,
  path: string,
): Promise<DocVersion[] | undefined> {
  const log = await git(dir, [
    "log",
    "--follow",
    "--relative",
    "--format=@@%H",
    "--name-only",
    "-n",
    String(MAX_VERSIONS),
    "--",
    path,
  ]);
  if (log === undefined) return undefined;
  const entries = log.split("@@").slice(1).map((chunk) => {
    const [commit = "", ...names] = chunk.trim().split("\n");
    return { commit: commit.trim(), name: names.map((n) => n.trim()).find((n) => n) ?? path };
  });
  const versions: DocVersion[] = [];
  for (const { commit, name } of entries.reverse()) {
    const size = await git(dir, ["cat-file", "-s", `${commit}:./${name}`]);
    if (size === undefined || Number(size) > MAX_DOC_BYTES) continue;
    const text = await git(dir, ["cat-file", "blob", `${commit}:./${name}`]);
    if (text !== undefined) versions.push({ commit, text });
  }
  return versions;
}

/** The paths (relative to `dir`) that differ between commits `from` and `to`. */
export async function changedPaths(dir: string, from: string, to: string): Promise<string[]> {
  const out = await git(dir, [
    "diff",
    "--no-ext-diff",
    "--no-textconv",
    "--relative",
    "--name-only",
    from,
    to,
  ]);
  return (out ?? "").split("\n").map((l) => l.trim()).filter((l) => l !== "");
}

/** A `git blame --porcelain` group header: commit, line in that commit, line at HEAD. */
const BLAME_HEADER = /^([0-9a-f]{40}|[0-9a-f]{64}) \d+ (\d+)(?: \d+)?$/;

/**
 * The commit that last changed each line of `path` at HEAD (line number → commit), from an inert
 * `git blame` (no textconv, no ignore-revs file); undefined when git cannot blame it.
 */
export async function blameLines(
  dir: string,
  path: string,
): Promise<Map<number, string> | undefined> {
  const out = await git(dir, [
    "-c",
    "blame.ignoreRevsFile=",
    "blame",
    "--porcelain",
    "--no-textconv",
    "HEAD",
    "--",
    path,
  ]);
  if (out === undefined) return undefined;
  const lines = new Map<number, string>();
  for (const row of out.split("\n")) {
    const m = BLAME_HEADER.exec(row);
    if (m) lines.set(Number(m[2]), m[1] as string);
  }
  return lines;
}
