/**
 * Replace the machine's paths in results by stable placeholders (`$SNAPSHOT`, `$AUDIT_TMP`, see
 * `machinePaths()`), so that a report names commands a reader can rerun against their own copy of
 * the target.
 * @module
 */
import type { CheckResult } from "./check.ts";

/**
 * Rewrite each `[path, placeholder]` pair, in order, in the strings of `result`: a path only where
 * it ends (at `/`, a space, a quote, the end…), so `/opt/pypi` leaves `/opt/pypi-more` and a HOME
 * of `/root` leaves `/rootfs` alone.
 */
export function withPlaceholders(
  result: CheckResult,
  pairs: ReadonlyArray<readonly [string, string]>,
): CheckResult {
  const patterns = pairs.map(([path, placeholder]) =>
    [
      new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-]|\\.\\w)`, "g"),
      placeholder,
    ] as const
  );
  const swap = (text: string) =>
    patterns.reduce((acc, [pattern, placeholder]) => acc.replace(pattern, () => placeholder), text);
  return {
    ...result,
    summary: swap(result.summary),
    findings: result.findings.map((f) => ({ ...f, message: swap(f.message) })),
    evidence: result.evidence.map((e) => ({
      ...e,
      argv: e.argv.map(swap),
      ...(e.wrapper ? { wrapper: e.wrapper.map(swap) } : {}),
      cwd: swap(e.cwd),
      stdoutHead: swap(e.stdoutHead),
      stdoutTail: swap(e.stdoutTail),
      stderrHead: swap(e.stderrHead),
      stderrTail: swap(e.stderrTail),
      artifacts: e.artifacts.map((a) => ({ ...a, path: swap(a.path) })),
    })),
  };
}
