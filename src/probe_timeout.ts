/**
 * `--timeout` bounds every probe and `--install-timeout` every install step (creating a virtual
 * environment, and the probes that ask for the network): a check may ask for less, never for more.
 * @module
 */
import type { Exec, ExecOptions } from "./exec/types.ts";

/** The bounds, in ms. */
export interface ProbeTimeouts {
  /** Every probe without network. */
  probeMs: number;
  /** Every install step (see {@link isInstallStep}). */
  installMs: number;
}

/**
 * An install step: a probe that asks for the network (always, or the package index's) or may write
 * claimcheck's cache, or `<python> -m venv …`.
 */
export function isInstallStep(argv: readonly string[], options: ExecOptions): boolean {
  return (options.network !== undefined && options.network !== false) ||
    (options.writeCache ?? []).length > 0 || (argv[1] === "-m" && argv[2] === "venv");
}

/** `exec` with each command's timeout at most its bound (the bound when the command names none). */
export function capTimeouts(exec: Exec, { probeMs, installMs }: ProbeTimeouts): Exec {
  return (argv, options = {}) => {
    const max = isInstallStep(argv, options) ? installMs : probeMs;
    return exec(argv, { ...options, timeoutMs: Math.min(options.timeoutMs ?? max, max) });
  };
}
