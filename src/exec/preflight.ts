/**
 * Checks made before a command is spawned: where it may run, and whether its program exists.
 * @module
 */
import { resolve, sep } from "node:path";

/** A check that passed with a value, or failed with a reason. */
export type Preflight<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Resolves `cwd` (relative to the first root; default: the first root) to an absolute directory path
 * whose real location (symlinks followed) lies inside one of `roots`. The path returned keeps the
 * spelling of the roots, so it can be shown relative to them.
 */
export async function resolveCwd(
  cwd: string | undefined,
  roots: readonly [string, ...string[]],
): Promise<Preflight<string>> {
  const requested = resolve(roots[0], cwd ?? ".");
  let real: string;
  try {
    real = await Deno.realPath(requested);
  } catch {
    return { ok: false, error: `Cannot use working directory ${requested}: it does not exist` };
  }
  if (!(await Deno.stat(real)).isDirectory) {
    return { ok: false, error: `Cannot use working directory ${requested}: it is not a directory` };
  }
  const realRoots = await Promise.all(roots.map((root) => Deno.realPath(root).catch(() => root)));
  if (!realRoots.some((root) => real === root || real.startsWith(root + sep))) {
    return {
      ok: false,
      error:
        `Cannot use working directory ${requested}: it lies outside the snapshot and the temporary directory`,
    };
  }
  return { ok: true, value: requested };
}

/**
 * Finds the program `name` the way `exec` would: a name with a slash relative to `cwd`, any other name
 * in the colon-separated `path`.
 */
export async function findProgram(
  name: string,
  cwd: string,
  path: string,
): Promise<Preflight<string>> {
  if (name === "") return { ok: false, error: "Cannot start command: the argv is empty" };
  if (name.includes("/")) {
    const candidate = resolve(cwd, name);
    return await isExecutableFile(candidate)
      ? { ok: true, value: candidate }
      : { ok: false, error: `Cannot start ${name}: no executable file at ${candidate}` };
  }
  const found = await findInPath(name, path);
  return found
    ? { ok: true, value: found }
    : { ok: false, error: `Cannot start ${name}: not found in PATH ${path}` };
}

/** Finds an executable named `name` in the colon-separated `path`; `null` when absent. */
export async function findInPath(name: string, path: string): Promise<string | null> {
  for (const dir of path.split(":")) {
    if (dir === "") continue;
    const candidate = `${dir}/${name}`;
    if (await isExecutableFile(candidate)) return candidate;
  }
  return null;
}

/** Whether `path` is a regular file (after symlinks) with an execute bit set. */
export async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const info = await Deno.stat(path);
    return info.isFile && ((info.mode ?? 0o111) & 0o111) !== 0;
  } catch {
    return false;
  }
}
