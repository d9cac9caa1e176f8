/**
 * Copy a directory tree while hashing it, and hash a tree in place.
 * @module
 */
import { createHash } from "node:crypto";
import { dirname, isAbsolute, join, normalize } from "node:path";
import { hashFile } from "./file_hash.ts";
import { resolveInside, UnsafeFileError } from "./safe_read.ts";

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

/** Bytes of one file copied at most; a larger one is listed in `skipped`, not copied. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
/** Bytes of a whole tree copied at most; files past the cap are listed in `skipped`. */
export const MAX_TREE_BYTES = 4 * 1024 * 1024 * 1024;
/** Files and folders open at once while walking (a 50,000-file tree never exhausts descriptors). */
const OPEN_AT_ONCE = 16;

/** An entry left out of the listing (and of the copy), with a one-line reason. */
export interface SkippedEntry {
  path: string;
  reason: string;
}

/** The result of walking a tree: its files (relative POSIX paths, sorted) and a content hash. */
export interface TreeListing {
  files: string[];
  /** sha256 over every file's relative path and content sha256 (symlinks: their target). */
  treeHash: string;
  /** FIFOs, sockets, devices, symlink loops, sparse or oversized files, unreadable entries. */
  skipped: SkippedEntry[];
}

/** At most `slots` of the returned function's tasks run at once. */
function limiter(slots: number): <T>(task: () => Promise<T>) => Promise<T> {
  let free = slots;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (free === 0) await new Promise<void>((wake) => waiting.push(wake));
    else free--;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}

function pointsInside(rel: string, target: string): boolean {
  if (isAbsolute(target)) return false;
  const resolved = normalize(join(dirname(rel), target));
  return resolved !== ".." && !resolved.startsWith("../");
}

/** Why a link inside the tree must not be recreated: it loops, or names a folder it lies in. */
async function loopOf(source: string, rel: string): Promise<string | undefined> {
  let real;
  try {
    real = await resolveInside(source, rel);
  } catch (error) {
    if (error instanceof UnsafeFileError && error.reason === "loop") return "a symlink loop";
    return undefined; // Dangling or leaving the tree: recreated as it is, never read.
  }
  const own = join(source, rel);
  if ((await Deno.stat(real)).isDirectory && own.startsWith(`${real}/`)) {
    return "a symlink to a folder that contains it (an endless path)";
  }
  return undefined;
}

/** Copy `from` to `to` (when given) and hash it in one pass. */
async function copyAndHash(from: string, to: string | undefined): Promise<string> {
  if (to === undefined) return (await hashFile(from)).sha256;
  const hash = createHash("sha256");
  using input = await Deno.open(from, { read: true });
  using output = await Deno.open(to, { write: true, createNew: true });
  const writer = output.writable.getWriter();
  for await (const chunk of input.readable) {
    hash.update(chunk);
    await writer.write(chunk);
  }
  await writer.close();
  return hash.digest("hex");
}

function kindOf(info: Deno.FileInfo): string {
  if (info.isFifo) return "a FIFO";
  if (info.isSocket) return "a socket";
  if (info.isBlockDevice || info.isCharDevice) return "a device";
  return "not a regular file, folder or symlink";
}

/**
 * Walk `source`, skipping {@link SKIPPED_DIRS}, hashing every regular file; when `destination` is
 * given, copy each file and symlink there (symlinks are recreated, never followed; one that points
 * outside the tree is copied but not listed). Only regular files, folders and symlinks are ever
 * opened: FIFOs, sockets and devices, symlink loops, sparse files and files over
 * {@link MAX_FILE_BYTES} (or past {@link MAX_TREE_BYTES}) and unreadable entries are left out and
 * listed in `skipped`. At most a few files are open at once.
 */
export async function walkTree(source: string, destination?: string): Promise<TreeListing> {
  const entries: Array<[string, string]> = [];
  const skipped: SkippedEntry[] = [];
  const slot = limiter(OPEN_AT_ONCE);
  let total = 0;
  async function visitFile(rel: string, to: string | undefined): Promise<void> {
    const info = await Deno.lstat(join(source, rel));
    if (!info.isFile) return void skipped.push({ path: rel, reason: kindOf(info) });
    // A file with far fewer blocks than its size (a 10 GB hole) would be copied dense.
    if (info.size > 1024 * 1024 && info.blocks !== null && info.blocks * 512 < info.size / 2) {
      return void skipped.push({ path: rel, reason: `a sparse file of ${info.size} bytes` });
    }
    if (info.size > MAX_FILE_BYTES) {
      return void skipped.push({ path: rel, reason: `${info.size} bytes, over the file cap` });
    }
    if (total + info.size > MAX_TREE_BYTES) {
      return void skipped.push({ path: rel, reason: "past the tree's size cap" });
    }
    total += info.size;
    entries.push([rel, await copyAndHash(join(source, rel), to)]);
  }
  async function visitLink(rel: string, to: string | undefined): Promise<void> {
    const target = await Deno.readLink(join(source, rel));
    const inside = pointsInside(rel, target);
    const loop = inside ? await loopOf(source, rel) : undefined;
    if (loop !== undefined) return void skipped.push({ path: rel, reason: loop });
    if (to !== undefined) await Deno.symlink(target, to);
    // Listed (and so read by the harness) only when it points inside the tree: a link to
    // /etc/passwd or ~/.ssh must never be read into a report outside the sandbox.
    if (inside) entries.push([rel, createHash("sha256").update(`link:${target}`).digest("hex")]);
  }
  async function visit(rel: string): Promise<void> {
    const children = await slot(async () => {
      const list = [];
      for await (const entry of Deno.readDir(join(source, rel))) list.push(entry);
      return list;
    });
    await Promise.all(children.map(async (entry) => {
      const childRel = rel === "" ? entry.name : `${rel}/${entry.name}`;
      const to = destination === undefined ? undefined : join(destination, childRel);
      try {
        if (entry.isDirectory) {
          if (SKIPPED_DIRS.has(entry.name)) return;
          if (to !== undefined) await Deno.mkdir(to, { recursive: true });
          await visit(childRel);
        } else if (entry.isSymlink) await slot(() => visitLink(childRel, to));
        else await slot(() => visitFile(childRel, to));
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) {
          // Gone since it was listed, or a name that is not UTF-8 (read back lossily).
          return void skipped.push({ path: childRel, reason: "vanished or not a UTF-8 name" });
        }
        if (!(error instanceof Deno.errors.PermissionDenied)) throw error;
        skipped.push({ path: childRel, reason: `unreadable: ${error.message.split(":")[0]}` });
      }
    }));
  }
  if (destination !== undefined) await Deno.mkdir(destination, { recursive: true });
  await visit("");
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const tree = createHash("sha256");
  for (const [path, sha] of entries) tree.update(`${sha}  ${path}\n`);
  return { files: entries.map(([path]) => path), treeHash: tree.digest("hex"), skipped };
}
