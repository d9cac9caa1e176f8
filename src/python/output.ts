/**
 * Reading a probe's recorded output.
 * @module
 */
import type { Evidence } from "../evidence.ts";

/** The kept text of one stream: its head and, after it, its tail. */
export function keptOutput(e: Evidence, stream: "stdout" | "stderr"): string {
  return stream === "stdout" ? e.stdoutHead + e.stdoutTail : e.stderrHead + e.stderrTail;
}

/** A line Python's `warnings` module prints: `path:12: CoverageWarning: …`. */
const WARNING_LINE = /^\S.*:\d+: \w*Warning: /;

/**
 * The last non-empty line of `text` that is not part of a warning (the warning's line and the
 * indented source line Python prints under it): a warning printed at exit is not why a run
 * failed. Else the last non-empty line.
 */
function lastLine(text: string): string | undefined {
  const lines = text.trim().split("\n");
  const last = lines.at(-1)?.trim();
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] as string;
    const under = i > 0 && /^\s/.test(line) && WARNING_LINE.test(lines[i - 1] as string);
    if (under || WARNING_LINE.test(line) || line.trim() === "") continue;
    return line.trim();
  }
  return last || undefined;
}

/**
 * Why a probe failed, in one line: its start error, a timeout, or the last non-empty line of its
 * stderr (else stdout) that is not a warning, else its exit code.
 */
export function failureLine(e: Evidence): string {
  if (e.startError) return e.startError;
  if (e.timedOut) return `timed out after ${Math.round(e.durationMs / 1000)} s`;
  for (const stream of ["stderr", "stdout"] as const) {
    const line = lastLine(keptOutput(e, stream));
    if (line) return line;
  }
  return e.signal ? `killed by ${e.signal}` : `exit ${e.exitCode}`;
}
