/**
 * Claims of the paths given on the command line: markdown files, or repositories whose documents
 * are selected as an audit would.
 * @module
 */
import { resolve } from "node:path";
import { InputError } from "../errors.ts";
import { walkTree } from "../tree_hash.ts";
import type { Claim } from "./claim.ts";
import { collectClaims } from "./collect.ts";
import { readDocument } from "./documents.ts";
import { extractClaims } from "./extract.ts";

/** Yield the claims of each path (relative to `cwd`), in order; throws an InputError for a missing path. */
export async function* claimsOfPaths(paths: readonly string[], cwd: string): AsyncGenerator<Claim> {
  for (const path of paths) {
    const full = resolve(cwd, path);
    let info: Deno.FileInfo;
    try {
      info = await Deno.stat(full);
    } catch {
      throw new InputError(`Cannot read claims of ${path}: no such file or directory`);
    }
    if (info.isDirectory) {
      const { files } = await walkTree(full);
      yield* await collectClaims(full, files);
    } else {
      yield* extractClaims(await readDocument(full), path);
    }
  }
}
