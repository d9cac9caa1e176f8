/**
 * code.constants, the pure part: figures a quality gate, validation, benchmark or report presents
 * as results, written into the code as literals.
 * @module
 */
import { z } from "zod";
import type { CheckOutcome, Finding } from "../check.ts";

/** One literal as `constants_scan.py` reports it. */
export const LiteralSchema = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  key: z.string(),
  value: z.number(),
  context: z.string(),
});
/** One literal result. */
export type Literal = z.infer<typeof LiteralSchema>;

/** What `constants_scan.py` prints. */
export const ConstantsScanSchema = z.object({
  literals: z.array(LiteralSchema),
  parseErrors: z.array(z.object({ file: z.string(), line: z.number(), message: z.string() })),
});
/** What `constants_scan.py` prints. */
export type ConstantsScan = z.infer<typeof ConstantsScanSchema>;

/**
 * One finding per literal (`subject` its key, `value` its number), `fail` when there is one.
 * Measurement `code.constants`: the count.
 */
export function evaluateConstants(
  scan: ConstantsScan,
  files: number,
  evidence: number,
): CheckOutcome {
  const findings: Finding[] = scan.literals.map((l) => ({
    message: `\`${l.key}\` = ${l.value} is a literal in ${l.context}, not a measurement`,
    file: l.file,
    line: l.line,
    subject: l.key,
    value: l.value,
  }));
  const measurements = [{
    metric: "code.constants",
    value: findings.length,
    unit: "count" as const,
    evidence,
  }];
  const unread = scan.parseErrors.length > 0
    ? `; ${scan.parseErrors.length} could not be parsed`
    : "";
  if (findings.length === 0) {
    return {
      status: "pass",
      summary: `No result figure is a literal in the ${files} files read${unread}`,
      measurements,
    };
  }
  const first = findings[0] as Finding;
  return {
    status: "fail",
    summary: `${findings.length} result figure${
      findings.length === 1 ? " is a literal" : "s are literals"
    } in the code, first at ${first.file}:${first.line}: ${first.message}${unread}`,
    measurements,
    findings,
  };
}
