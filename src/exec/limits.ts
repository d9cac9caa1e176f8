/**
 * Resource limits of one sandboxed command (RLIMITs: this machine has cgroups v1 only).
 * @module
 */

/** Per-command resource limits. */
export interface Limits {
  /** RLIMIT_DATA in bytes: heap and private writable mappings (RLIMIT_AS would stop V8, which reserves >32 GiB). */
  memoryBytes: number;
  /** RLIMIT_NPROC: processes of the sandbox uid (counted across the machine). */
  processes: number;
  /** RLIMIT_FSIZE in bytes: the largest file a command may write. */
  fileBytes: number;
  /** RLIMIT_NOFILE: open file descriptors per process. */
  openFiles: number;
  /** Size of the private `/tmp` and `$HOME` (each a tmpfs) in bytes. */
  tmpBytes: number;
  /** What the writable directories (snapshot, scratch) may hold in all; a watchdog kills the command past it. */
  diskBytes: number;
}

const GiB = 1024 ** 3;

/** Defaults: 8 GiB memory, 512 processes, 2 GiB per file, 4096 open files, 1 GiB tmpfs, 8 GiB disk. */
export const DEFAULT_LIMITS: Limits = {
  memoryBytes: 8 * GiB,
  processes: 512,
  fileBytes: 2 * GiB,
  openFiles: 4096,
  tmpBytes: GiB,
  diskBytes: 8 * GiB,
};

/** The `prlimit` prefix that applies `limits` (soft and hard) to the command it runs. */
export function prlimitArgv(prlimit: string, limits: Limits): string[] {
  return [
    prlimit,
    `--data=${limits.memoryBytes}`,
    `--nproc=${limits.processes}`,
    `--fsize=${limits.fileBytes}`,
    `--nofile=${limits.openFiles}`,
    "--",
  ];
}

/** One line for the report: the limits in force. */
export function describeLimits(limits: Limits): string {
  const gib = (n: number) => `${+(n / GiB).toFixed(2)} GiB`;
  return `memory ${gib(limits.memoryBytes)} (RLIMIT_DATA), ${limits.processes} processes ` +
    `(RLIMIT_NPROC), files ≤ ${gib(limits.fileBytes)} (RLIMIT_FSIZE), ${limits.openFiles} open ` +
    `files, /tmp and HOME ${gib(limits.tmpBytes)} tmpfs each, disk ${
      gib(limits.diskBytes)
    } (watchdog)`;
}

/** Bytes the trees `dirs` take on disk (allocated blocks, so a sparse file counts what it uses). */
export async function diskUsage(dirs: readonly string[]): Promise<number> {
  const { stdout } = await new Deno.Command("du", {
    args: ["-s", "-c", "-x", "-B1", ...dirs],
    stdin: "null",
    stdout: "piped",
    stderr: "null",
  }).output();
  const total = new TextDecoder().decode(stdout).trim().split("\n").at(-1) ?? "";
  return Number(/^(\d+)\s+total$/.exec(total)?.[1] ?? 0);
}
