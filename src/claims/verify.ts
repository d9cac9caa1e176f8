/**
 * Verification: every extracted claim gets a verdict backed by what the checks measured, what the
 * snapshot contains, or the readiness level — with a one-line reason. Pure: no I/O.
 * @module
 */
import type { CheckResult } from "../check.ts";
import type { Binding } from "../config.ts";
import type { Measurement } from "../measurement.ts";
import type { Level } from "../report/schema.ts";
import { bindingMetric, bindingServes } from "./bindings.ts";
import type { Claim, VerifiedClaim } from "./claim.ts";
import { claimText, labelOf, measuredText, valueText } from "./describe.ts";
import { locateSubject } from "./locate.ts";
import { countRepo } from "./repo_counts.ts";
import {
  claimsNoFailure,
  explainedRange,
  testEnvironmentOf,
  unreliableText,
} from "./test_environment.ts";
import { judge, type Judgement } from "./tolerance.ts";

/** What verification reads. */
export interface VerifyInput {
  claims: readonly Claim[];
  /** The audit's check results (measurements, status and summary per check). */
  checks: readonly CheckResult[];
  /** The readiness level the checks earned (0..4). */
  level: Level;
  /** Every file of the snapshot (relative POSIX paths). */
  files: readonly string[];
  /** Declared command-line entry points; undefined when unknown (command claims stay unverified). */
  scripts?: readonly string[] | undefined;
  /** The target's claim bindings (`claimcheck.json`), measured by the `perf.bindings` check. */
  bindings?: readonly Binding[];
}

type Judged = Pick<VerifiedClaim, "verdict" | "reason" | "measured">;

interface Source {
  measurement: Measurement;
  check: CheckResult;
}

/** The check whose measurements serve claim bindings. */
const BINDINGS_CHECK = "perf.bindings";
/** The check that counts TODO/FIXME/XXX markers. */
const TODOS_CHECK = "repo.todos";
const MARKERS = ["TODO", "FIXME", "XXX"];
const TEST_COUNTS = [
  "tests.passed",
  "tests.failed",
  "tests.errors",
  "tests.skipped",
  "tests.collectionErrors",
];
const SUMMARY_CHARS = 160;

/** Which checks would measure a metric, by key prefix. */
const PRODUCERS: ReadonlyArray<readonly [string, (check: CheckResult) => boolean]> = [
  ["tests.", (c) => c.category === "tests"],
  ["coverage.", (c) => c.category === "coverage"],
  ["perf.import", (c) => c.category === "perf" && c.id.includes("import")],
  ["repo.todos", (c) => c.id === TODOS_CHECK],
];

function short(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= SUMMARY_CHARS ? line : `${line.slice(0, SUMMARY_CHARS - 1)}…`;
}

function checkState(check: CheckResult): string {
  if (check.status === "skip") return `${check.id} did not apply: ${short(check.summary)}`;
  return `${check.id} ${check.status}: ${short(check.summary)}`;
}

/**
 * A check's measurements plus what follows from its test counts: missing counts are 0 once any
 * count was measured, `tests.total` is their sum and `tests.passRate` passed over those that ran
 * (0 when none ran).
 */
function measurementsOf(check: CheckResult): Measurement[] {
  const own = check.measurements;
  const value = (metric: string) => own.find((m) => m.metric === metric)?.value;
  if (!TEST_COUNTS.some((metric) => value(metric) !== undefined)) return own;
  const derived: Measurement[] = TEST_COUNTS.filter((metric) => value(metric) === undefined)
    .map((metric) => ({ metric, value: 0, unit: "count" }));
  const count = (metric: string) => value(metric) ?? 0;
  // `tests.errors` includes collection errors (as pytest counts them).
  const ran = count("tests.passed") + count("tests.failed") + count("tests.errors");
  if (value("tests.total") === undefined) {
    derived.push({ metric: "tests.total", value: ran + count("tests.skipped"), unit: "count" });
  }
  if (value("tests.passRate") === undefined) {
    // A suite where nothing ran passed nothing: never-ran is not passed.
    const rate = ran > 0 ? (count("tests.passed") / ran) * 100 : 0;
    derived.push({ metric: "tests.passRate", value: rate, unit: "percent" });
  }
  return [...own, ...derived];
}

function bandValue(m: Measurement): number {
  return m.stats?.median ?? m.value;
}

/** The first check's measurement of `metric`; for `perf.import`, the slowest package's. */
function findMeasurement(metric: string, checks: readonly CheckResult[]): Source | undefined {
  if (metric === "perf.import") {
    let best: Source | undefined;
    for (const check of checks) {
      for (const m of check.measurements) {
        if (m.metric !== "perf.import" && !m.metric.startsWith("perf.import.")) continue;
        if (best === undefined || bandValue(m) > bandValue(best.measurement)) {
          best = { measurement: m, check };
        }
      }
    }
    return best;
  }
  for (const check of checks) {
    const measurement = measurementsOf(check).find((m) => m.metric === metric);
    if (measurement !== undefined) return { measurement, check };
  }
  return undefined;
}

function measuredOf(metric: string, m: Measurement, check: string): VerifiedClaim["measured"] {
  return { metric, value: bandValue(m), unit: m.unit, check };
}

/** Why nothing measured `metric`, naming what would have. */
function missingReason(claim: Claim, metric: string, checks: readonly CheckResult[]): string {
  const label = labelOf(metric);
  const producer = PRODUCERS.find(([prefix]) => metric.startsWith(prefix))?.[1];
  const ran = producer === undefined ? [] : checks.filter(producer);
  if (ran.length > 0) return `no measurement of ${label}; ${ran.map(checkState).join("; ")}`;
  if (metric.startsWith("tests.")) return `no probe measures ${label}: no test check ran`;
  if (metric.startsWith("coverage.")) return `no probe measures ${label}: no coverage check ran`;
  if (metric.startsWith("repo.todos")) {
    return `no probe counts ${label}: ${TODOS_CHECK} did not run`;
  }
  const probe = claim.unit === "bytes" ? `"file": "…"` : `"command": ["…"]`;
  return `no probe measures ${label}; bind it in claimcheck.json: "bindings": [{ "claim": "…", ${probe} }]`;
}

function compare(claim: Claim, metric: string, source: Source, note = ""): Judged {
  const { measurement, check } = source;
  const measured = measuredOf(metric, measurement, check.id);
  if (claim.value === undefined) {
    return { verdict: "unverified", reason: "the claim states no value to compare", measured };
  }
  const unit = claim.unit ?? measurement.unit;
  if (unit !== measurement.unit) {
    return {
      verdict: "unverified",
      reason: `cannot compare ${unit} with ${measurement.unit} (${metric})`,
      measured,
    };
  }
  const comparator = claim.comparator ?? "=";
  let outcome: Judgement = judge(unit, comparator, claim.value, measurement);
  const tested = check.category === "tests" ? testEnvironmentOf(check) : undefined;
  // A count off only by skips for a module missing here and by flaky tests says nothing against the claim.
  const range = tested && outcome === "fails"
    ? explainedRange(metric, measurement.value, tested)
    : undefined;
  const claimed = claim.value;
  if (
    range !== undefined &&
    [range.low, range.high, Math.min(range.high, Math.max(range.low, claimed))].some((value) =>
      judge(unit, comparator, claimed, { ...measurement, value }) === "holds"
    )
  ) outcome = "inconclusive";
  const explained = range !== undefined && outcome === "inconclusive" ? `, ${range.why}` : "";
  const parts = [
    `claimed ${claimText(comparator, claim.value, unit, metric)}`,
    `measured ${measuredText(measurement)}${
      unit === "count" ? ` ${labelOf(metric, measurement.value)}` : ""
    }${note}${explained}`,
  ];
  if (outcome === "inconclusive" && explained === "") parts.push("inconclusive: within noise");
  // "Zero failures" against a suite with a flaky test: it does not hold reliably.
  const unreliable = tested !== undefined && tested.flaky > 0 && claimsNoFailure(claim, metric);
  if (unreliable) {
    outcome = "fails";
    parts.push(unreliableText(tested));
  }
  if (check.status !== "pass" && check.status !== "warn") parts.push(checkState(check));
  const verdict = outcome === "holds"
    ? "verified"
    : outcome === "fails"
    ? "contradicted"
    : "unverified";
  return { verdict, reason: parts.join("; "), measured };
}

function judgeBound(claim: Claim, binding: Binding, checks: readonly CheckResult[]): Judged {
  const metric = bindingMetric(binding);
  const what = binding.command !== undefined ? binding.command.join(" ") : binding.file ?? "";
  const check = checks.find((c) => c.id === BINDINGS_CHECK);
  const measurement = check?.measurements.find((m) => m.metric === metric);
  if (check !== undefined && measurement !== undefined) {
    return compare(claim, metric, { measurement, check }, ` (${what})`);
  }
  const state = check === undefined ? `${BINDINGS_CHECK} did not run` : checkState(check);
  return { verdict: "unverified", reason: `bound to ${what} in claimcheck.json, but ${state}` };
}

function markerOf(claim: Claim): string | undefined {
  const subject = claim.subject?.trim().replace(/s$/i, "").toUpperCase();
  return subject !== undefined && MARKERS.includes(subject) ? subject : undefined;
}

function judgeTodos(claim: Claim, checks: readonly CheckResult[]): Judged {
  const marker = markerOf(claim);
  const metric = marker === undefined ? "repo.todos" : `repo.todos.${marker.toLowerCase()}`;
  const source = findMeasurement(metric, checks);
  const what = marker === undefined ? labelOf("repo.todos") : `${marker} markers`;
  if (source === undefined) {
    return { verdict: "unverified", reason: missingReason(claim, metric, checks) };
  }
  const { measurement, check } = source;
  const measured = measuredOf(metric, measurement, check.id);
  if (measurement.value === 0) {
    return {
      verdict: "verified",
      reason: `claimed no ${what}; found none in source files`,
      measured,
    };
  }
  const pattern = new RegExp(`\\b(${marker ?? MARKERS.join("|")})\\b`);
  const places = check.findings.filter((f) => f.file !== undefined && pattern.test(f.message))
    .slice(0, 3).map((f) => `${f.file}${f.line !== undefined ? `:${f.line}` : ""}`);
  const first = places.length > 0 ? `, first at ${places.join(", ")}` : "";
  return {
    verdict: "contradicted",
    reason: `claimed no ${what}; found ${measurement.value}${first}`,
    measured,
  };
}

/** Stands for the snapshot's file list as the source of repo counts. */
const SNAPSHOT_CHECK: CheckResult = {
  id: "snapshot",
  category: "docs",
  status: "pass",
  summary: "the snapshot's file list",
  durationMs: 0,
  measurements: [],
  evidence: [],
  findings: [],
};

function judgeRepoCount(
  claim: Claim,
  metric: string,
  files: readonly string[],
): Judged | undefined {
  const counted = countRepo(metric, files);
  if (counted === undefined) return undefined;
  const m: Measurement = { metric, value: counted.count, unit: "count" };
  const judged = compare(claim, metric, { measurement: m, check: SNAPSHOT_CHECK });
  return { ...judged, reason: `${judged.reason} (${counted.rule})` };
}

function judgeMetric(claim: Claim, input: VerifyInput): Judged {
  const binding = input.bindings?.find((b) => bindingServes(b, claim));
  if (binding !== undefined) return judgeBound(claim, binding, input.checks);
  const metric = claim.metric;
  if (metric === undefined) {
    return { verdict: "unverified", reason: "no metric could be read from the claim" };
  }
  if (metric === "repo.todos" || metric.startsWith("repo.todos.")) {
    return judgeTodos(claim, input.checks);
  }
  const source = findMeasurement(metric, input.checks);
  if (source !== undefined) return compare(claim, metric, source);
  if (metric.startsWith("repo.")) {
    const counted = judgeRepoCount(claim, metric, input.files);
    if (counted !== undefined) return counted;
    return { verdict: "unverified", reason: `no rule counts ${labelOf(metric)} in the snapshot` };
  }
  return { verdict: "unverified", reason: missingReason(claim, metric, input.checks) };
}

function levelText(level: Level): string {
  const blocker = level.blockers[0];
  const head = `readiness level ${level.value} (${level.name})`;
  return blocker === undefined ? head : `${head}: ${short(blocker)}`;
}

/**
 * Status phrases against the readiness level: contradicted below 3 (Tested), verified from 4
 * (Measured) on, unverified at 3 (necessary, not sufficient). A "readiness N %" score is read
 * the same way and reported beside the level.
 */
function judgeStatus(claim: Claim, level: Level): Judged {
  const phrase = claim.value !== undefined
    ? `${claim.subject ?? "readiness"} ${valueText(claim.value, claim.unit ?? "percent")}`
    : claim.subject ?? "ready";
  const measured = { metric: "level", value: level.value, unit: "count" as const, check: "level" };
  const said = `claimed ${phrase.trim()}; ${levelText(level)}`;
  if (level.value < 3) return { verdict: "contradicted", reason: said, measured };
  if (level.value >= 4) return { verdict: "verified", reason: said, measured };
  return {
    verdict: "unverified",
    reason: `${said} (level 3 is necessary, not sufficient; 4 verifies)`,
    measured,
  };
}

function judgeExists(claim: Claim, input: VerifyInput): Judged {
  const subject = claim.subject;
  if (subject === undefined || subject.trim() === "") {
    return { verdict: "unverified", reason: "the claim names nothing to look for" };
  }
  const location = locateSubject(subject, input.files, input.scripts);
  if (location.found === true) return { verdict: "verified", reason: `found ${location.where}` };
  if (location.found === false) {
    return { verdict: "contradicted", reason: `${location.looked} in the snapshot` };
  }
  return { verdict: "unverified", reason: `cannot check ${subject}: ${location.why}` };
}

function judgeClaim(claim: Claim, input: VerifyInput): Judged {
  switch (claim.kind) {
    case "status":
      return judgeStatus(claim, input.level);
    case "exists":
      return judgeExists(claim, input);
    case "absence":
      if (claim.metric === undefined && markerOf(claim) !== undefined) {
        return judgeTodos(claim, input.checks);
      }
      return judgeMetric(claim, input);
    default:
      return judgeMetric(claim, input);
  }
}

/**
 * Give every claim a verdict and a one-line reason, in order. Rules (see `verify_rules.md`):
 * metric claims are compared with the first check that measured the metric (counts exact,
 * percentages ± 0.5 points, sizes ± 1 %, timings against median ± MAD); repo counts come from the
 * file list; `exists` claims from the file list and entry points; status claims from the level;
 * a claim nothing measured stays `unverified`, naming what would measure it.
 *
 * @example
 * ```ts
 * import { verifyClaims } from "./verify.ts";
 * const [v] = verifyClaims({
 *   claims: [{ file: "STATUS.md", line: 3, text: "`core.py`", kind: "exists", subject: "core.py" }],
 *   checks: [],
 *   level: { value: 0, name: "None", blockers: [] },
 *   files: ["src/pkg/core.py"],
 * });
 * v?.verdict; // "verified"
 * ```
 */
export function verifyClaims(input: VerifyInput): VerifiedClaim[] {
  return input.claims.map((claim) => {
    const judged = judgeClaim(claim, input);
    const verified: VerifiedClaim = { ...claim, verdict: judged.verdict, reason: judged.reason };
    if (judged.measured !== undefined) verified.measured = judged.measured;
    return verified;
  });
}
