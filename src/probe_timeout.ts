/**
 * `--timeout` bounds every probe, installs included: a check may ask for less, never for more.
 * @module
 */
import type { Exec } from "./exec/types.ts";

/** `exec` with each command's timeout at most `maxMs` (and `maxMs` when the command names none). */
export function capTimeouts(exec: Exec, maxMs: number): Exec {
  return (argv, options = {}) =>
    exec(argv, { ...options, timeoutMs: Math.min(options.timeoutMs ?? maxMs, maxMs) });
}
