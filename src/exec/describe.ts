/**
 * The sandbox as the audit sees it: what the report says about it, and the host paths every
 * command of an audit may read.
 * @module
 */
import type { Facts } from "../facts.ts";
import { probeSandbox, SANDBOX_ID } from "./isolation.ts";
import { DEFAULT_LIMITS, describeLimits } from "./limits.ts";
import { installRoot } from "./visible.ts";

/**
 * The report's `environment.isolation`: which isolation, as which uid (`id`, the audit's own),
 * whether nested user namespaces are disabled, which network for installs, which limits.
 */
export async function describeSandbox(
  unsafeNoSandbox: boolean,
  id: number = SANDBOX_ID,
): Promise<string> {
  const probe = await probeSandbox();
  const limits = describeLimits(DEFAULT_LIMITS);
  switch (probe.isolation) {
    case "bwrap":
      return `bwrap: uid ${id}, this audit's own (a real uid that owns nothing, so RLIMIT_NPROC counts it) with no capabilities and no_new_privs in new pid, mount, ipc, uts, cgroup and network namespaces; ${
        probe.userns === "disabled"
          ? "no user namespace can be created inside (bwrap --disable-userns)"
          : "user namespaces can still be created inside (bwrap --disable-userns does not run here)"
      }; a constructed root (read-only /usr, /bin, /lib*, a minimal /etc, the interpreters and pip sources; the snapshot and scratch area read-write; private /tmp and HOME); the cache read-only except to installs; network off except installs (${
        probe.installNetwork === "slirp4netns"
          ? "slirp4netns, host loopback unreachable; off when pip's indexes are local"
          : "off: no user-mode network works here"
      }); ${limits}`;
    case "unshare":
      return `unshare: uid ${id}, this audit's own (setpriv: no capabilities, no_new_privs) in own PID, mount and network namespaces; host filesystem visible but read-only outside the snapshot and scratch area (the cache writable to installs only); network off except installs (host network); ${limits}`;
    case "none":
      return unsafeNoSandbox
        ? "none (--unsafe-no-sandbox): process group only; network on; filesystem writable"
        : "refused: no isolation available; target code was not run";
  }
}

/** Host paths every command of the audit may read: the installations of the interpreters found. */
export function sandboxVisible(facts: Pick<Facts, "interpreters">): string[] {
  const paths = Object.values(facts.interpreters).flatMap((tool) =>
    tool && tool.path.startsWith("/") ? [installRoot(tool.path) ?? []].flat() : []
  );
  return [...new Set(paths)];
}
