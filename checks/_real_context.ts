/**
 * Test helper: a CheckContext over a real directory with the real executor, for tests that run a
 * check's probe end to end.
 * @module
 */
import { join } from "node:path";
import type { CheckContext } from "../src/check.ts";
import { DEFAULT_CONFIG, type TargetConfig } from "../src/config.ts";
import { createExecutor } from "../src/exec/executor.ts";
import type { Facts } from "../src/facts.ts";

/** A context whose snapshot is `root` (with `files`), its temporary area in `tempRoot`. */
export function realContext(
  root: string,
  tempRoot: string,
  files: string[],
  config: Partial<TargetConfig> = {},
): CheckContext {
  const facts: Facts = {
    root,
    files,
    ecosystems: [],
    manifests: [],
    testRunners: [],
    docs: [],
    models: [],
    interpreters: {},
    pythons: [],
  };
  const cacheDir = join(tempRoot, "cache");
  // As in an audit: the cache is read-only to target code but for the parts an install names.
  const exec = createExecutor({
    tempRoot,
    snapshotRoot: root,
    defaultTimeoutMs: 30_000,
    cache: [cacheDir],
  });
  let index = 0;
  let dirs = 0;
  return {
    facts,
    config: { ...DEFAULT_CONFIG, ...config },
    options: { timeoutMs: 30_000, cacheDir },
    exec: async (argv, options) => ({ ...(await exec(argv, options)), index: index++ }),
    dependency: () => undefined,
    tempDir: async (prefix) => {
      const dir = join(tempRoot, `${prefix}-${++dirs}`);
      await Deno.mkdir(dir, { recursive: true });
      return dir;
    },
  };
}

/** Write `files` (relative path → content) below a fresh temporary directory; returns it. */
export async function writeTree(files: Record<string, string>): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "claimcheck-tree-" });
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    await Deno.mkdir(join(full, ".."), { recursive: true });
    await Deno.writeTextFile(full, content);
  }
  return root;
}
