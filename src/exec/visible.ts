/**
 * What a sandboxed command needs of the host besides what the audit names: the installation its
 * program comes from, and ownership of the directories it writes.
 * @module
 */
import { basename, dirname, join } from "node:path";

/** Host trees every sandbox shows anyway. */
const SYSTEM = /^\/(usr|bin|sbin|lib|lib32|lib64|libx32)(\/|$)/;

/**
 * The installation prefix of an executable outside the system trees: the parent of its `bin`
 * directory. Undefined for anything else (a shim directory such as pyenv's `shims` is not shown:
 * its scripts need the whole tool around them, and PATH then finds the system's program).
 */
export function installRoot(executable: string): string | undefined {
  if (SYSTEM.test(executable)) return undefined;
  const dir = dirname(executable);
  return basename(dir) === "bin" ? dirname(dir) : undefined;
}

/** The `home` key of a `pyvenv.cfg` text (the base interpreter's bin directory). */
export function venvHome(cfg: string): string | undefined {
  return /^\s*home\s*=\s*(.+?)\s*$/m.exec(cfg)?.[1];
}

/**
 * The installations `program` needs to run: the one its real path lies in (a pyenv version for a
 * venv's `python`) and, for a program of a virtual environment, the environment itself (its
 * site-packages) and its base interpreter's (from `pyvenv.cfg`). System paths are left out.
 */
export async function programRoots(program: string): Promise<string[]> {
  const roots: string[] = [];
  const real = await Deno.realPath(program).catch(() => program);
  const own = installRoot(real);
  if (own) roots.push(own);
  const cfg = await Deno.readTextFile(join(dirname(dirname(program)), "pyvenv.cfg")).catch(() =>
    undefined
  );
  if (cfg !== undefined) roots.push(dirname(dirname(program)));
  const home = cfg === undefined ? undefined : venvHome(cfg);
  if (home) {
    const base = await Deno.realPath(join(home, "python")).catch(() => join(home, "python"));
    const root = installRoot(base);
    if (root) roots.push(root);
  }
  return [...new Set(roots)];
}

/** What `ownForSandbox()` hands to the sandbox uid. */
export interface Ownership {
  /** Trees handed over whole (`chown -R`). */
  snapshot: readonly string[];
  /** Trees whose entries not yet owned by `id` are handed over (`find … ! -uid`), except `skip`. */
  scratch: readonly string[];
  /** Paths left as they are (the harness's private parts). */
  skip: readonly string[];
  id: number;
}

/**
 * Hands the writable trees to the sandbox uid, so that it can write them without being root; the
 * harness stays root and can read and remove everything. Symlinks themselves are changed, never
 * followed. Throws when `chown` fails, except for files that vanished while the tree was walked
 * (another audit's lock file in a shared cache, say): there is nothing left to hand over.
 */
export async function ownForSandbox(o: Ownership): Promise<void> {
  const owner = `${o.id}:${o.id}`;
  const runs: string[][] = o.snapshot.map((dir) => ["chown", "-R", "-h", owner, dir]);
  const prune = o.skip.flatMap((path, i) => [...(i > 0 ? ["-o"] : []), "-path", path]);
  for (const dir of o.scratch) {
    runs.push([
      "find",
      dir,
      "-xdev",
      ...(prune.length > 0 ? ["(", ...prune, ")", "-prune", "-o"] : []),
      "!",
      "-uid",
      String(o.id),
      "-exec",
      "chown",
      "-h",
      owner,
      "{}",
      "+",
    ]);
  }
  await Promise.all(runs.map(async ([program, ...args]) => {
    const { success, stderr } = await new Deno.Command(program!, {
      args,
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).output();
    const errors = new TextDecoder().decode(stderr).split("\n").filter((line) =>
      line.trim() !== "" && !line.endsWith("No such file or directory")
    );
    if (!success && errors.length > 0) {
      throw new Error(`Cannot hand ${args.at(-1)} to the sandbox: ${errors.join("\n")}`);
    }
  }));
}

/** A writable directory bound over a path inside a read-only cache. */
export interface CacheOverlay {
  source: string;
  dest: string;
}

/**
 * The per-audit writable parts of a read-only cache: deno writes the code it transpiles into
 * `$DENO_DIR/gen`, and `deno coverage` reads it back, so a DENO_DIR inside a shared cache gets its
 * `gen` from `scratch` (one directory per DENO_DIR, created here; the cache's own `gen` is made
 * empty when missing, as a mount point). Everything else of the cache stays read-only.
 */
export async function cacheOverlays(
  env: Record<string, string>,
  cache: readonly string[],
  scratch: string,
): Promise<CacheOverlay[]> {
  const denoDir = env.DENO_DIR;
  if (!denoDir || !cache.some((dir) => denoDir === dir || denoDir.startsWith(`${dir}/`))) return [];
  const key = [
    ...new Uint8Array(
      await crypto.subtle.digest("SHA-256", new TextEncoder().encode(denoDir)),
    ),
  ].slice(0, 8).map((b) => b.toString(16).padStart(2, "0")).join("");
  const source = join(scratch, `deno-gen-${key}`);
  const dest = join(denoDir, "gen");
  await Deno.mkdir(source, { recursive: true });
  await Deno.mkdir(dest, { recursive: true });
  return [{ source, dest }];
}
