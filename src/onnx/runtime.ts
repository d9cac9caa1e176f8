/**
 * Where the model worker and everything it reads live, as explicit paths (so a sandbox that hides
 * the host can show exactly these, read-only), and the argv and environment that run it.
 * @module
 */
import { fileURLToPath as fromFileUrl } from "node:url";
import type { Facts } from "../facts.ts";
import type { WorkerRequest } from "./protocol.ts";

/** The paths the worker needs besides the snapshot. */
export interface WorkerRuntime {
  /** The deno binary. */
  deno: string;
  /** The worker script. */
  script: string;
  /** claimcheck's own `deno.json` (its import map and lockfile pin onnxruntime-node). */
  config: string;
  /** claimcheck's own `deno.lock`. */
  lock: string;
  /** The DENO_DIR whose npm cache already holds onnxruntime-node (the worker never downloads). */
  denoDir: string;
}

/**
 * The DENO_DIR claimcheck itself runs with: `$DENO_DIR`, else deno's default on Linux and macOS
 * (`$XDG_CACHE_HOME/deno`, `$HOME/.cache/deno`, `$HOME/Library/Caches/deno`).
 */
export function hostDenoDir(
  get: (name: string) => string | undefined = (n) => Deno.env.get(n),
  os: string = Deno.build.os,
): string {
  const dir = get("DENO_DIR");
  if (dir) return dir;
  if (os === "darwin") return `${get("HOME") ?? ""}/Library/Caches/deno`;
  const xdg = get("XDG_CACHE_HOME");
  return xdg ? `${xdg}/deno` : `${get("HOME") ?? ""}/.cache/deno`;
}

/** The worker's paths for an audit of `facts`: its deno (else this one), this checkout's files. */
export function workerRuntime(facts: Pick<Facts, "interpreters">): WorkerRuntime {
  const here = (path: string) => fromFileUrl(new URL(path, import.meta.url));
  return {
    deno: facts.interpreters.deno?.path ?? Deno.execPath(),
    script: here("./worker.ts"),
    config: here("../../deno.json"),
    lock: here("../../deno.lock"),
    denoDir: hostDenoDir(),
  };
}

/**
 * The paths a sandbox must show the worker read-only (the snapshot aside): the deno binary, this
 * folder (the worker and the modules it imports), claimcheck's deno.json and deno.lock, and the
 * DENO_DIR whose `npm/` cache holds onnxruntime-node, onnxruntime-common and zod.
 */
export function workerVisiblePaths(runtime: WorkerRuntime): string[] {
  return [
    runtime.deno,
    fromFileUrl(new URL("./", import.meta.url)),
    runtime.config,
    runtime.lock,
    runtime.denoDir,
  ];
}

/**
 * The worker's argv: deno with read access to the snapshot (and its own status in /proc) and FFI,
 * nothing else; modules from the cache only.
 */
export function workerArgv(runtime: WorkerRuntime, root: string, request: WorkerRequest): string[] {
  return [
    runtime.deno,
    "run",
    `--allow-read=${root},/proc/self/status`,
    "--allow-ffi",
    "--cached-only",
    "--no-prompt",
    `--config=${runtime.config}`,
    runtime.script,
    JSON.stringify(request),
  ];
}

/** The worker's environment: the DENO_DIR with onnxruntime-node, no update check, no colour. */
export function workerEnv(runtime: WorkerRuntime): Record<string, string> {
  return { DENO_DIR: runtime.denoDir, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
}
