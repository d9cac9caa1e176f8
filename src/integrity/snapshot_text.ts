/**
 * Defensive reads of snapshot files for the integrity probes (until a shared reader exists): every
 * component of the path is checked with `lstat` (no symbolic links, the file regular), and files
 * above a size cap are not read.
 * @module
 */
import { join } from "node:path";

/** Largest file read, in bytes. */
export const MAX_TEXT_BYTES = 2_000_000;

/**
 * The text of `path` (relative POSIX) below `root`, or undefined when it is missing, is reached
 * through a symbolic link, is not a regular file or is larger than `maxBytes`.
 */
export async function readSnapshotText(
  root: string,
  path: string,
  maxBytes = MAX_TEXT_BYTES,
): Promise<string | undefined> {
  const parts = path.split("/");
  if (parts.some((p) => p === "" || p === "." || p === "..")) return undefined;
  let at = root;
  try {
    for (const [i, part] of parts.entries()) {
      at = join(at, part);
      const info = await Deno.lstat(at);
      if (info.isSymlink) return undefined;
      if (i < parts.length - 1 ? !info.isDirectory : !info.isFile || info.size > maxBytes) {
        return undefined;
      }
    }
    return new TextDecoder().decode(await Deno.readFile(at));
  } catch {
    return undefined;
  }
}
