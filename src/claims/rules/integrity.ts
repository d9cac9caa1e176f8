/**
 * What the integrity probes add to verdicts: a test count is verified only by tests that assert
 * something (tests.vacuous), and a figure that is a literal in the code (code.constants) or that
 * the repository's own committed results disagree with (repo.evidence) is contradicted. Pure: reads
 * the check results only.
 * @module
 */
import type { CheckResult, Finding } from "../../check.ts";
import type { Measurement } from "../../measurement.ts";
import type { Claim, VerifiedClaim } from "../claim.ts";
import { labelOf, valueText } from "../describe.ts";
import { judge } from "../tolerance.ts";

/** A verdict with its reason and what was measured. */
export type Judged = Pick<VerifiedClaim, "verdict" | "reason" | "measured">;

/** The check that reads test functions statically, and its metric of vacuous test items. */
const VACUOUS_CHECK = "tests.vacuous";
const VACUOUS_ITEMS = "tests.vacuous.items";
/** Test-count metrics a vacuous test inflates. */
const INFLATED = new Set(["tests.passed", "tests.total"]);

function place(f: Finding | undefined): string {
  if (f?.file === undefined) return "";
  return `, first ${f.subject ?? f.message.split(" ")[0]} at ${f.file}${
    f.line !== undefined ? `:${f.line}` : ""
  }`;
}

function holds(comparator: Claim["comparator"], claimed: number, real: number): boolean {
  switch (comparator ?? "=") {
    case "≥":
      return real >= claimed;
    case ">":
      return real > claimed;
    case "≤":
      return real <= claimed;
    case "<":
      return real < claimed;
    default:
      return real === claimed;
  }
}

/**
 * A test-count claim the count verified, re-judged on the tests that assert something: "11
 * passed" where 8 assert nothing is contradicted ("8 of the 11 passing tests assert nothing").
 */
function vacuousTests(claim: Claim, judged: Judged, checks: readonly CheckResult[]): Judged {
  if (claim.kind !== "tests" || claim.metric === undefined || !INFLATED.has(claim.metric)) {
    return judged;
  }
  const check = checks.find((c) => c.id === VACUOUS_CHECK);
  const items = check?.measurements.find((m) => m.metric === VACUOUS_ITEMS)?.value ?? 0;
  const measured = judged.measured?.value;
  if (check === undefined || items === 0 || measured === undefined || claim.value === undefined) {
    return judged;
  }
  const vacuous = Math.min(items, measured);
  const note = `${vacuous} of the ${measured} ${
    claim.metric === "tests.passed" ? "passing " : ""
  }tests assert nothing (${VACUOUS_CHECK}${place(check.findings[0])})`;
  if (judged.verdict !== "verified") return { ...judged, reason: `${judged.reason}; ${note}` };
  const asserting = measured - vacuous;
  if (holds(claim.comparator, claim.value, asserting)) {
    return { ...judged, reason: `${judged.reason}; ${note}` };
  }
  return { ...judged, verdict: "contradicted", reason: `${judged.reason}; ${note}` };
}

/** Probes whose findings name a module (`subject`) that a claim may say is supported. */
const MODULE_PROBES = ["code.mocks", "deps.shadowed"];

/** Whether `text` names the module `name` (`torch` in "PyTorch integration", `yaml` in "PyYAML"). */
function mentions(text: string, name: string): boolean {
  if (name.length < 3) return false;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^a-z0-9])(py)?${escaped}`, "i").test(text);
}

/**
 * A claim that names a module a stand-in replaces (code.mocks) or a local file hides
 * (deps.shadowed) carries that finding in its reason; the verdict stays what the evidence gave.
 */
function moduleFindings(claim: Claim, judged: Judged, checks: readonly CheckResult[]): Judged {
  const notes: string[] = [];
  for (const id of MODULE_PROBES) {
    const check = checks.find((c) => c.id === id && c.status === "fail");
    const f = check?.findings.find((f) =>
      f.subject !== undefined && mentions(claim.text, f.subject)
    );
    if (f !== undefined) notes.push(`${id}: ${f.file}:${f.line ?? 1} ${f.message}`);
  }
  return notes.length === 0
    ? judged
    : { ...judged, reason: `${judged.reason}; ${notes.join("; ")}` };
}

/** The check that finds literal result figures. */
const CONSTANTS_CHECK = "code.constants";
/** Which literal keys speak to which claimed metrics (by key prefix of the metric). */
const FAMILIES: ReadonlyArray<readonly [string, RegExp]> = [
  ["coverage.", /coverage/i],
  ["tests.passRate", /pass_?rate|success_?rate/i],
  ["perf.", /latency|response_time|duration|_ms$|throughput|rps/i],
  ["level", /score|readiness/i],
];

function sameFigure(claimed: number, literal: number, unit: Claim["unit"]): boolean {
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  return close(claimed, literal) ||
    (unit === "percent" && literal <= 1 && close(claimed, literal * 100));
}

/** Whether a literal with `key` speaks to `claim`: its metric's family, or the claim names the key. */
function speaksTo(claim: Claim, key: string): boolean {
  const family = FAMILIES.find(([prefix]) => (claim.metric ?? "").startsWith(prefix));
  if (family !== undefined && family[1].test(key)) return true;
  const stem = key.toLowerCase().split("_").find((w) => w.length >= 4);
  return stem !== undefined && claim.text.toLowerCase().includes(stem);
}

/**
 * A claimed figure that is a literal in quality-gate or report code: contradicted ("the figure
 * is a literal at src/x.py:41, not a measurement") unless a measurement verified it.
 */
function literalFigures(claim: Claim, judged: Judged, checks: readonly CheckResult[]): Judged {
  if (claim.value === undefined) return judged;
  const check = checks.find((c) => c.id === CONSTANTS_CHECK && c.status === "fail");
  const literal = check?.findings.find((f) =>
    f.value !== undefined && f.subject !== undefined &&
    sameFigure(claim.value as number, f.value, claim.unit) && speaksTo(claim, f.subject)
  );
  if (literal === undefined) return judged;
  const note = `the figure is a literal at ${literal.file}:${
    literal.line ?? 1
  }, not a measurement (${CONSTANTS_CHECK})`;
  return {
    ...judged,
    verdict: judged.verdict === "verified" ? "verified" : "contradicted",
    reason: `${judged.reason}; ${note}`,
  };
}

/** The check that reads the repository's committed results. */
const EVIDENCE_CHECK = "repo.evidence";

/**
 * The checks as measurement sources: committed numbers left out, so that nothing the repository
 * wrote itself verifies a claim (verification reads these; the committed numbers come back in
 * `reviseWithIntegrity`, where they can only contradict).
 */
export function measuredOnly(checks: readonly CheckResult[]): CheckResult[] {
  return checks.map((c) =>
    c.measurements.some((m) => m.source === "committed")
      ? { ...c, measurements: c.measurements.filter((m) => m.source !== "committed") }
      : c
  );
}

/**
 * A claimed figure the repository's own committed results disagree with: contradicted ("the
 * committed reports/load_stats.csv:5 shows 31 rps, from the repository, not measured here"); one
 * they agree with keeps its verdict, with the committed figure beside it.
 */
function committedFigures(claim: Claim, judged: Judged, checks: readonly CheckResult[]): Judged {
  const check = checks.find((c) => c.id === EVIDENCE_CHECK);
  if (check === undefined || claim.value === undefined || claim.metric === undefined) return judged;
  const records = check.findings.filter((f) => f.subject === claim.metric && f.value !== undefined);
  const notes: string[] = [];
  let contradicted = false;
  for (const f of records) {
    const m = check.measurements.find((m) => m.metric === f.subject && m.value === f.value);
    if (m === undefined || (claim.unit !== undefined && claim.unit !== m.unit)) continue;
    const outcome = judge(m.unit, claim.comparator ?? "=", claim.value, m as Measurement);
    const failures = claim.metric === "perf.throughput"
      ? check.findings.find((g) => g.file === f.file && g.subject === "perf.failureRate")
      : undefined;
    const failed = failures?.value !== undefined
      ? ` with ${valueText(failures.value, "percent")} failed requests`
      : "";
    const shown = `the committed ${f.file}${f.line !== undefined ? `:${f.line}` : ""} shows ${
      valueText(m.value, m.unit)
    } ${labelOf(m.metric, m.value)}${failed}, from the repository, not measured here`;
    if (outcome === "fails") contradicted = true;
    notes.push(outcome === "fails" ? shown : `${shown} (a committed figure cannot verify)`);
  }
  if (notes.length === 0) return judged;
  return {
    ...judged,
    verdict: contradicted && judged.verdict !== "verified" ? "contradicted" : judged.verdict,
    reason: `${judged.reason}; ${notes.join("; ")}`,
  };
}

/** The check that starts entry points and examples. */
const RUN_CHECK = "run.entrypoints";
/** Words that say a named script or command works, not only that it exists. */
const WORKS =
  /\b(demo|example|working|works|runs?|interactive|cli|command|tool|entry\s*points?)\b/i;

/**
 * Claims about starting the project, judged on what run.entrypoints started: a named script or
 * command that failed contradicts a claim that it works ("`demo.py` — interactive demo"), and
 * "5 working examples" is compared with the examples that exited 0.
 */
function startedFigures(claim: Claim, judged: Judged, checks: readonly CheckResult[]): Judged {
  const check = checks.find((c) =>
    c.id === RUN_CHECK && (c.status === "pass" || c.status === "fail")
  );
  if (check === undefined) return judged;
  if (claim.kind === "exists" && claim.subject !== undefined) {
    const subject = claim.subject.replace(/^`|`$/g, "");
    const failed = check.findings.find((f) =>
      f.subject !== undefined && (f.subject === subject || f.subject.endsWith(`/${subject}`))
    );
    if (failed === undefined) return judged;
    const note = `${RUN_CHECK}: ${failed.message}`;
    const contradicts = WORKS.test(claim.text) && judged.verdict !== "contradicted";
    return {
      ...judged,
      verdict: contradicts ? "contradicted" : judged.verdict,
      reason: `${judged.reason}; ${note}`,
    };
  }
  if (claim.metric === "repo.examples" && claim.value !== undefined && WORKS.test(claim.text)) {
    const ok = check.measurements.find((m) => m.metric === "run.examples.ok");
    const failed = check.measurements.find((m) => m.metric === "run.examples.failed");
    if (ok === undefined || failed === undefined || ok.value + failed.value === 0) return judged;
    const note = `${ok.value} of ${ok.value + failed.value} examples run to exit 0 (${RUN_CHECK})`;
    const outcome = judge("count", claim.comparator ?? "=", claim.value, ok);
    return {
      ...judged,
      verdict: outcome === "fails" ? "contradicted" : judged.verdict,
      reason: `${judged.reason}; ${note}`,
    };
  }
  return judged;
}

/** The check that reads status documents' history. */
const HISTORY_CHECK = "repo.history";

/**
 * A claim that came back after a retraction, or that its writing commit raised, with no code change
 * carries that in its reason (repo.history's finding at the claim's line).
 */
function restoredClaims(claim: Claim, judged: Judged, checks: readonly CheckResult[]): Judged {
  const check = checks.find((c) => c.id === HISTORY_CHECK && c.status === "fail");
  const f = check?.findings.find((f) => f.file === claim.file && f.line === claim.line);
  return f === undefined
    ? judged
    : { ...judged, reason: `${judged.reason}; ${HISTORY_CHECK}: ${f.message}` };
}

/** The verdict `judged` of `claim`, revised with what the integrity probes found. */
export function reviseWithIntegrity(
  claim: Claim,
  judged: Judged,
  checks: readonly CheckResult[],
): Judged {
  const revisions = [
    vacuousTests,
    literalFigures,
    committedFigures,
    startedFigures,
    restoredClaims,
  ];
  const revised = revisions.reduce((j, revise) => revise(claim, j, checks), judged);
  return moduleFindings(claim, revised, checks);
}
