/**
 * Installed environments kept in claimcheck's cache directory, so that a second audit of the same
 * commit skips the install. A venv is not relocatable: it is made at its final path, and a marker
 * file written last says it is complete; a lock file keeps two audits from making the same one.
 * @module
 */
import { join } from "node:path";

/** Bump when the layering changes what an environment holds. */
export const LAYERING_VERSION = "1";

/** A lock older than this is left over from an audit that died. */
const STALE_LOCK_MS = 60 * 60_000;

/** What an environment is keyed by. */
export interface EnvKeyInput {
  interpreter: { path: string; version: string };
  /** File → sha256: manifests, lockfiles, requirements files (and the tree, when the project is installed). */
  files: Record<string, string>;
  /** The parts of the plan and of the configuration that change what is installed. */
  plan: unknown;
  /** pip's index configuration (values of PIP_INDEX_URL and the like). */
  pip: Record<string, string>;
}

/** JSON with sorted keys, so equal inputs give equal text. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The cache key: 24 hex digits of a sha256 over the inputs and {@link LAYERING_VERSION}. */
export async function envKey(input: EnvKeyInput): Promise<string> {
  const text = stable({ ...input, layering: LAYERING_VERSION });
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")
    .slice(0, 24);
}

/** One cached environment's folder. */
export interface EnvSlot {
  /** The folder: `venv/` inside it, and the marker. */
  dir: string;
  /**
   * pip's cache for the installs of this key alone (`pip/<key>`): writable to them, invisible to
   * no one, written by no other key's install.
   */
  pipCache: string;
  venv: string;
  marker: string;
  lock: string;
}

/** The slot of `key` under the cache directory. */
export function envSlot(cacheDir: string, key: string): EnvSlot {
  const dir = join(cacheDir, "python-envs", key);
  return {
    dir,
    pipCache: join(cacheDir, "pip", key),
    venv: join(dir, "venv"),
    marker: join(dir, "ready.json"),
    lock: `${dir}.lock`,
  };
}

/** The record stored with a complete environment; undefined when there is none (or it is unreadable). */
export async function readReady<T>(slot: EnvSlot): Promise<T | undefined> {
  try {
    return JSON.parse(await Deno.readTextFile(slot.marker)) as T;
  } catch {
    return undefined;
  }
}

async function tryLock(lock: string): Promise<boolean> {
  try {
    const file = await Deno.open(lock, { createNew: true, write: true });
    await file.write(new TextEncoder().encode(`${Deno.pid}\n`));
    file.close();
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.AlreadyExists) return false;
    throw error;
  }
}

/**
 * Take the slot to build in: the lock, and a clean folder (what an interrupted install left is
 * removed). False when another audit holds a fresh lock (build elsewhere then).
 */
export async function claimSlot(slot: EnvSlot, now = Date.now()): Promise<boolean> {
  await Deno.mkdir(join(slot.dir, ".."), { recursive: true });
  if (!await tryLock(slot.lock)) {
    const stat = await Deno.stat(slot.lock).catch(() => undefined);
    const age = now - (stat?.mtime?.getTime() ?? now);
    if (age < STALE_LOCK_MS) return false;
    await Deno.remove(slot.lock).catch(() => {});
    if (!await tryLock(slot.lock)) return false;
  }
  await Deno.remove(slot.dir, { recursive: true }).catch(() => {});
  await Deno.mkdir(slot.dir, { recursive: true });
  return true;
}

/** Mark the slot complete (the marker is written last) and release the lock. */
export async function markReady(slot: EnvSlot, record: unknown): Promise<void> {
  const temp = `${slot.marker}.tmp`;
  await Deno.writeTextFile(temp, JSON.stringify(record, null, 2));
  await Deno.rename(temp, slot.marker);
  await Deno.remove(slot.lock).catch(() => {});
}

/** Give the slot up without marking it: remove what was made and release the lock. */
export async function abandonSlot(slot: EnvSlot): Promise<void> {
  await Deno.remove(slot.dir, { recursive: true }).catch(() => {});
  await Deno.remove(slot.lock).catch(() => {});
}

/** Release the lock and leave what was made unmarked (the next claim removes it). */
export async function releaseSlot(slot: EnvSlot): Promise<void> {
  await Deno.remove(slot.lock).catch(() => {});
}
