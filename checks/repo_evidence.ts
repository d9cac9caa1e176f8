/**
 * repo.evidence: results the repository ships (load-test CSVs, coverage reports, JUnit XML, JSON
 * test reports) read into numbers marked `committed`, and checked against the coverage gates its
 * own configuration sets. Files are read defensively (no links, size-capped); nothing is run.
 * @module
 */
import type { Check, CheckContext, CheckOutcome, Finding, Measurement } from "../src/check.ts";
import {
  artefactKind,
  type CommittedFigure,
  committedFigures,
  type CoverageGate,
  coverageGates,
} from "../src/integrity/committed.ts";
import { readSnapshotText } from "../src/integrity/snapshot_text.ts";
import { formatValue } from "../src/report/format.ts";

/** Folders whose files are not the repository's own results. */
const FOREIGN =
  /(^|\/)(node_modules|vendor|third_party|site-packages|\.venv|venv|\.tox|\.nox|fixtures|testdata)\//;
/** Configuration files that may set a coverage gate. */
const GATE_FILES =
  /^(pyproject\.toml|setup\.cfg|tox\.ini|pytest\.ini|\.coveragerc|Makefile|\.github\/workflows\/[^/]+\.ya?ml)$/;

function where(f: { file: string; line?: number }): string {
  return `${f.file}${f.line !== undefined ? `:${f.line}` : ""}`;
}

/** The outcome from the figures read, the gates set and the files that could not be read. */
export function evaluateEvidence(
  figures: readonly CommittedFigure[],
  gates: readonly CoverageGate[],
  unreadable: readonly Finding[],
): CheckOutcome {
  const measurements: Measurement[] = figures.map((f) => ({
    metric: f.metric,
    value: f.value,
    unit: f.unit,
    source: "committed",
  }));
  const records: Finding[] = figures.map((f) => ({
    message: `${where(f)} records ${f.metric} = ${formatValue(f.value, f.unit)} (${f.what}); ` +
      "from the repository, not measured here",
    file: f.file,
    ...(f.line !== undefined ? { line: f.line } : {}),
    subject: f.metric,
    value: f.value,
  }));
  const gate = gates.reduce<CoverageGate | undefined>(
    (a, g) => a && a.value >= g.value ? a : g,
    undefined,
  );
  const below = gate === undefined
    ? []
    : figures.filter((f) => f.metric === "coverage.lines" && f.value < gate.value);
  const contradictions: Finding[] = below.map((f) => ({
    message: `the committed ${where(f)} shows ${formatValue(f.value, "percent")} line coverage, ` +
      `below the repository's own gate of ${gate?.value} % at ${gate ? where(gate) : ""}`,
    file: f.file,
    ...(f.line !== undefined ? { line: f.line } : {}),
  }));
  const findings = [...contradictions, ...records, ...unreadable];
  if (figures.length === 0) {
    return {
      status: unreadable.length > 0 ? "unverified" : "skip",
      summary: unreadable.length > 0
        ? `No committed result could be read: ${unreadable[0]?.message}`
        : "No committed results (load tests, coverage or test reports) in the repository",
      findings,
    };
  }
  const files = new Set(figures.map((f) => f.file)).size;
  const read = `${figures.length} committed figure${
    figures.length === 1 ? "" : "s"
  } in ${files} file${files === 1 ? "" : "s"}`;
  if (contradictions.length > 0) {
    return {
      status: "fail",
      summary: `${read}; ${contradictions[0]?.message}`,
      measurements,
      findings,
    };
  }
  return {
    status: "pass",
    summary: `${read}, from the repository, not measured here`,
    measurements,
    findings,
  };
}

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const { facts } = ctx;
  const figures: CommittedFigure[] = [];
  const gates: CoverageGate[] = [];
  const unreadable: Finding[] = [];
  for (const file of facts.files) {
    if (FOREIGN.test(file)) continue;
    const kind = artefactKind(file);
    const gateFile = GATE_FILES.test(file);
    if (kind === undefined && !gateFile) continue;
    const text = await readSnapshotText(facts.root, file);
    if (text === undefined) continue;
    if (gateFile) gates.push(...coverageGates(text, file));
    if (kind === undefined) continue;
    try {
      figures.push(...committedFigures(kind, text, file));
    } catch (error) {
      const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
      unreadable.push({ message: `${file} could not be read as ${kind}: ${why}`, file });
    }
  }
  return evaluateEvidence(figures, gates, unreadable);
}

/** repo.evidence: the repository's committed results, as numbers that can contradict its claims. */
export const repoEvidence: Check = {
  id: "repo.evidence",
  category: "docs",
  applies: () => true,
  run,
};
