/**
 * Detection of the namespace sandbox (`unshare`) and the wrapper it puts in front of a command.
 * @module
 */
import type { Isolation } from "../evidence.ts";
import { findInPath } from "./preflight.ts";

/** Tools the sandbox needs, as absolute paths; `null` when missing. */
export interface SandboxTools {
  unshare: string | null;
  /** `ip`, to bring loopback up in a namespace without network. */
  ip: string | null;
}

/** The argv that runs a command under an isolation mode. */
export interface Wrapped {
  /** What is put in front of the command's own argv (empty without isolation). */
  wrapper: string[];
  /** The full argv to spawn. */
  argv: string[];
}

/**
 * Wraps `argv` so that it runs in new PID and mount namespaces (every process dies with it, even one that
 * called `setsid`) and, unless `network` is true, a new network namespace with only loopback up.
 */
export function wrapArgv(
  argv: readonly string[],
  isolation: Isolation,
  network: boolean,
  tools: SandboxTools,
): Wrapped {
  if (isolation === "none") return { wrapper: [], argv: [...argv] };
  const wrapper = [tools.unshare ?? "unshare", "--fork", "--pid", "--kill-child", "--mount-proc"];
  if (!network) {
    wrapper.push("--net", "--");
    const loopback = tools.ip ? `${shellQuote(tools.ip)} link set lo up 2>/dev/null; ` : "";
    wrapper.push("/bin/sh", "-c", `${loopback}exec "$@"`, "sh");
  } else {
    wrapper.push("--");
  }
  return { wrapper, argv: [...wrapper, ...argv] };
}

/** Quotes a string for POSIX sh. */
function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

const FALLBACK_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

let probed: Promise<{ isolation: Isolation; tools: SandboxTools }> | undefined;

/** Finds the sandbox tools and runs the sandbox once; cached for the process. */
export function probeSandbox(): Promise<{ isolation: Isolation; tools: SandboxTools }> {
  probed ??= (async () => {
    const path = `${Deno.env.get("PATH") ?? ""}:${FALLBACK_PATH}`;
    const tools = { unshare: await findInPath("unshare", path), ip: await findInPath("ip", path) };
    if (!tools.unshare) return { isolation: "none" as const, tools };
    try {
      const { success } = await new Deno.Command(tools.unshare, {
        args: ["--fork", "--pid", "--kill-child", "--mount-proc", "--net", "--", "true"],
        stdin: "null",
        stdout: "null",
        stderr: "null",
      }).output();
      return { isolation: success ? "unshare" as const : "none" as const, tools };
    } catch {
      return { isolation: "none" as const, tools };
    }
  })();
  return probed;
}

/** The isolation this machine offers: `unshare` when a namespace sandbox actually runs, else `none`. */
export async function detectIsolation(): Promise<Isolation> {
  return (await probeSandbox()).isolation;
}
