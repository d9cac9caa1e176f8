/**
 * Detection of the sandbox this machine offers — bubblewrap (`bwrap`), else `unshare` with
 * `setpriv` — and the `unshare` wrapper of the fallback mode.
 * @module
 */
import { join } from "node:path";
import type { Isolation } from "../evidence.ts";
import { type BwrapTools, bwrapWrapper, type NetworkMode, systemEntries } from "./bwrap.ts";
import { writeEtc } from "./etc.ts";
import { DEFAULT_LIMITS } from "./limits.ts";
import { mountsToProtect, writableMountPoints } from "./mounts.ts";
import { findInPath } from "./preflight.ts";

/** The uid and gid target code runs as (it owns nothing of the host; no account of the host has it). */
export const SANDBOX_ID = 64000;

/** Tools the sandbox needs, as absolute paths; `null` when missing. */
export interface SandboxTools {
  unshare: string | null;
  /** `ip`, to bring loopback up in a namespace without network. */
  ip: string | null;
  /** `mount`, to make the filesystem read-only inside the mount namespace. */
  mount: string | null;
  /** `setpriv`, to drop to the sandbox uid with no capabilities and `no_new_privs`. */
  setpriv: string | null;
}

/** How one command is sandboxed. */
export interface Sandbox {
  tools: SandboxTools;
  /** Keep the network; without it the command gets a network namespace with only loopback. */
  network: boolean;
  /** Real paths of the directories that stay writable. */
  writable: readonly string[];
  /** Mount points besides `/` to remount read-only (see `mountsToProtect()`). */
  readOnly: readonly string[];
  /** The uid/gid to drop to with `setpriv` once the mounts are made; `null` keeps root (tests). */
  id: number | null;
  /** Put in front of `unshare` (the `prlimit` limits), if anything. */
  prefix?: readonly string[];
}

/** The argv that runs a command under an isolation mode. */
export interface Wrapped {
  /** What is put in front of the command's own argv (empty without isolation). */
  wrapper: string[];
  /** The full argv to spawn. */
  argv: string[];
}

/** Exit status of the wrapper when it cannot make the filesystem read-only (the command never runs). */
export const SANDBOX_EXIT_CODE = 125;

/**
 * Wraps `argv` so that it runs in new PID and mount namespaces (every process dies with it, even one
 * that called `setsid`), with the filesystem read-only except the `writable` directories, and, unless
 * `network` is true, in a new network namespace with only loopback up. Without a sandbox (`null`) the
 * command is left alone.
 *
 * Inside the mount namespace (private: nothing propagates back to the machine) each writable
 * directory is bound onto itself (`mount --rbind`), then `/` and each `readOnly` mount point are
 * remounted with `remount,bind,ro`, which keeps their other flags. `/proc`, `/sys` and `/dev` (with
 * `/dev/shm` and `/dev/null`) stay as they are. The working directory is entered again through the
 * binds. When a step fails, the wrapper prints, after `mount`'s own message, "claimcheck sandbox:
 * cannot make the filesystem read-only: <step> exited with <status>" on stderr and exits with
 * `SANDBOX_EXIT_CODE` instead of running the command.
 *
 * Limits: this stops writes by mistake or by naive code, not a determined attacker. The command still
 * runs as root with all capabilities, so it could remount `/` read-write, and `/proc/sys`, `/sys` and
 * the block devices in `/dev` stay writable to it. `readOnly` comes from the mount table read once
 * per process (`probeSandbox()`): a mount made later stays writable.
 */
export function wrapArgv(argv: readonly string[], sandbox: Sandbox | null): Wrapped {
  if (sandbox === null) return { wrapper: [], argv: [...argv] };
  const { tools, network } = sandbox;
  const wrapper = [
    ...sandbox.prefix ?? [],
    tools.unshare ?? "unshare",
    "--fork",
    "--pid",
    "--kill-child",
    "--mount-proc",
  ];
  if (!network) wrapper.push("--net");
  wrapper.push("--", "/bin/sh", "-c", sandboxScript(sandbox), "sh");
  return { wrapper, argv: [...wrapper, ...argv] };
}

/** The shell script that prepares the namespaces, then execs the command given as its arguments. */
function sandboxScript({ tools, network, writable, readOnly, id }: Sandbox): string {
  const mount = shellQuote(tools.mount ?? "mount");
  const steps = [
    `fail() { printf 'claimcheck sandbox: cannot make the filesystem read-only: %s\\n' "$1" >&2; exit ${SANDBOX_EXIT_CODE}; }`,
    `must() { "$@" || fail "$* exited with $?"; }`,
    ...writable.map((dir) => `must ${mount} --rbind ${shellQuote(dir)} ${shellQuote(dir)}`),
    ...["/", ...readOnly].map((point) => `must ${mount} -o remount,bind,ro ${shellQuote(point)}`),
    // The working directory was entered before the binds: enter it again, through them (cd sets
    // OLDPWD, which is no part of the command's environment).
    `cd "$PWD" 2>/dev/null || fail "cannot enter $PWD"`,
    "unset OLDPWD",
  ];
  if (!network && tools.ip) steps.push(`${shellQuote(tools.ip)} link set lo up 2>/dev/null`);
  const drop = id === null ? "" : [
    shellQuote(tools.setpriv ?? "setpriv"),
    `--reuid=${id} --regid=${id} --clear-groups --inh-caps=-all --bounding-set=-all --no-new-privs --`,
  ].join(" ") + " ";
  return [...steps, `exec ${drop}"$@"`].join("; ");
}

/** Quotes a string for POSIX sh. */
function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

const FALLBACK_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** What `probeSandbox()` found. */
export interface SandboxProbe {
  /** The best isolation that actually runs here: `bwrap`, else `unshare`, else `none`. */
  isolation: Isolation;
  tools: SandboxTools;
  /** bubblewrap's tools; `null` when one is missing. */
  bwrap: BwrapTools | null;
  /** The network an install gets under bwrap: `slirp4netns` when it works here, else `off`. */
  installNetwork: NetworkMode;
  /**
   * Whether target code under bwrap can create user namespaces: `disabled` when the inner bwrap
   * of `disableUserns` runs here, else `allowed`.
   */
  userns: "disabled" | "allowed";
  /** The read-write mount points of this machine, from `/proc/self/mountinfo`. */
  mountPoints: readonly string[];
}

let probed: Promise<SandboxProbe> | undefined;

/**
 * Finds the sandbox tools and runs the sandboxes once, cached for the process: isolation is `bwrap`
 * when a command in it runs as the sandbox uid; else `unshare` when a command in it (dropped to the
 * sandbox uid) could write in a writable directory and could not write beside it; else `none`.
 */
export function probeSandbox(): Promise<SandboxProbe> {
  probed ??= (async () => {
    const path = `${Deno.env.get("PATH") ?? ""}:${FALLBACK_PATH}`;
    const find = (name: string) => findInPath(name, path);
    const tools = {
      unshare: await find("unshare"),
      ip: await find("ip"),
      mount: await find("mount"),
      setpriv: await find("setpriv"),
    };
    const [bwrap, setpriv, prlimit, slirp4netns] = await Promise.all(
      ["bwrap", "setpriv", "prlimit", "slirp4netns"].map(find),
    );
    const bwrapTools = bwrap && setpriv && prlimit
      ? { bwrap, setpriv, prlimit, unshare: tools.unshare, slirp4netns: slirp4netns ?? null }
      : null;
    const mountPoints = writableMountPoints(
      await Deno.readTextFile("/proc/self/mountinfo").catch(() => ""),
    );
    const [noUserns, bwrapOff] = bwrapTools
      ? await Promise.all([
        bwrapWorks(bwrapTools, "off", true),
        bwrapWorks(bwrapTools, "off", false),
      ])
      : [false, false];
    const bwrapNet = bwrapTools?.slirp4netns && bwrapTools.unshare
      ? await bwrapWorks(bwrapTools, "slirp4netns", noUserns)
      : false;
    const installNetwork: NetworkMode = bwrapNet ? "slirp4netns" : "off";
    const userns = noUserns ? "disabled" as const : "allowed" as const;
    const probe = { tools, bwrap: bwrapTools, installNetwork, userns, mountPoints };
    if (bwrapOff) return { ...probe, isolation: "bwrap" };
    const works = tools.unshare !== null && tools.mount !== null && tools.setpriv !== null &&
      await readOnlyWorks(tools, mountPoints);
    return { ...probe, isolation: works ? "unshare" : "none" };
  })();
  return probed;
}

/**
 * Runs `id -u` under bwrap (with `network`, and `disableUserns`) in a scratch directory; true when
 * it printed the sandbox uid (with a network, when the namespace has the `tap0` interface
 * slirp4netns makes; with `disableUserns`, when `unshare --user` fails inside).
 */
async function bwrapWorks(
  tools: BwrapTools,
  network: NetworkMode,
  disableUserns: boolean,
): Promise<boolean> {
  const scratch = await Deno.realPath(await Deno.makeTempDir({ prefix: "claimcheck-probe-" }));
  try {
    const etcDir = join(scratch, "etc");
    const home = join(scratch, "home");
    await writeEtc(etcDir, SANDBOX_ID, home);
    const wrapper = bwrapWrapper({
      tools,
      id: SANDBOX_ID,
      disableUserns,
      system: await systemEntries(),
      etcDir,
      visible: [],
      writable: [],
      hidden: [],
      home,
      cwd: "/",
      network,
      limits: DEFAULT_LIMITS,
      scratch,
    });
    const check = [
      ...(network === "off" ? [] : ["grep -q tap0 /proc/net/dev"]),
      ...(disableUserns ? ["! unshare --user true 2>/dev/null"] : []),
      "id -u",
    ].join(" && ");
    const { success, stdout } = await new Deno.Command(wrapper[0]!, {
      args: [...wrapper.slice(1), "/bin/sh", "-c", check],
      stdin: "null",
      stdout: "piped",
      stderr: "null",
    }).output();
    return success && new TextDecoder().decode(stdout).trim() === String(SANDBOX_ID);
  } catch {
    return false;
  } finally {
    await Deno.remove(scratch, { recursive: true }).catch(() => {});
  }
}

/** Runs the sandbox on a scratch directory and checks that only its writable directory is writable. */
async function readOnlyWorks(
  tools: SandboxTools,
  mountPoints: readonly string[],
): Promise<boolean> {
  const scratch = await Deno.realPath(await Deno.makeTempDir({ prefix: "claimcheck-probe-" }));
  const [inside, beside] = [join(scratch, "writable"), join(scratch, "protected")];
  try {
    await Promise.all([Deno.mkdir(inside), Deno.mkdir(beside)]);
    await Promise.all([inside, beside].map((d) => Deno.chown(d, SANDBOX_ID, SANDBOX_ID)));
    const { argv } = wrapArgv(
      ["/bin/sh", "-c", `touch "$1/ok" && ! touch "$2/no" 2>/dev/null`, "sh", inside, beside],
      {
        tools,
        network: false,
        writable: [inside],
        readOnly: mountsToProtect(mountPoints, [inside]),
        id: SANDBOX_ID,
      },
    );
    const { success } = await new Deno.Command(argv[0]!, {
      args: argv.slice(1),
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).output();
    return success && await exists(join(inside, "ok")) && !await exists(join(beside, "no"));
  } catch {
    return false;
  } finally {
    await Deno.remove(scratch, { recursive: true }).catch(() => {});
  }
}

async function exists(path: string): Promise<boolean> {
  return await Deno.lstat(path).then(() => true, () => false);
}

/** The isolation this machine offers: `bwrap`, else `unshare`, when it actually runs; else `none`. */
export async function detectIsolation(): Promise<Isolation> {
  return (await probeSandbox()).isolation;
}
