/**
 * The sandboxed executor: the only place where target code runs.
 *
 * Each command runs, under bubblewrap (`bwrap`), as an unprivileged uid with no capabilities and
 * `no_new_privs`, in fresh namespaces, in a constructed root where only the system directories, a
 * minimal `/etc`, the interpreters and pip sources it needs (read-only), the snapshot and the
 * audit's scratch area (read-write), a private `/tmp` and an empty HOME are visible, under
 * RLIMITs (memory, processes, file size, open files). Where bwrap does not run, `unshare` with
 * `setpriv` is the fallback; with neither, target code is refused unless `unsafeNoSandbox` is set.
 * Every command gets an environment built from an allowlist, a timeout that kills the whole group,
 * and a record (Evidence) whether it ran or not. Output is drained completely: streamed to files,
 * hashed and counted, with only a bounded head and tail kept in memory.
 * @module
 */
import { join, resolve } from "node:path";
import type { Evidence, Isolation } from "../evidence.ts";
import { collectArtifacts } from "./artifacts.ts";
import { bwrapWrapper, type NetworkMode, systemEntries } from "./bwrap.ts";
import { buildEnv } from "./env.ts";
import { writeEtc } from "./etc.ts";
import {
  detectIsolation,
  probeSandbox,
  SANDBOX_ID,
  type SandboxProbe,
  wrapArgv,
} from "./isolation.ts";
import { DEFAULT_LIMITS, diskUsage, type Limits, prlimitArgv } from "./limits.ts";
import { mountsToProtect } from "./mounts.ts";
import { type Drain, drain, SequentialHash, StreamSink } from "./output.ts";
import { pipSources, pipVisibleDirs } from "./pip_indexes.ts";
import { findProgram, resolveCwd } from "./preflight.ts";
import { cacheOverlays, ownForSandbox, programRoots } from "./visible.ts";
import type { Exec } from "./types.ts";

export { detectIsolation };

/** Options of `createExecutor()`. */
export interface ExecutorOptions {
  /** Audit-owned temporary directory: output files, fake HOME, TMPDIR live below it. */
  tempRoot: string;
  /**
   * The snapshot root: the default cwd. A command's cwd must lie inside it or inside `tempRoot`
   * (anything else is a recorded `startError`).
   */
  snapshotRoot: string;
  /** Default timeout per command in ms. */
  defaultTimeoutMs: number;
  /** Head/tail bytes kept of each stream (default 16 KiB each). */
  keepBytes?: number;
  /** Force an isolation mode (tests; `none` runs unsandboxed); default: the best one detected. */
  isolation?: Isolation;
  /**
   * Caches shared between audits (e.g. claimcheck's pip cache and DENO_DIRs); created when missing.
   * Read-only to every command, except the parts an install step names in `writeCache`.
   */
  cache?: readonly string[];
  /** Paths every command may read (e.g. the prefixes of the interpreters the audit found). */
  visible?: readonly string[];
  /** Resource limits per command (defaults: `DEFAULT_LIMITS`). */
  limits?: Partial<Limits>;
  /** With no isolation available, run target code anyway (`--unsafe-no-sandbox`) instead of refusing. */
  unsafeNoSandbox?: boolean;
  /** Once aborted (the audit was stopped), running commands' groups are killed and none starts. */
  signal?: AbortSignal;
  /**
   * The uid and gid target code runs as (default `SANDBOX_ID`); an audit leases its own
   * (`leaseSandboxId()`), so that concurrent audits cannot reach each other's processes.
   */
  sandboxId?: number;
}

/** The start error of every command when no sandbox works here and `unsafeNoSandbox` is not set. */
export const NO_ISOLATION =
  "no isolation available: neither bubblewrap nor unshare with setpriv runs here (pass --unsafe-no-sandbox to run target code anyway)";

/** The start error of every command after the executor's `signal` aborted. */
export const AUDIT_STOPPED = "not run: the audit was stopped";

const DEFAULT_KEEP_BYTES = 16 * 1024;
/** Bytes of each stream written to its file; the rest is still counted and hashed. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Time between SIGTERM and SIGKILL on a timeout. */
const KILL_GRACE_MS = 2000;
/** After exit, how long the pipes may stay silent before the readers give up (an escaped holder). */
const DRAIN_IDLE_MS = 500;
/** After exit, how long the readers may go on at most (an escaped process still writing). */
const DRAIN_MAX_MS = 2000;
/** How often the disk watchdog measures the writable trees while a command runs. */
const DISK_POLL_MS = 1000;
/** sha256 of no bytes. */
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

interface Dirs {
  /** The executor's own directory below `tempRoot` (hidden from bwrap commands). */
  own: string;
  home: string;
  tmp: string;
  out: string;
  etc: string;
  /** Real paths of the snapshot and `tempRoot`. */
  writable: string[];
  /** Real paths of the caches. */
  cache: string[];
  /** What every command may read: `visible`, pip's local sources and config files. */
  visible: string[];
  /** Whether one of pip's sources is remote. */
  pipRemote: boolean;
  /** Where the per-audit writable parts of the caches live (see `cacheOverlays()`). */
  overlays: string;
}

/**
 * Creates the executor of one audit. The returned function never throws for a command that fails or
 * cannot start: it records `startError` (with `exitCode: null` and empty output) instead. It throws
 * only when it cannot record at all (`tempRoot` not writable, disk full) or cannot create a cache
 * directory.
 *
 * Evidence fields: `argv` is the command as given (`wrapper` holds the sandbox prefix, if any);
 * `stdoutTail` holds the bytes after `stdoutHead` (at most `keepBytes`), so head + tail is the whole
 * output when it is at most twice `keepBytes`; the files at `stdoutPath`/`stderrPath` hold the first
 * 64 MiB of each stream, while byte counts and `outputSha256` cover the full streams. Computing the
 * hash holds back stderr while stdout is open; `outputSha256` is `""` (not computed) when more than
 * 1 GiB of stderr came before stdout closed.
 *
 * Files the sandbox writes belong to the sandbox uid (`sandboxId`, recorded as each evidence's
 * `sandboxUid`); before each command the snapshot and the scratch area are handed to it (`chown`),
 * so the harness (root) still reads and removes everything.
 */
export function createExecutor(options: ExecutorOptions): Exec {
  const keepBytes = options.keepBytes ?? DEFAULT_KEEP_BYTES;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const uid = options.sandboxId ?? SANDBOX_ID;
  let dirs: Promise<Dirs> | undefined;
  let snapshotOwned = false;
  return async (argv, opts = {}) => {
    dirs ??= makeDirs(options, uid);
    const d = await dirs;
    const id = crypto.randomUUID();
    const stdoutPath = join(d.out, `${id}.stdout`);
    const stderrPath = join(d.out, `${id}.stderr`);
    const probe = await probeSandbox();
    const isolation = options.isolation ?? probe.isolation;
    const refused = isolation === "none" && options.isolation === undefined &&
      !options.unsafeNoSandbox;
    const wanted = opts.network === "pip" ? d.pipRemote : opts.network ?? false;
    const networkMode = refused ? "off" : networkOf(isolation, wanted, probe);
    const cwd = await resolveCwd(opts.cwd, [options.snapshotRoot, options.tempRoot]);
    const cwdText = cwd.ok ? cwd.value : resolve(options.snapshotRoot, opts.cwd ?? ".");
    const env = buildEnv({
      get: (name) => Deno.env.get(name),
      home: d.home,
      tmpDir: isolation === "bwrap" ? "/tmp" : d.tmp,
      pwd: cwdText,
      env: opts.env,
      passEnv: opts.passEnv,
    });
    const cacheParts = await writableCacheParts(opts.writeCache ?? [], d.cache);
    const program = refused
      ? { ok: false as const, error: NO_ISOLATION }
      : !cwd.ok
      ? cwd
      : !cacheParts.ok
      ? cacheParts
      : await findProgram(argv[0] ?? "", cwd.value, env.PATH ?? "");
    const writeCache = cacheParts.ok ? cacheParts.value : [];
    const writable = [...d.writable, ...writeCache];
    let wrapper: string[] = [];
    if (!refused && isolation !== "none") {
      const sandboxed = isolation === "unshare" || !snapshotOwned ? [options.snapshotRoot] : [];
      const overlays = isolation === "bwrap" && writeCache.length === 0
        ? await cacheOverlays(env, d.cache, d.overlays)
        : [];
      await ownForSandbox({
        snapshot: sandboxed,
        scratch: [options.tempRoot, ...writeCache],
        skip: [d.out, d.etc],
        id: uid,
      });
      snapshotOwned = true;
      wrapper = isolation === "bwrap"
        ? bwrapWrapper({
          tools: probe.bwrap!,
          id: uid,
          disableUserns: probe.userns === "disabled",
          system: await systemEntries(),
          etcDir: d.etc,
          visible: [
            ...d.visible,
            ...d.cache,
            ...opts.visible ?? [],
            ...(program.ok ? await programRoots(program.value) : []),
          ],
          writable,
          overlays,
          hidden: [d.own],
          home: d.home,
          cwd: cwdText,
          network: networkMode === "slirp4netns" ? "slirp4netns" : "off",
          limits,
          scratch: d.own,
        })
        : wrapArgv([], {
          tools: probe.tools,
          network: networkMode !== "off",
          writable,
          readOnly: mountsToProtect(probe.mountPoints, writable),
          id: uid,
          prefix: prlimitArgv(probe.bwrap?.prlimit ?? "prlimit", limits),
        }).wrapper;
    }
    const base = {
      argv: [...argv],
      cwd: cwdText,
      envKeys: Object.keys(env).sort(),
      isolation,
      network: networkMode !== "off",
      networkMode,
      ...(wrapper.length > 0 ? { wrapper, sandboxUid: uid } : {}),
    };
    const stdoutFile = await Deno.open(stdoutPath, { write: true, createNew: true });
    const stderrFile = await Deno.open(stderrPath, { write: true, createNew: true });
    const unstarted = options.signal?.aborted ? AUDIT_STOPPED : program.ok ? null : program.error;
    if (unstarted !== null) {
      stdoutFile.close();
      stderrFile.close();
      return { evidence: notStarted(base, unstarted), stdoutPath, stderrPath };
    }
    const run = await runCommand({
      argv: [...wrapper, ...argv],
      cwd: cwdText,
      env,
      timeoutMs: opts.timeoutMs ?? options.defaultTimeoutMs,
      stdout: new StreamSink(stdoutFile, keepBytes, MAX_FILE_BYTES),
      stderr: new StreamSink(stderrFile, keepBytes, MAX_FILE_BYTES),
      spillPath: join(d.out, `${id}.stderr-spill`),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(wrapper.length > 0 ? { overLimit: diskWatch(writable, limits.diskBytes) } : {}),
    });
    if ("startError" in run) {
      return { evidence: notStarted(base, run.startError), stdoutPath, stderrPath };
    }
    const evidence: Evidence = {
      ...base,
      ...run,
      artifacts: await collectArtifacts(opts.artifacts ?? [], cwdText),
    };
    return { evidence, stdoutPath, stderrPath };
  };
}

/**
 * The real paths of the `parts` of the caches a command may write, each created when missing;
 * an error naming the first whose real path lies outside every cache (or is a cache as a whole).
 */
async function writableCacheParts(
  parts: readonly string[],
  caches: readonly string[],
): Promise<{ ok: true; value: string[] } | { ok: false; error: string }> {
  const value: string[] = [];
  for (const part of parts) {
    const real = await realDir(part);
    if (!caches.some((cache) => real.startsWith(`${cache}/`))) {
      return { ok: false, error: `Cannot write ${part}: not a part of a cache (${real})` };
    }
    value.push(real);
  }
  return { ok: true, value };
}

/** The disk watchdog: a reason once the `writable` trees hold more than `cap` bytes, else null. */
function diskWatch(writable: readonly string[], cap: number): () => Promise<string | null> {
  return async () => {
    const used = await diskUsage(writable);
    return used > cap
      ? `disk: the writable directories hold ${used} bytes, over the cap of ${cap}`
      : null;
  };
}

/** The network a command gets: bwrap's user-mode network, the host's (`unshare`, `none`), or off. */
function networkOf(
  isolation: Isolation,
  wanted: boolean,
  probe: SandboxProbe,
): NetworkMode | "host" {
  if (isolation === "none") return "host";
  if (!wanted) return "off";
  return isolation === "bwrap" ? probe.installNetwork : "host";
}

/**
 * Creates the executor's own directory below `tempRoot` (output files, the generated `/etc`, HOME
 * and TMPDIR for the fallback modes), the caches, and learns pip's local sources.
 */
async function makeDirs(options: ExecutorOptions, uid: number): Promise<Dirs> {
  const { tempRoot, snapshotRoot } = options;
  await Deno.mkdir(tempRoot, { recursive: true });
  // One name per audit (reports then read alike from run to run); another executor sharing the
  // scratch area gets a fresh one.
  const own = await Deno.mkdir(join(tempRoot, ".sandbox")).then(
    () => join(tempRoot, ".sandbox"),
    (error) => {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
      return Deno.makeTempDir({ dir: tempRoot, prefix: ".sandbox-" });
    },
  );
  const [home, tmp, out, etc] = ["home", "tmp", "out", "etc"].map((name) => join(own, name));
  await Promise.all([home, tmp, out].map((dir) => Deno.mkdir(dir!)));
  const overlays = join(tempRoot, ".cache-overlays");
  await writeEtc(etc!, uid, home!);
  const writable = await Promise.all([snapshotRoot, tempRoot].map(realDir));
  const cache = await Promise.all((options.cache ?? []).map(realDir));
  const pip = await pipSources((name) => Deno.env.get(name));
  return {
    own,
    home: home!,
    tmp: tmp!,
    out: out!,
    etc: etc!,
    writable: [...new Set(writable)],
    cache: [...new Set(cache)],
    visible: [...options.visible ?? [], ...pipVisibleDirs(pip), ...pip.configFiles],
    pipRemote: pip.remote.length > 0,
    overlays,
  };
}

/** Creates `dir` when missing and returns its real path. */
async function realDir(dir: string): Promise<string> {
  try {
    await Deno.mkdir(dir, { recursive: true });
    return await Deno.realPath(dir);
  } catch (error) {
    throw new Error(`Cannot prepare directory ${dir}: ${errorMessage(error)}`);
  }
}

type EvidenceBase = Pick<
  Evidence,
  "argv" | "cwd" | "envKeys" | "isolation" | "network" | "networkMode" | "wrapper" | "sandboxUid"
>;

/** Evidence of a command that could not start. */
function notStarted(base: EvidenceBase, startError: string): Evidence {
  return {
    ...base,
    exitCode: null,
    signal: null,
    timedOut: false,
    durationMs: 0,
    stdoutHead: "",
    stdoutTail: "",
    stderrHead: "",
    stderrTail: "",
    stdoutBytes: 0,
    stderrBytes: 0,
    outputSha256: EMPTY_SHA256,
    startError,
    artifacts: [],
  };
}

interface RunInput {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  stdout: StreamSink;
  stderr: StreamSink;
  spillPath: string;
  /** Polled while the command runs; a reason kills the group (the disk watchdog). */
  overLimit?: () => Promise<string | null>;
  /** Kills the group at once when it aborts. */
  signal?: AbortSignal;
}

type RunOutcome = Pick<
  Evidence,
  | "exitCode"
  | "signal"
  | "timedOut"
  | "durationMs"
  | "stdoutHead"
  | "stdoutTail"
  | "stderrHead"
  | "stderrTail"
  | "stdoutBytes"
  | "stderrBytes"
  | "outputSha256"
  | "limitExceeded"
>;

/** Spawns `argv` in its own process group, drains its output, and enforces the timeout. */
async function runCommand(input: RunInput): Promise<RunOutcome | { startError: string }> {
  let child: Deno.ChildProcess;
  const start = performance.now();
  try {
    child = new Deno.Command(input.argv[0]!, {
      args: input.argv.slice(1),
      cwd: input.cwd,
      env: input.env,
      clearEnv: true,
      detached: true,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
  } catch (error) {
    input.stdout.close();
    input.stderr.close();
    return { startError: `Cannot start ${input.argv[0]}: ${errorMessage(error)}` };
  }
  const hash = new SequentialHash(input.spillPath);
  let lastOutput = performance.now();
  const stdout = drain(child.stdout, (chunk) => {
    lastOutput = performance.now();
    hash.first(chunk);
    return input.stdout.write(chunk);
  });
  const stdoutDone = stdout.done.then((error) => {
    hash.endFirst();
    return error;
  });
  const stderr = drain(child.stderr, async (chunk) => {
    lastOutput = performance.now();
    await hash.second(chunk);
    await input.stderr.write(chunk);
  });

  let ended: Ended;
  let exceeded: string | null = null;
  let stop = () => {};
  const stopped = new Promise<true>((resolve) => stop = () => resolve(true));
  const abort = () => killGroup(child.pid, "SIGKILL");
  input.signal?.addEventListener("abort", abort, { once: true });
  if (input.signal?.aborted) abort();
  const watching = (async () => {
    while (input.overLimit && !(await within(stopped, DISK_POLL_MS))) {
      exceeded = await input.overLimit();
      if (exceeded !== null) {
        killGroup(child.pid, "SIGKILL");
        break;
      }
    }
  })();
  try {
    ended = await waitForExit(child, input.timeoutMs);
  } finally {
    input.signal?.removeEventListener("abort", abort);
    stop();
    await watching;
    // Whatever the command left behind in its group goes too (a no-op when the group is empty).
    killGroup(child.pid, "SIGKILL");
    await settle([stdout, stderr], () => lastOutput);
  }
  const failed = (await stdoutDone) ?? (await stderr.done);
  const out = input.stdout.close();
  const err = input.stderr.close();
  if (failed) {
    throw new Error(`Cannot record the output of ${input.argv.join(" ")}: ${failed.message}`);
  }
  return {
    exitCode: ended.status.signal ? null : ended.status.code,
    signal: ended.status.signal ?? ended.sent,
    timedOut: ended.sent !== null,
    durationMs: ended.at - start,
    stdoutHead: out.head,
    stdoutTail: out.tail,
    stderrHead: err.head,
    stderrTail: err.tail,
    stdoutBytes: out.bytes,
    stderrBytes: err.bytes,
    outputSha256: await hash.digest(),
    ...(exceeded !== null ? { limitExceeded: exceeded } : {}),
  };
}

interface Ended {
  status: Deno.CommandStatus;
  /** performance.now() when the exit was seen. */
  at: number;
  /** The last signal sent on a timeout; `null` when the command ended in time. */
  sent: Deno.Signal | null;
}

/** Waits for the child to exit; on timeout sends SIGTERM to its group, then SIGKILL after a grace. */
async function waitForExit(child: Deno.ChildProcess, timeoutMs: number): Promise<Ended> {
  let status = await within(child.status, timeoutMs);
  if (status) return { status, at: performance.now(), sent: null };
  killGroup(child.pid, "SIGTERM");
  status = await within(child.status, KILL_GRACE_MS);
  if (status) return { status, at: performance.now(), sent: "SIGTERM" };
  killGroup(child.pid, "SIGKILL");
  status = await child.status;
  return { status, at: performance.now(), sent: "SIGKILL" };
}

/** Resolves to `promise`'s value, or `undefined` when it takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, ms));
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Waits for the drains to finish after the process group is gone. A process that escaped the kill may
 * hold the pipes open: when they stay silent for `DRAIN_IDLE_MS`, or still flow after `DRAIN_MAX_MS`,
 * the readers are cancelled.
 */
async function settle(drains: readonly Drain[], lastOutput: () => number): Promise<void> {
  const finished = Promise.all(drains.map((d) => d.done)).then(() => true);
  const start = performance.now();
  while (!(await within(finished, DRAIN_IDLE_MS / 5))) {
    const now = performance.now();
    if (now - lastOutput() >= DRAIN_IDLE_MS || now - start >= DRAIN_MAX_MS) {
      await Promise.all(drains.map((d) => d.cancel()));
      break;
    }
  }
  await finished;
}

/** Sends `signal` to the process group `pgid`; a group that is already gone is fine. */
function killGroup(pgid: number, signal: Deno.Signal): void {
  try {
    Deno.kill(-pgid, signal);
  } catch {
    // ESRCH: nothing left to signal.
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
