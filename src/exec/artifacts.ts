/**
 * Hashing of the files a command was expected to produce.
 * @module
 */
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import type { Artifact } from "../evidence.ts";

/** sha256 (hex) and size of a file, read as a stream. */
export async function hashFile(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  let bytes = 0;
  using file = await Deno.open(path, { read: true });
  for await (const chunk of file.readable) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest("hex") };
}

/**
 * Records each of `paths` (absolute, or relative to `cwd`) that exists as a regular file; paths are
 * recorded as given, missing ones are left out.
 */
export async function collectArtifacts(paths: readonly string[], cwd: string): Promise<Artifact[]> {
  const artifacts: Artifact[] = [];
  for (const path of paths) {
    const full = resolve(cwd, path);
    try {
      if (!(await Deno.stat(full)).isFile) continue;
      artifacts.push({ path, ...(await hashFile(full)) });
    } catch {
      // Missing or unreadable: not produced.
    }
  }
  return artifacts;
}
