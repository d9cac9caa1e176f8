/**
 * Replace the audit's temporary paths in results by stable placeholders (`$SNAPSHOT`, `$AUDIT_TMP`),
 * so that a report names commands a reader can rerun against their own copy of the target.
 * @module
 */
import type { CheckResult } from "./check.ts";

/** Rewrite every occurrence of each `[path, placeholder]` pair in the strings of `result`. */
export function withPlaceholders(
  result: CheckResult,
  pairs: ReadonlyArray<readonly [string, string]>,
): CheckResult {
  const swap = (text: string) =>
    pairs.reduce((acc, [path, placeholder]) => acc.split(path).join(placeholder), text);
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
