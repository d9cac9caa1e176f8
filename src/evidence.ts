/**
 * Evidence: the record of one probe (one process the executor ran, or tried to run).
 * @module
 */
import { z } from "zod";

/**
 * How the executor isolated a process: `bwrap` (bubblewrap: unprivileged uid, constructed root),
 * `unshare` (namespaces, read-only host filesystem, dropped to an unprivileged uid), or `none`
 * (a process group only: `--unsafe-no-sandbox`, or target code was refused).
 */
export const IsolationSchema = z.enum(["bwrap", "unshare", "none"]);
/** How the executor isolated a process. */
export type Isolation = z.infer<typeof IsolationSchema>;

/** A file a probe produced, with size and content hash. */
export const ArtifactSchema = z.object({
  path: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string(),
});
/** A file a probe produced, with size and content hash. */
export type Artifact = z.infer<typeof ArtifactSchema>;

/** One recorded probe: enough to rerun it by hand and to see what it printed. */
export const EvidenceSchema = z.object({
  argv: z.array(z.string()),
  cwd: z.string(),
  /** Names of the environment variables the process received (never their values). */
  envKeys: z.array(z.string()),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  timedOut: z.boolean(),
  durationMs: z.number().nonnegative(),
  stdoutHead: z.string(),
  stdoutTail: z.string(),
  stderrHead: z.string(),
  stderrTail: z.string(),
  stdoutBytes: z.number().int().nonnegative(),
  stderrBytes: z.number().int().nonnegative(),
  /** sha256 of the full stdout followed by the full stderr. */
  outputSha256: z.string(),
  isolation: IsolationSchema,
  /** What the executor put in front of `argv` to sandbox it (e.g. the `unshare …` prefix), if anything. */
  wrapper: z.array(z.string()).optional(),
  /** The uid (and gid) the sandbox ran the command as: one per audit, when sandboxed. */
  sandboxUid: z.number().int().optional(),
  /** Whether the process could reach the network. */
  network: z.boolean(),
  /** How the network was provided when on: `slirp4netns` (user-mode, no host loopback) or `host`. */
  networkMode: z.enum(["off", "slirp4netns", "host"]).optional(),
  /** The limit the executor killed the process for (e.g. the disk cap), when it did. */
  limitExceeded: z.string().optional(),
  /** Why the process could not be started, when it could not. */
  startError: z.string().optional(),
  artifacts: z.array(ArtifactSchema).default([]),
});
/** One recorded probe. */
export type Evidence = z.infer<typeof EvidenceSchema>;
