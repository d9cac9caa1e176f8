/**
 * Reading a probe's recorded output.
 * @module
 */
import type { Evidence } from "../evidence.ts";

/** The kept text of one stream: its head and, after it, its tail. */
export function keptOutput(e: Evidence, stream: "stdout" | "stderr"): string {
  return stream === "stdout" ? e.stdoutHead + e.stdoutTail : e.stderrHead + e.stderrTail;
}

/**
 * Why a probe failed, in one line: its start error, a timeout, or the last non-empty line of its
 * stderr (else stdout), else its exit code.
 */
export function failureLine(e: Evidence): string {
  if (e.startError) return e.startError;
  if (e.timedOut) return `timed out after ${Math.round(e.durationMs / 1000)} s`;
  for (const stream of ["stderr", "stdout"] as const) {
    const line = keptOutput(e, stream).trim().split("\n").at(-1)?.trim();
    if (line) return line;
  }
  return e.signal ? `killed by ${e.signal}` : `exit ${e.exitCode}`;
}
