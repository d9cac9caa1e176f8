/**
 * `--timeout` bounds every probe and `--install-timeout` every install step (the probes that ask for
 * the network): a check may ask for less, never for more.
 * @module
 */
import type { Exec } from "./exec/types.ts";

/** The bounds, in ms. */
export interface ProbeTimeouts {
  /** Every probe without network. */
  probeMs: number;
  /** Every install step (a probe with `network: true`). */
  installMs: number;
}

/** `exec` with each command's timeout at most its bound (the bound when the command names none). */
export function capTimeouts(exec: Exec, { probeMs, installMs }: ProbeTimeouts): Exec {
  return (argv, options = {}) => {
    const max = options.network ? installMs : probeMs;
    return exec(argv, { ...options, timeoutMs: Math.min(options.timeoutMs ?? max, max) });
  };
}
