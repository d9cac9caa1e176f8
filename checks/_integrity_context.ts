/**
 * Test helper for the integrity probes: a real context (the real executor) over a directory, with
 * the facts detection reads from it (file list, manifests, docs, the machine's interpreters).
 * @module
 */
import type { CheckContext, DependencyResult } from "../src/check.ts";
import { detect } from "../src/detect.ts";
import { walkTree } from "../src/tree_hash.ts";
import { realContext } from "./_real_context.ts";

/** A context over `root` whose temporary area is `tempRoot`; `dependencies` answer `ctx.dependency`. */
export async function detectedContext(
  root: string,
  tempRoot: string,
  dependencies: Record<string, DependencyResult> = {},
): Promise<CheckContext> {
  const { files } = await walkTree(root);
  const ctx = realContext(root, tempRoot, files);
  ctx.facts = await detect(root, [...files].sort());
  ctx.dependency = (id) => dependencies[id];
  return ctx;
}

/** Run `body` with a fresh temporary directory, removed afterwards. */
export async function withTemp(body: (temp: string) => Promise<void>): Promise<void> {
  const temp = await Deno.makeTempDir({ prefix: "claimcheck-integrity-" });
  try {
    await body(temp);
  } finally {
    await Deno.remove(temp, { recursive: true });
  }
}
