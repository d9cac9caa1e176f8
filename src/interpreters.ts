/**
 * The interpreters and tools this machine offers, each resolved at most once per process and only
 * when a target needs it (python3 behind a pyenv shim costs a noticeable start-up).
 * @module
 */
import $ from "dax";
import type { Tool } from "./facts.ts";

/** Tools detection can look up besides Deno itself. */
export type ToolName = "python" | "node" | "git";

/** Two lines printed by the tool: its real executable path, then its version. */
function pathAndVersion(out: string): Tool | undefined {
  const [path, version] = out.split("\n");
  return path && version ? { path, version } : undefined;
}

const PROBES: Record<ToolName, [string[], (out: string) => Tool | undefined]> = {
  python: [
    ["python3", "-c", "import sys; print(sys.executable); print(sys.version.split()[0])"],
    pathAndVersion,
  ],
  node: [
    ["node", "-e", "console.log(process.execPath); console.log(process.versions.node)"],
    pathAndVersion,
  ],
  git: [
    ["git", "--version"],
    (out) => ({ path: "git", version: out.replace(/^git version\s*/, "") }),
  ],
};

async function probe(name: ToolName): Promise<Tool | undefined> {
  const [argv, parse] = PROBES[name];
  // Run from a neutral directory so that version files in the target (e.g. pyenv's) play no part.
  let result;
  try {
    result = await $`${argv}`.cwd(Deno.env.get("TMPDIR") ?? "/tmp").stdout("piped").stderr("null")
      .noThrow().timeout("20s");
  } catch {
    return undefined;
  }
  return result.code === 0 ? parse(result.stdout.trim()) : undefined;
}

const cache = new Map<ToolName, Promise<Tool | undefined>>();

/** deno (this process) and those of python3 (its real path, past any shim), node and git asked for. */
export async function findInterpreters(
  names: Iterable<ToolName>,
): Promise<Partial<Record<"deno" | ToolName, Tool>>> {
  const tools: Partial<Record<"deno" | ToolName, Tool>> = {
    deno: { path: Deno.execPath(), version: Deno.version.deno },
  };
  await Promise.all([...new Set(names)].map(async (name) => {
    let found = cache.get(name);
    if (!found) {
      found = probe(name);
      cache.set(name, found);
    }
    const tool = await found;
    if (tool) tools[name] = tool;
  }));
  return tools;
}
