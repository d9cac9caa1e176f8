/**
 * Copy a directory tree while hashing it, and hash a tree in place.
 * @module
 */
import { createHash } from "node:crypto";
import { dirname, isAbsolute, join, normalize } from "node:path";
import { hashFile } from "./file_hash.ts";

/** Folders never copied into a snapshot nor hashed: version control and caches. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  ".git",
  ".hg",
  ".svn",
  "node_modules",
  ".venv",
  "venv",
  "__pycache__",
  ".pytest_cache",
  ".mypy_cache",
  ".ruff_cache",
  ".tox",
  ".claimcheck",
]);

/** The result of walking a tree: its files (relative POSIX paths, sorted) and a content hash. */
export interface TreeListing {
  files: string[];
  /** sha256 over every file's relative path and content sha256 (symlinks: their target). */
  treeHash: string;
}

function pointsInside(rel: string, target: string): boolean {
  if (isAbsolute(target)) return false;
  const resolved = normalize(join(dirname(rel), target));
  return resolved !== ".." && !resolved.startsWith("../");
}

/**
 * Walk `source`, skipping {@link SKIPPED_DIRS}, hashing every file; when `destination` is given,
 * copy each file and symlink there (symlinks are recreated, never followed; one that points outside
 * the tree is copied but not listed).
 */
export async function walkTree(source: string, destination?: string): Promise<TreeListing> {
  const entries: Array<[string, string]> = [];
  async function visit(rel: string): Promise<void> {
    const dir = join(source, rel);
    const children = [];
    for await (const entry of Deno.readDir(dir)) children.push(entry);
    await Promise.all(children.map(async (entry) => {
      const childRel = rel === "" ? entry.name : `${rel}/${entry.name}`;
      const from = join(source, childRel);
      const to = destination === undefined ? undefined : join(destination, childRel);
      if (entry.isDirectory) {
        if (SKIPPED_DIRS.has(entry.name)) return;
        if (to !== undefined) await Deno.mkdir(to, { recursive: true });
        await visit(childRel);
      } else if (entry.isSymlink) {
        const target = await Deno.readLink(from);
        if (to !== undefined) await Deno.symlink(target, to);
        // Listed (and so read by the harness) only when it points inside the tree: a link to
        // /etc/passwd or ~/.ssh must never be read into a report outside the sandbox.
        if (pointsInside(childRel, target)) {
          entries.push([childRel, createHash("sha256").update(`link:${target}`).digest("hex")]);
        }
      } else if (entry.isFile) {
        if (to !== undefined) await Deno.copyFile(from, to);
        entries.push([childRel, (await hashFile(from)).sha256]);
      }
    }));
  }
  if (destination !== undefined) await Deno.mkdir(destination, { recursive: true });
  await visit("");
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const tree = createHash("sha256");
  for (const [path, sha] of entries) tree.update(`${sha}  ${path}\n`);
  return { files: entries.map(([path]) => path), treeHash: tree.digest("hex") };
}
