/**
 * compat.python, the evaluation: which files do not compile under which declared Python version,
 * and which declared versions could not be tried here.
 * @module
 */
import { z } from "zod";
import type { CheckOutcome, Finding, Measurement } from "../check.ts";
import type { CompatPlan, Declaration } from "./declared_pythons.ts";

/** What `compile_files.py` prints. */
export const CompileOutputSchema = z.object({
  version: z.string(),
  failed: z.array(z.object({ file: z.string(), line: z.number().int(), message: z.string() })),
});
/** What `compile_files.py` prints. */
export type CompileOutput = z.infer<typeof CompileOutputSchema>;

/** One interpreter's run: its output and evidence index, or why it gave none. */
export type CompileRun =
  | { minor: string; output: CompileOutput; evidence: number }
  | { minor: string; failure: string };

function declared(ds: readonly Declaration[]): string {
  const d = ds[0];
  if (d === undefined) return "the machine's default interpreter";
  return `${d.what} (${d.file}${d.line ? `:${d.line}` : ""})`;
}

/**
 * Findings: one per file that does not compile somewhere, at the line the oldest failing
 * interpreter names, listing every failing version and what declares the oldest. Measurements:
 * `compat.python.files` (files compiled) and `compat.python.failed` (files failing somewhere).
 * `fail` on any; `error` when no interpreter ran; `pass` otherwise (missing versions in the summary).
 */
export function evaluateCompat(
  plan: CompatPlan,
  runs: readonly CompileRun[],
  files: number,
): CheckOutcome {
  const byFile = new Map<string, Array<{ minor: string; line: number; message: string }>>();
  const ran = runs.filter((r): r is Extract<CompileRun, { output: unknown }> => "output" in r);
  for (const run of ran) {
    for (const f of run.output.failed) {
      byFile.set(f.file, [...(byFile.get(f.file) ?? []), { minor: run.minor, ...f }]);
    }
  }
  const evidence = ran[0]?.evidence;
  const measurements: Measurement[] = [
    { metric: "compat.python.files", value: files, unit: "count" },
    { metric: "compat.python.failed", value: byFile.size, unit: "count" },
  ].map((m) => (evidence === undefined ? m : { ...m, evidence })) as Measurement[];
  const declarationsOf = (minor: string) =>
    plan.runs.find((r) => r.minor === minor)?.declarations ?? [];
  const findings: Finding[] = [...byFile].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(
    ([file, fails]) => {
      const first = fails[0] as { minor: string; line: number; message: string };
      const versions = fails.map((f) => f.minor).join(", ");
      return {
        message:
          `${file} does not compile under Python ${versions}: ${first.message}; declared by ${
            declared(declarationsOf(first.minor))
          }`,
        file,
        line: Math.max(1, first.line),
      };
    },
  );
  const broken = runs.filter((r): r is Extract<CompileRun, { failure: string }> => "failure" in r);
  const missing = plan.missing.map((m) => `${m.minor} (${declared(m.declarations)})`);
  const notes = [
    ...(missing.length > 0 ? [`not on this machine, unverified: ${missing.join(", ")}`] : []),
    ...broken.map((b) => `Python ${b.minor} could not run: ${b.failure}`),
  ];
  const tail = notes.length > 0 ? `; ${notes.join("; ")}` : "";
  if (ran.length === 0) {
    return {
      status: plan.runs.length === 0 ? "unverified" : "error",
      summary: `No declared Python version could compile the sources${tail}`,
      measurements: [],
    };
  }
  const versions = ran.map((r) => r.minor).join(", ");
  if (findings.length > 0) {
    return {
      status: "fail",
      summary: `${findings.length} of ${files} files do not compile under a declared Python ` +
        `(tried ${versions}): ${findings[0]?.message}${tail}`,
      measurements,
      findings,
    };
  }
  return {
    status: "pass",
    summary: `All ${files} files compile under Python ${versions}${tail}`,
    measurements,
  };
}
