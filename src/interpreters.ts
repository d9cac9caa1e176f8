/**
 * The interpreters and tools this machine offers, resolved once per process.
 * @module
 */
import $ from "dax";
import type { Tool } from "./facts.ts";

async function probe(
  argv: string[],
  parse: (out: string) => Tool | undefined,
): Promise<Tool | undefined> {
  // Run from a neutral directory so that version files in the target (e.g. pyenv's) play no part.
  let result;
  try {
    result = await $`${argv}`.cwd(Deno.env.get("TMPDIR") ?? "/tmp").stdout("piped").stderr("null")
      .noThrow().timeout("20s");
  } catch {
    return undefined;
  }
  if (result.code !== 0) return undefined;
  return parse(result.stdout.trim());
}

async function find(): Promise<Partial<Record<"deno" | "python" | "node" | "git", Tool>>> {
  const [python, node, git] = await Promise.all([
    probe(
      ["python3", "-c", "import sys; print(sys.executable); print(sys.version.split()[0])"],
      (out) => {
        const [path, version] = out.split("\n");
        return path && version ? { path, version } : undefined;
      },
    ),
    probe(
      ["node", "-e", "console.log(process.execPath); console.log(process.versions.node)"],
      (out) => {
        const [path, version] = out.split("\n");
        return path && version ? { path, version } : undefined;
      },
    ),
    probe(
      ["git", "--version"],
      (out) => ({ path: "git", version: out.replace(/^git version\s*/, "") }),
    ),
  ]);
  const tools: Partial<Record<"deno" | "python" | "node" | "git", Tool>> = {
    deno: { path: Deno.execPath(), version: Deno.version.deno },
  };
  if (python) tools.python = python;
  if (node) tools.node = node;
  if (git) tools.git = git;
  return tools;
}

let cached: ReturnType<typeof find> | undefined;

/** deno (this process), python3 (its real path, past any shim), node and git, with versions. */
export function findInterpreters(): ReturnType<typeof find> {
  cached ??= find();
  return cached;
}
