/**
 * git as the harness runs it on a target's repository, outside any sandbox: with no configuration
 * but the repository's own (no system or global file), every command the repository could name
 * turned off, a scrubbed environment, and — for the dirty state — no filter at all: the working
 * tree is hashed by claimcheck itself and compared with the index, so no clean/smudge driver,
 * textconv, fsmonitor, hook, pager, credential helper or ssh command ever runs.
 * @module
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { streamFile } from "./file_hash.ts";

/** `-c` settings that turn off every command a repository's configuration could make git run. */
export const INERT_GIT_CONFIG: readonly string[] = [
  "core.fsmonitor=false",
  "core.hooksPath=/dev/null",
  "core.pager=cat",
  "core.untrackedCache=false",
  "core.excludesFile=/dev/null",
  "core.attributesFile=/dev/null",
  "credential.helper=",
  "diff.external=",
  "protocol.ext.allow=never",
  "submodule.recurse=false",
  "uploadpack.packObjectsHook=",
].flatMap((setting) => ["-c", setting]);

/** The only environment git gets: no `GIT_*` variable of the caller, no system or global config. */
export function inertGitEnv(): Record<string, string> {
  return {
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    HOME: "/nonexistent",
    LC_ALL: "C",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_ATTR_NOSYSTEM: "1",
    GIT_TERMINAL_PROMPT: "0",
    GIT_ASKPASS: "true",
    GIT_OPTIONAL_LOCKS: "0",
    GIT_NO_REPLACE_OBJECTS: "1",
  };
}

/** What one git command returned. */
export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run git inertly (see the module doc) in `cwd`; killed after `timeoutMs`. */
export async function runGit(
  args: readonly string[],
  cwd?: string,
  timeoutMs = 120_000,
): Promise<GitResult> {
  const output = await new Deno.Command("git", {
    args: [...INERT_GIT_CONFIG, ...args],
    ...(cwd === undefined ? {} : { cwd }),
    clearEnv: true,
    env: inertGitEnv(),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(timeoutMs),
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

/** An index entry of `git ls-files -s -z`. */
interface IndexEntry {
  mode: string;
  object: string;
  stage: string;
  path: string;
}

function parseIndex(text: string): IndexEntry[] {
  return text.split("\0").filter((r) => r !== "").map((record) => {
    const tab = record.indexOf("\t");
    const [mode = "", object = "", stage = ""] = record.slice(0, tab).split(" ");
    return { mode, object, stage, path: record.slice(tab + 1) };
  });
}

/** The git blob id of `content` for a repository whose ids are `hexLength` long (sha1 or sha256). */
function blobId(content: Uint8Array, hexLength: number): string {
  const hash = createHash(hexLength === 64 ? "sha256" : "sha1");
  hash.update(`blob ${content.length}\0`);
  hash.update(content);
  return hash.digest("hex");
}

async function streamedBlobId(path: string, size: number, hexLength: number): Promise<string> {
  const hash = createHash(hexLength === 64 ? "sha256" : "sha1");
  hash.update(`blob ${size}\0`);
  await streamFile(path, (chunk) => hash.update(chunk));
  return hash.digest("hex");
}

/** Whether the working file of `entry` (below `dir`) differs from the index, without filters. */
async function differs(dir: string, entry: IndexEntry): Promise<boolean> {
  if (entry.stage !== "0") return true;
  if (entry.mode === "160000") return false; // A submodule: its own repository, not read here.
  const path = join(dir, entry.path);
  let info: Deno.FileInfo;
  try {
    info = await Deno.lstat(path);
  } catch {
    return true;
  }
  if (entry.mode === "120000") {
    if (!info.isSymlink) return true;
    const link = new TextEncoder().encode(await Deno.readLink(path));
    return blobId(link, entry.object.length) !== entry.object;
  }
  if (!info.isFile) return true; // A FIFO or folder where a file was: changed, and never opened.
  const executable = ((info.mode ?? 0) & 0o111) !== 0;
  if (executable !== (entry.mode === "100755")) return true;
  return await streamedBlobId(path, info.size, entry.object.length) !== entry.object;
}

/**
 * The commit checked out in `dir` and whether the tree under `dir` differs from it (staged,
 * unstaged or untracked, ignored files aside), read without running any filter: a file a clean
 * filter would normalise therefore counts as changed. `commit` is null outside a repository.
 */
export async function gitIdentity(dir: string): Promise<{ commit: string | null; dirty: boolean }> {
  const head = await runGit(["rev-parse", "--verify", "-q", "HEAD"], dir);
  if (head.code !== 0) return { commit: null, dirty: false };
  const commit = head.stdout.trim();
  const staged = await runGit(
    ["diff-index", "--cached", "--quiet", "--no-ext-diff", "--no-textconv", "HEAD", "--", "."],
    dir,
  );
  if (staged.code !== 0) return { commit, dirty: true };
  const untracked = await runGit(
    ["ls-files", "-z", "--others", "--exclude-standard", "--directory", "--no-empty-directory"],
    dir,
  );
  if (untracked.code !== 0 || untracked.stdout !== "") return { commit, dirty: true };
  const index = await runGit(["ls-files", "-s", "-z"], dir);
  if (index.code !== 0) return { commit, dirty: true };
  for (const entry of parseIndex(index.stdout)) {
    if (await differs(dir, entry)) return { commit, dirty: true };
  }
  return { commit, dirty: false };
}
