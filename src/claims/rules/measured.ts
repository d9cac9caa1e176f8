/**
 * Measured values: coverage ("Test Coverage: 95.5%"), timings ("export <25ms", "p95 latency
 * 31 ms"), sizes ("710MB container", "Sample data file: under 1 KB") and throughput ("103+ RPS"),
 * throughput ("103+ RPS", "970 cards/second") and cache hit rates, each tied to its noun; a
 * duration of an operation no noun names ("<3ms route discovery") is an unbound `perf.command`.
 * @module
 */
import type { Claim } from "../claim.ts";
import type { Quantity } from "../quantity.ts";
import { type Draft, nounFor, pieceText, type Rule, type Scope } from "./scope.ts";

const COVERAGE_AFTER =
  /^\s*\+?\s*(?:(line|branch|statement|code|test|unit[- ]test)\s+)?coverage\b(\s+(?:for|of|on|across|in)\s+(?!(?:the\s+)?(?:code|codebase|source|lines|project|package|library|repo\w*)\b))?/i;
const COVERAGE_BEFORE =
  /\b(?:(line|branch|statement|code|test)\s+)?coverage\s*(?:(?::|=|-|is|of|at|reached|achieved|reaches|now|stands at)\s*|[a-z]+\s+to\s+)?(?:of\s+|at\s+|is\s+)?$/i;
/**
 * Coverage of something other than code: operations, models, documentation, types, features,
 * monitoring, security controls and development practices.
 */
const OTHER_COVERAGE =
  /\b(automation|operations?|ops|models?|architectures?|apis?|docs|documentation|docstrings?|types?|typing|type hints?|features?|requirements?|nodes?|hierarch\w*|tags?|endpoints?|platforms?|languages?|domains?|scenarios?|use cases?|mutation|i18n|translations?|browsers?|devices?|monitoring|observability|logging|tracing|metrics|alert\w*|security|compliance|threats?|controls?|regions?|infrastructure|sdlc|process(?:es)?|practices?|checklists?|maturity)\b/i;

/** A value scoped to a part ("100% core", "100 % of critical files"): not the whole project's. */
const SCOPED_PART = /^\s*(?:of\s+)?(?:the\s+)?(core|critical|key|main|public|selected)\b/i;

/** Line or branch coverage of code; coverage of operations, models, docs or types is not. */
export const coverageRule: Rule = (scope) => {
  const text = scope.clause.text;
  if (OTHER_COVERAGE.test(text) || OTHER_COVERAGE.test(scope.label)) return [];
  const found: Draft[] = [];
  for (const q of scope.quantities) {
    if (q.unit !== "percent" || q.range || q.value > 100) continue;
    const after = COVERAGE_AFTER.exec(text.slice(q.end));
    const before = after === null ? COVERAGE_BEFORE.exec(text.slice(0, q.start)) : null;
    if ((after === null || after[2] !== undefined) && before === null) continue;
    if (SCOPED_PART.test(text.slice(q.end))) continue;
    const kind = (after?.[1] ?? before?.[1] ?? "").toLowerCase();
    found.push({
      index: q.start,
      kind: "coverage",
      metric: kind === "branch" ? "coverage.branches" : "coverage.lines",
      comparator: q.comparator,
      value: q.value,
      unit: "percent",
    });
  }
  return found;
};

const TIMING_NOUNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:latenc(?:y|ies)|response[- ]times?|round[- ]trips?)\b/gi, "perf.latency"],
  [/\btest(?:s|ing)?(?:\s+(?:suite|run|execution))?\b|\bpytest\b|\bsuite\b/gi, "tests.durationMs"],
  [
    /\bimport(?:s|ed|ing)?\b|\b(?:package|module|library)\s+load(?:s|ing)?(?:\s+time)?\b/gi,
    "perf.import",
  ],
  [/\bexport(?:s|ed|ing)?\b/gi, "perf.command.export"],
  [/\b(?:start[- ]?up|cold[- ]starts?|boot|starts?(?:\s+up)?\s+in)\b/gi, "perf.command.startup"],
  [/\binference\b/gi, "perf.command.inference"],
  [/\bvalidation\b/gi, "perf.command.validation"],
  [/\bbuild(?:s|ing)?\b/gi, "perf.command.build"],
  [/\binstall(?:s|ation|ing)?\b/gi, "perf.command.install"],
  [/\bcompil(?:e|es|ation|ing)\b/gi, "perf.command.compile"],
  [
    /(?<!\b(?:package|module|library)\s)\bload(?:s|ing)?\s+(?:time|in)\b|(?<!\b(?:package|module|library)\s)\bloading\b|\bmodel\s+load\b/gi,
    "perf.command.load",
  ],
];
/** Durations that are settings or bounds, not measurements. */
/** Nouns of an operation the project performs, unnamed by `TIMING_NOUNS`: an unbound `perf.command`. */
const OPERATION =
  /\b(analy[sz]\w*|discovery|generation|optimi[sz]ation|processing|performance|operations?|parsing|rendering|conversion|lookups?|scans?|scanning|synthesis)\b/i;
const TIMING_GUARD =
  /\b(timeouts?|time-?outs?|wait\w*|sleep\w*|intervals?|delays?|ttl|expir\w*|every|overhead|bounds?|ranges?|deadlines?|backoff|retr(?:y|ies)|cooldown|polling|date)\b/i;
const PERCENTILE = /\bp(50|75|90|95|99)\b|\b(50|75|90|95|99)(?:th)?[- ]percentile\b|\b(median)\b/i;
const IMPORT_OF =
  /\bimport(?:ing)?\s+(?:of\s+)?`?([A-Za-z_][\w.]*)`?|`([A-Za-z_][\w.]*)`\s+import/i;
const NOT_A_PACKAGE =
  /^(time|times|speed|is|takes|took|cost|overhead|latency|in|of|the|a|performance|duration|and|under|below|at|for|are|was)$/i;

const SIZE_NOUNS: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /\bfiles?[- ]sizes?\b|\bsize\s+of\s+(?:the\s+)?(?:output\s+)?files?\b|\bon[- ]disk\b|(?<!\b(?:per|each|every|any|a|one)\s+)\bfile\b(?![- ](?:count|system|name|type|format|path|handle)s?\b)/gi,
    "size.file",
  ],
  [
    /\bfootprint\b|\brss\b|\b(?:memory|ram|heap)\s+(?:footprint|usage|use|consumption|overhead|efficiency)\b|\b(?:peak|resident)\s+(?:memory|ram|heap)\b|\b(?:uses|using|consumes)\s+(?:only\s+)?[<~]?\s*[\d.]+\s*[kmgt]i?b\s+(?:of\s+)?(?:memory|ram)\b/gi,
    "size.memory",
  ],
  [/\bcontainers?\b|\bdocker\s+images?\b|\bimages?\s+size\b/gi, "size.container"],
  [/\b(?:package|wheel|sdist|bundle|tarball|distribution|artifact)s?\b/gi, "size.package"],
  [/\bmodels?\b|\bweights\b|\bcheckpoints?\b/gi, "size.model"],
  [/\b(?:binary|binaries|executables?)\b/gi, "size.binary"],
  [/\bwasm\b|\bwebassembly\b/gi, "size.wasm"],
];
/** Sizes that are settings, limits or hardware, not measurements of the target. */
const SIZE_GUARD =
  /\b(limits?|max|caps?|quotas?|available|free|allocat\w*|reserv\w*|defaults?|usable|machines?|laptops?|servers?|instances?|hosts?|gpus?|cpus?|vms?|runners?|devices?|disks?|drives?)\b/i;

/** A duration per operation or test, averaged: not how long a whole run took. */
const AVERAGED = /\b(?:on\s+)?(?:average|avg|mean)\b|\bper\s+(?:test|call|op\w*|request|item)\b/i;

function timingMetric(scope: Scope, q: Quantity, around: string): string | undefined {
  const piece = pieceText(scope, q.start);
  const noun = nounFor(TIMING_NOUNS, scope, q.start);
  if (noun === "tests.durationMs" && AVERAGED.test(piece)) return "perf.command";
  const metric = noun ?? (OPERATION.test(around) ? "perf.command" : undefined);
  if (metric === "perf.latency") {
    const p = PERCENTILE.exec(piece) ?? PERCENTILE.exec(scope.clause.text);
    if (p === null) return metric;
    return `perf.latency.p${p[1] ?? p[2] ?? "50"}`;
  }
  if (metric === "perf.import") {
    const m = IMPORT_OF.exec(piece);
    const name = m?.[1] ?? m?.[2];
    if (name !== undefined && !NOT_A_PACKAGE.test(name)) {
      return `perf.import.${name.split(".")[0]}`;
    }
  }
  return metric;
}

/** Cache hit rates and ratios. */
const HIT_RATE = /\bhit[- ](?:rates?|ratios?)\b/i;

/** Whether `q` is the upper end of a range of durations ("1-3ms"): a claim of at most that. */
function isUpperEnd(text: string, q: Quantity): boolean {
  return /\d\s*[-–]\s*$/.test(text.slice(Math.max(0, q.start - 8), q.start));
}

/** Whether `q` sits between two comparators, as a bound does: "0 < overhead < 10ms". */
function isBound(text: string, q: Quantity): boolean {
  return /[<>≤≥]\s*[\w.]+\s*$/.test(text.slice(Math.max(0, q.start - 30), q.start)) &&
    /^\s*[<>≤≥]/.test(text.slice(q.start));
}

/** Durations, sizes and rates, each named by the nearest noun (export, latency, container, …). */
export const measuredRule: Rule = (scope) => {
  const found: Draft[] = [];
  for (const q of scope.quantities) {
    const upper = q.range && q.unit === "ms" && isUpperEnd(scope.clause.text, q);
    if ((q.range && !upper) || isBound(scope.clause.text, q)) continue;
    const around = [pieceText(scope, q.start), scope.label, scope.clause.parent?.text ?? ""]
      .join(" ");
    let metric: string | undefined;
    let kind: Claim["kind"];
    if (q.unit === "ms") {
      if (TIMING_GUARD.test(around)) continue;
      metric = timingMetric(scope, q, around);
      kind = metric === "tests.durationMs" ? "tests" : "timing";
    } else if (q.unit === "bytes") {
      if (SIZE_GUARD.test(around)) continue;
      metric = nounFor(SIZE_NOUNS, scope, q.start);
      kind = "size";
    } else if (q.unit === "rps") {
      metric = "perf.throughput";
      kind = "throughput";
    } else if (q.unit === "percent" && HIT_RATE.test(around)) {
      metric = "perf.cacheHitRate";
      kind = "rate";
    } else continue;
    if (metric === undefined) continue;
    found.push({
      index: q.start,
      kind,
      metric,
      comparator: upper ? "≤" : q.comparator,
      value: q.value,
      unit: q.unit,
    });
  }
  return found;
};
