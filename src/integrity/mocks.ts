/**
 * code.mocks, the pure part: stand-ins (mock, fake, stub modules and classes, unittest.mock) that
 * the shipped code imports at runtime, puts into `sys.modules`, or falls back to when a real
 * dependency cannot be imported.
 * @module
 */
import { z } from "zod";
import type { CheckOutcome, Finding } from "../check.ts";

/** One stand-in use as `mocks_scan.py` reports it. */
export const MockHitSchema = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  kind: z.enum(["fallback", "sys.modules", "import"]),
  target: z.string(),
  replaces: z.array(z.string()),
});
/** One stand-in use. */
export type MockHit = z.infer<typeof MockHitSchema>;

/** What `mocks_scan.py` prints. */
export const MockScanSchema = z.object({
  hits: z.array(MockHitSchema),
  parseErrors: z.array(z.object({ file: z.string(), line: z.number(), message: z.string() })),
});
/** What `mocks_scan.py` prints. */
export type MockScan = z.infer<typeof MockScanSchema>;

function describe(hit: MockHit): string {
  const real = hit.replaces.map((r) => `\`${r}\``).join(", ");
  switch (hit.kind) {
    case "fallback":
      return `falls back to the stand-in \`${hit.target}\` when ${
        real || "an import"
      } cannot be imported`;
    case "sys.modules":
      return `puts the stand-in \`${hit.target}\` into sys.modules${real ? ` as ${real}` : ""}`;
    default:
      return `imports the stand-in \`${hit.target}\` at runtime`;
  }
}

/**
 * One finding per stand-in use, at the import or assignment, with `subject` the real module it
 * replaces (when known); `fail` when there is one. Measurement `code.mocks`: the count.
 */
export function evaluateMocks(scan: MockScan, files: number, evidence: number): CheckOutcome {
  const findings: Finding[] = scan.hits.map((h) => ({
    message: describe(h),
    file: h.file,
    line: h.line,
    ...(h.replaces[0] !== undefined ? { subject: h.replaces[0] } : {}),
  }));
  const measurements = [{
    metric: "code.mocks",
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
      summary: `No stand-in is used by the ${files} shipped files${unread}`,
      measurements,
    };
  }
  const first = findings[0] as Finding;
  return {
    status: "fail",
    summary: `${findings.length} stand-in use${
      findings.length === 1 ? "" : "s"
    } in shipped code, first at ${first.file}:${first.line}: ${first.message}${unread}`,
    measurements,
    findings,
  };
}
