/**
 * Types of the sandboxed executor.
 * @module
 */
import type { Evidence } from "../evidence.ts";

/** Options of one sandboxed command. */
export interface ExecOptions {
  /** Working directory; defaults to the snapshot root. Must lie inside the audit's area. */
  cwd?: string;
  /** Kill the whole process group after this many ms (TERM, then KILL). */
  timeoutMs?: number;
  /** Extra environment variables (their names are recorded, never their values). */
  env?: Record<string, string>;
  /** Names of variables of claimcheck's own environment to pass through when set (e.g. PIP_INDEX_URL). */
  passEnv?: readonly string[];
  /**
   * Allow network access; only dependency installation asks for it. Default false. `"pip"`: only
   * when one of pip's configured indexes or find-links is remote (all `file://` or paths: off).
   * Under bwrap the network is user-mode (slirp4netns, no host loopback); without it, off.
   */
  network?: boolean | "pip";
  /**
   * Directories inside the executor's `cache` that this command may write (install steps only:
   * the environment and pip cache of one cache key, one DENO_DIR), created when missing. Every
   * other part of the caches stays read-only, so one target's install cannot change what another
   * target's install reads. Default: none.
   */
  writeCache?: readonly string[];
  /** Extra paths the command may read (shown read-only by the sandbox). */
  visible?: readonly string[];
  /** Files the command is expected to produce, hashed into `evidence.artifacts` when present. */
  artifacts?: readonly string[];
}

/** The result of one command: its evidence and where its full output lies. */
export interface ExecResult {
  evidence: Evidence;
  /** Index of `evidence` in the calling check's evidence list. */
  index: number;
  /** Full stdout, streamed to a file in the audit's temporary area. */
  stdoutPath: string;
  /** Full stderr, streamed to a file in the audit's temporary area. */
  stderrPath: string;
}

/** A function that runs a command in the sandbox; it never throws for a failing command. */
export type Exec = (argv: string[], options?: ExecOptions) => Promise<Omit<ExecResult, "index">>;
