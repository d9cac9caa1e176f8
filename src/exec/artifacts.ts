/**
 * Hashing of the files a command was expected to produce.
 * @module
 */
import { resolve } from "node:path";
import type { Artifact } from "../evidence.ts";
import { hashFile } from "../file_hash.ts";

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
