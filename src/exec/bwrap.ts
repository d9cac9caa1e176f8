/**
 * The bubblewrap sandbox: the argv that runs a command as an unprivileged uid (a real uid of the
 * machine that owns nothing, so RLIMIT_NPROC counts it) in fresh pid, mount, ipc, uts, cgroup and
 * network namespaces, with every capability dropped and `no_new_privs`, under RLIMITs, in a
 * constructed root in which only the listed directories are visible.
 *
 * bwrap itself runs as root (it resolves the bind sources, e.g. a pyenv interpreter below `/root`,
 * which the sandbox uid could not reach), without a user namespace; inside, `setpriv` drops to the
 * sandbox uid, clears the groups, the bounding and inheritable capability sets, and sets
 * `no_new_privs` before the command runs. With `disableUserns`, a second bwrap, run by the sandbox
 * uid itself, puts the command in a user namespace that maps only that uid and in which no further
 * user namespace can be made (`--disable-userns`): the target cannot gain a namespace's
 * capabilities to mount or unshare anything.
 * @module
 */
import { GENERATED_ETC, HOST_ETC } from "./etc.ts";
import { type Limits, prlimitArgv } from "./limits.ts";

/** Absolute paths of the programs the sandbox uses. */
export interface BwrapTools {
  bwrap: string;
  setpriv: string;
  prlimit: string;
  /** `unshare` and `slirp4netns` give an install its user-mode network; `null` when missing. */
  unshare: string | null;
  slirp4netns: string | null;
}

/** A top-level system path of the host: a directory (bound read-only) or a symlink (recreated). */
export interface SystemEntry {
  path: string;
  /** The symlink's target, when the host has a symlink there (`/bin -> usr/bin`). */
  link?: string;
}

/** How a command's network is isolated: none at all, or a user-mode network without host loopback. */
export type NetworkMode = "off" | "slirp4netns";

/** Everything `bwrapArgv()` needs to sandbox one command. */
export interface BwrapSpec {
  tools: BwrapTools;
  /** The sandbox uid and gid, outside and inside. */
  id: number;
  /** Run the command where it can create no user namespace (see the module's doc). */
  disableUserns?: boolean;
  system: readonly SystemEntry[];
  /** Directory with the generated `/etc` files (`passwd`, `group`, `hostname`). */
  etcDir: string;
  /** Shown read-only (missing ones are skipped). */
  visible: readonly string[];
  /** Shown read-write at the same path. */
  writable: readonly string[];
  /** Covered by an empty tmpfs (private parts of a writable directory). */
  hidden: readonly string[];
  /** Writable directories bound over a path inside a read-only one (`source` shown at `dest`). */
  overlays?: readonly { source: string; dest: string }[];
  /** The command's HOME: a fresh, empty, size-capped tmpfs. */
  home: string;
  cwd: string;
  network: NetworkMode;
  limits: Limits;
  /** A private directory of the harness for the network helper's fifos (network `slirp4netns`). */
  scratch: string;
}

/** Depth of a path (parents are mounted before what lies inside them). */
function depth(path: string): number {
  return path.split("/").filter((s) => s !== "").length;
}

function byDepth(paths: readonly string[]): string[] {
  return [...new Set(paths)].sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
}

function isWithin(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith("/") ? dir : `${dir}/`);
}

/**
 * The directories bwrap must create (mode 0755, so the sandbox uid can pass) on the way to the mount
 * points: every ancestor of a mount point that is not itself a mount point or inside one (those
 * exist already and keep their own modes), nor a system path or `/etc`.
 */
export function mountParents(mountPoints: readonly string[], fixed: readonly string[]): string[] {
  const parents = new Set<string>();
  for (const point of mountPoints) {
    const parts = point.split("/").filter((s) => s !== "");
    for (let i = 1; i < parts.length; i++) {
      const parent = `/${parts.slice(0, i).join("/")}`;
      if (parent === "/tmp") continue;
      if ([...mountPoints, ...fixed].some((m) => isWithin(parent, m))) continue;
      parents.add(parent);
    }
  }
  return byDepth([...parents]);
}

/** The bwrap arguments (without the program and the command) for `spec`. */
export function bwrapArgs(spec: BwrapSpec): string[] {
  const args = [
    "--unshare-ipc",
    "--unshare-pid",
    "--unshare-uts",
    "--unshare-cgroup-try",
    ...(spec.network === "off" ? ["--unshare-net"] : []),
    "--die-with-parent",
    "--new-session",
    "--hostname",
    "sandbox",
  ];
  for (const entry of spec.system) {
    args.push(
      ...(entry.link
        ? ["--symlink", entry.link, entry.path]
        : ["--ro-bind", entry.path, entry.path]),
    );
  }
  const size = String(spec.limits.tmpBytes);
  args.push(
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--perms",
    "1777",
    "--size",
    size,
    "--tmpfs",
    "/tmp",
    // POSIX shared memory (multiprocessing's locks and queues) needs a writable /dev/shm.
    "--perms",
    "1777",
    "--size",
    size,
    "--tmpfs",
    "/dev/shm",
  );
  const points = [...spec.visible, ...spec.writable, ...spec.hidden, spec.home];
  const fixed = ["/etc", "/proc", "/dev", ...spec.system.map((e) => e.path)];
  for (const dir of mountParents(points, fixed)) args.push("--perms", "0755", "--dir", dir);
  args.push("--dir", "/etc");
  const etcParents = new Set(HOST_ETC.map((path) => path.slice(0, path.lastIndexOf("/"))));
  for (const dir of etcParents) if (dir !== "/etc") args.push("--perms", "0755", "--dir", dir);
  const generated = new Set<string>(GENERATED_ETC.map((name) => `/etc/${name}`));
  for (const path of HOST_ETC) if (!generated.has(path)) args.push("--ro-bind-try", path, path);
  for (const name of GENERATED_ETC) {
    args.push("--ro-bind", `${spec.etcDir}/${name}`, `/etc/${name}`);
  }
  for (const path of byDepth(spec.visible)) args.push("--ro-bind-try", path, path);
  for (const path of byDepth(spec.writable)) args.push("--bind", path, path);
  for (const { source, dest } of spec.overlays ?? []) args.push("--bind", source, dest);
  for (const path of byDepth(spec.hidden)) args.push("--tmpfs", path);
  // A tmpfs belongs to root: mode 0777 lets the sandbox uid (the only user inside) write its HOME.
  args.push("--perms", "0777", "--size", size, "--tmpfs", spec.home);
  args.push("--chdir", spec.cwd);
  return args;
}

/**
 * The shell script that gives a command a user-mode network: a new network namespace (as root,
 * with `unshare --net`), `slirp4netns` attached to it with the host's loopback unreachable
 * (`--disable-host-loopback`), then the command, started only once the network is up. Arguments:
 * scratch dir, slirp4netns, unshare, then the command.
 */
export const SLIRP_SCRIPT = [
  `d="$1"; slirp="$2"; unshare="$3"; shift 3`,
  `mkfifo "$d/ready" "$d/go" "$d/net" || exit 125`,
  `"$unshare" --net -- /bin/sh -c 'echo $$ > "$1/ready"; read _ < "$1/go"; shift; exec "$@"' sh "$d" "$@" &`,
  `child=$!`,
  `read pid < "$d/ready"`,
  `"$slirp" --configure --disable-host-loopback --mtu 65520 --ready-fd 3 "$pid" tap0 3>"$d/net" >/dev/null 2>&1 &`,
  `net=$!`,
  `[ "$(head -c 1 < "$d/net")" = 1 ] || echo "claimcheck sandbox: slirp4netns did not start; no network" >&2`,
  `echo go > "$d/go"`,
  `wait "$child"; status=$?`,
  `kill "$net" 2>/dev/null; rm -f "$d/ready" "$d/go" "$d/net"`,
  `exit "$status"`,
].join("\n");

/**
 * The wrapper put in front of a command: `prlimit` (the limits), `bwrap`, then `setpriv` (to the
 * sandbox uid, no groups, no capabilities, `no_new_privs`); behind the slirp4netns script when the
 * network is on.
 */
export function bwrapWrapper(spec: BwrapSpec): string[] {
  const { tools, id } = spec;
  const inner = [
    ...prlimitArgv(tools.prlimit, spec.limits),
    tools.bwrap,
    ...bwrapArgs(spec),
    "--",
    tools.setpriv,
    `--reuid=${id}`,
    `--regid=${id}`,
    "--clear-groups",
    "--inh-caps=-all",
    "--bounding-set=-all",
    "--no-new-privs",
    "--",
    ...(spec.disableUserns ? noUsernsArgv(tools.bwrap, id) : []),
  ];
  if (spec.network === "off") return inner;
  return [
    "/bin/sh",
    "-c",
    SLIRP_SCRIPT,
    "sh",
    spec.scratch,
    tools.slirp4netns ?? "slirp4netns",
    tools.unshare ?? "unshare",
    ...inner,
  ];
}

/**
 * The inner bwrap of `disableUserns`, run by the sandbox uid: a user namespace mapping only `id`,
 * the constructed root shown again as it is (`/dev` with its devices, `/proc` of the pid
 * namespace), and no user namespace below it.
 */
export function noUsernsArgv(bwrap: string, id: number): string[] {
  return [
    bwrap,
    "--unshare-user",
    "--disable-userns",
    "--uid",
    String(id),
    "--gid",
    String(id),
    "--die-with-parent",
    "--bind",
    "/",
    "/",
    "--dev-bind",
    "/dev",
    "/dev",
    "--bind",
    "/proc",
    "/proc",
    "--",
  ];
}

/** The host's top-level system paths the constructed root shows: `/usr`, `/bin`, `/sbin`, `/lib*`. */
export async function systemEntries(): Promise<SystemEntry[]> {
  const names = ["usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32"];
  const entries: SystemEntry[] = [];
  for (const name of names) {
    const path = `/${name}`;
    const info = await Deno.lstat(path).catch(() => undefined);
    if (!info) continue;
    if (info.isSymlink) entries.push({ path, link: await Deno.readLink(path) });
    else if (info.isDirectory) entries.push({ path });
  }
  return entries;
}
