/**
 * Snapshot: the disposable copy of the target that probes run in, and the target's identity.
 * @module
 */
import { join, resolve } from "node:path";
import { InputError } from "./errors.ts";
import type { Target } from "./report/schema.ts";
import { gitIdentity, runGit as git } from "./git_inert.ts";
import { type SkippedEntry, walkTree } from "./tree_hash.ts";

/** A taken snapshot: where the copy lies, its files, and what was audited. */
export interface Snapshot {
  /** Absolute path of the copy. */
  root: string;
  files: string[];
  /** Entries of the target neither copied nor listed, with why (FIFOs, loops, sparse files…). */
  skipped: SkippedEntry[];
  target: Target;
}

/** A TARGET split into where it lives and which ref to check out. */
export interface TargetSpec {
  kind: "directory" | "git";
  location: string;
  ref: string | null;
}

const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@[^:]+:)/i;

function splitRef(input: string): [string, string | null] {
  const at = input.lastIndexOf("@");
  const slash = input.lastIndexOf("/");
  if (at <= 0 || at < slash) return [input, null];
  return [input.slice(0, at), input.slice(at + 1) || null];
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isDirectory;
  } catch {
    return false;
  }
}

async function isBareRepository(path: string): Promise<boolean> {
  return await isDirectory(join(path, "objects")) && await isDirectory(join(path, "refs")) &&
    !await isDirectory(join(path, ".git"));
}

/**
 * Read a TARGET argument: a directory (relative to `cwd`), or a git URL / bare repository with an
 * optional `@ref`. Throws an {@link InputError} for a path that does not exist or is not a directory.
 */
export async function parseTarget(input: string, cwd: string): Promise<TargetSpec> {
  if (input.trim() === "") throw new InputError("Cannot audit an empty TARGET");
  if (URL_LIKE.test(input)) {
    const [location, ref] = splitRef(input);
    return { kind: "git", location, ref };
  }
  const direct = resolve(cwd, input);
  const [withoutRef, ref] = splitRef(input);
  const candidates: Array<[string, string | null]> = [[direct, null]];
  if (ref !== null) candidates.push([resolve(cwd, withoutRef), ref]);
  for (const [path, candidateRef] of candidates) {
    let info: Deno.FileInfo;
    try {
      info = await Deno.stat(path);
    } catch {
      continue;
    }
    if (!info.isDirectory) throw new InputError(`Cannot audit ${input}: not a directory`);
    if (candidateRef !== null || await isBareRepository(path)) {
      return { kind: "git", location: path, ref: candidateRef };
    }
    return { kind: "directory", location: path, ref: null };
  }
  throw new InputError(`Cannot audit ${input}: no such directory`);
}

function firstLine(text: string): string {
  return text.split("\n").map((l) => l.replace(/^fatal:\s*/, "").trim()).find((l) => l) ?? "";
}

async function cloneInto(spec: TargetSpec, destination: string): Promise<void> {
  const clone = await git(["clone", "--quiet", "--no-checkout", "--", spec.location, destination]);
  if (clone.code !== 0) {
    throw new InputError(`Cannot clone ${spec.location}: ${firstLine(clone.stderr)}`);
  }
  const head = await git(["rev-parse", "--verify", "-q", "HEAD"], destination);
  if (spec.ref === null && head.code !== 0) {
    throw new InputError(`Cannot audit ${spec.location}: the repository has no commits`);
  }
  const ref = spec.ref ?? "HEAD";
  const checkout = await git(["checkout", "--quiet", "--detach", ref, "--"], destination);
  if (checkout.code !== 0) {
    const resolved = await git(["rev-parse", "--verify", "-q", `${ref}^{commit}`], destination);
    const why = resolved.code !== 0 ? "no such ref" : firstLine(checkout.stderr);
    throw new InputError(`Cannot check out ${ref} of ${spec.location}: ${why}`);
  }
}

/**
 * Copy the target into `workDir/snapshot` (cloning a git target first) and record its identity.
 * The target's own tree is only read. Throws an {@link InputError} for a target that cannot be read.
 */
export async function takeSnapshot(input: string, cwd: string, workDir: string): Promise<Snapshot> {
  const spec = await parseTarget(input, cwd);
  const root = join(workDir, "snapshot");
  let source = spec.location;
  let identity: { commit: string | null; dirty: boolean };
  if (spec.kind === "git") {
    source = join(workDir, "clone");
    await cloneInto(spec, source);
    const head = await git(["rev-parse", "--verify", "-q", "HEAD"], source);
    identity = { commit: head.code === 0 ? head.stdout.trim() : null, dirty: false };
  } else {
    identity = await gitIdentity(source);
  }
  let listing;
  try {
    listing = await walkTree(source, root);
  } catch (error) {
    if (error instanceof Deno.errors.PermissionDenied) {
      throw new InputError(`Cannot read ${input}: ${error.message}`);
    }
    throw error;
  }
  return {
    root,
    files: listing.files,
    skipped: listing.skipped,
    target: {
      input,
      path: spec.location,
      ref: spec.ref,
      commit: identity.commit,
      dirty: identity.dirty,
      treeHash: listing.treeHash,
      ...(listing.skipped.length > 0
        ? { notes: listing.skipped.map((s) => `${s.path}: ${s.reason}; not copied`) }
        : {}),
    },
  };
}
