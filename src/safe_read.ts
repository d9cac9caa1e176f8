/**
 * The one way the harness reads a file of a snapshot (or of an audit's scratch area) after target
 * code may have run there: every hop of a symlink chain is `lstat`ed and must stay inside the tree,
 * only a regular file is opened (non-blocking and without following a last-moment link, so a FIFO
 * swapped in cannot hang the audit), its size is capped and the read has a deadline.
 * @module
 */
import { constants, open } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

/** Why a file was not read. */
export type UnsafeReason = "missing" | "outside" | "not-regular" | "loop" | "too-large" | "timeout";

/** A file the harness refused to read, with a one-line reason naming it. */
export class UnsafeFileError extends Error {
  /** The kind of refusal. */
  readonly reason: UnsafeReason;
  constructor(reason: UnsafeReason, message: string) {
    super(message);
    this.name = "UnsafeFileError";
    this.reason = reason;
  }
}

/** Limits of one read. */
export interface SafeReadOptions {
  /** Bytes read at most (default {@link DEFAULT_MAX_BYTES}). */
  maxBytes?: number;
  /** A larger file: read its first `maxBytes` (`true`) or refuse it (default). */
  partial?: boolean;
  /** Deadline of the whole read in ms (default {@link DEFAULT_TIMEOUT_MS}). */
  timeoutMs?: number;
}

/** The bytes read, and whether the file had more. */
export interface SafeRead {
  bytes: Uint8Array;
  /** The file's size on disk. */
  size: number;
  truncated: boolean;
}

/** Default size cap of one read: 64 MiB. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** Default deadline of one read. */
export const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_HOPS = 40;
const CHUNK = 1 << 20;

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

async function lstatOrNull(path: string): Promise<Deno.FileInfo | null> {
  try {
    return await Deno.lstat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return null;
    }
    throw error;
  }
}

/**
 * The real path of `path` (absolute, or relative to `root`), resolved one component at a time with
 * `lstat`, every symlink hop required to stay inside `root`. Throws an {@link UnsafeFileError}
 * (`missing`, `outside`, `loop`) otherwise; `root` itself is trusted.
 */
export async function resolveInside(root: string, path: string): Promise<string> {
  const base = resolve(root);
  const wanted = resolve(base, path);
  if (!inside(base, wanted)) throw new UnsafeFileError("outside", `${path} lies outside the tree`);
  const pending = relative(base, wanted).split(sep).filter((c) => c !== "").reverse();
  let current = base;
  let hops = 0;
  while (pending.length > 0) {
    const component = pending.pop() as string;
    if (component === ".") continue;
    if (component === "..") {
      current = resolve(current, "..");
      if (!inside(base, current)) {
        throw new UnsafeFileError("outside", `${path} leads outside the tree`);
      }
      continue;
    }
    const next = join(current, component);
    const info = await lstatOrNull(next);
    if (info === null) throw new UnsafeFileError("missing", `${path} does not exist`);
    if (!info.isSymlink) {
      current = next;
      continue;
    }
    if (++hops > MAX_HOPS) throw new UnsafeFileError("loop", `${path}: a symlink loop`);
    const target = resolve(current, await Deno.readLink(next));
    if (!inside(base, target)) {
      throw new UnsafeFileError("outside", `${path}: a symlink hop points outside the tree`);
    }
    pending.push(...relative(base, target).split(sep).filter((c) => c !== "").reverse());
    current = base;
  }
  return current;
}

function timeoutError(path: string, ms: number): UnsafeFileError {
  return new UnsafeFileError("timeout", `${path}: reading took longer than ${ms} ms`);
}

/**
 * Read a file of the tree at `root` defensively (see the module doc). Throws an
 * {@link UnsafeFileError} naming the file when it is missing, outside the tree, not a regular file,
 * too large (unless `partial`), or not read in time.
 */
export async function safeReadFile(
  root: string,
  path: string,
  options: SafeReadOptions = {},
): Promise<SafeRead> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const real = await resolveInside(root, path);
  const info = await Deno.lstat(real);
  if (!info.isFile) throw new UnsafeFileError("not-regular", `${path} is not a regular file`);
  // O_NONBLOCK: a FIFO swapped in after the lstat opens at once instead of waiting for a writer;
  // O_NOFOLLOW: a symlink swapped in is refused. fstat then decides on what was really opened.
  let handle;
  try {
    handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    throw new UnsafeFileError(
      "not-regular",
      `${path} cannot be opened: ${(error as Error).message}`,
    );
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) throw new UnsafeFileError("not-regular", `${path} is not a regular file`);
    if (opened.size > maxBytes && !options.partial) {
      throw new UnsafeFileError(
        "too-large",
        `${path} is ${opened.size} bytes, over the ${maxBytes}-byte cap`,
      );
    }
    const want = Math.min(opened.size, maxBytes);
    const bytes = new Uint8Array(want);
    let filled = 0;
    while (filled < want) {
      if (Date.now() > deadline) throw timeoutError(path, timeoutMs);
      const { bytesRead } = await handle.read(
        bytes,
        filled,
        Math.min(CHUNK, want - filled),
        filled,
      );
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return {
      bytes: filled === want ? bytes : bytes.subarray(0, filled),
      size: opened.size,
      truncated: opened.size > filled,
    };
  } finally {
    await handle.close();
  }
}

/** {@link safeReadFile} decoded as UTF-8 (invalid bytes replaced). */
export async function safeReadText(
  root: string,
  path: string,
  options: SafeReadOptions = {},
): Promise<string> {
  return new TextDecoder().decode((await safeReadFile(root, path, options)).bytes);
}

/** {@link safeReadText}, or `undefined` when the file does not exist. */
export async function safeReadTextIfExists(
  root: string,
  path: string,
  options: SafeReadOptions = {},
): Promise<string | undefined> {
  try {
    return await safeReadText(root, path, options);
  } catch (error) {
    if (error instanceof UnsafeFileError && error.reason === "missing") return undefined;
    throw error;
  }
}

/**
 * A file a probe left (the executor's stdout/stderr files, a report a tool wrote) read defensively
 * from its own folder: up to `maxBytes` (default {@link DEFAULT_MAX_BYTES}), the rest cut off.
 */
export async function readProbeFile(
  path: string,
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<string> {
  const read = await safeReadFile(dirname(path), path, { maxBytes, partial: true });
  return new TextDecoder().decode(read.bytes);
}
