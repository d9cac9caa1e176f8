/**
 * Quantities in prose: "<25ms", "sub-200ms", "~19 seconds", "85%+", "710MB", "103+ RPS",
 * "10,000+", normalised to the report's units (ms, bytes, percent, rps, count).
 * @module
 */
import type { Unit } from "../measurement.ts";
import type { Comparator } from "./claim.ts";

/** A number found in text, with how it compares and its normalised unit. */
export interface Quantity {
  /** Index of the whole match (comparator words included). */
  start: number;
  /** Index just past the match. */
  end: number;
  comparator: Comparator;
  value: number;
  unit: Unit;
  /** Part of a range ("1-100ms", "3.7-3.13"): a bound, not a value. */
  range: boolean;
}

/** Milliseconds per time unit. */
const TIME: Record<string, number> = {
  ns: 1e-6,
  "µs": 1e-3,
  "μs": 1e-3,
  microsecond: 1e-3,
  microseconds: 1e-3,
  ms: 1,
  msec: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
};
/** Bytes per size unit: SI prefixes are powers of 1000 (1 MB = 10^6 B), binary ones of 1024. */
const BYTES: Record<string, number> = {
  byte: 1,
  bytes: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};
const RATE = /^(rps|qps|req\/s|reqs\/s|requests?\/s(ec)?|requests per second|queries per second)$/i;
/**
 * A rate of things of any name: "cards/second", "ops/sec", "read ops/sec", "requests/minute",
 * "model cards per second"; per minute is divided by 60.
 */
const NAMED_RATE =
  /^(?:[A-Za-z][\w-]*\s+){0,2}?[A-Za-z][\w-]*\s*(?:\/\s*|\s+per\s+)(s|secs?|seconds?|mins?|minutes?)$/i;

const PREFIX: ReadonlyArray<readonly [RegExp, Comparator]> = [
  [/^(<=|≤|at most|no more than)$/i, "≤"],
  [/^(>=|≥|at least|no less than)$/i, "≥"],
  [/^(<|under|below|less than|fewer than|sub-?|sub)$/i, "<"],
  [/^(>|over|above|more than|greater than|exceeding)$/i, ">"],
  [/^(~|≈|about|approx\.?|approximately|around|roughly|nearly|almost|circa|ca\.)$/i, "~"],
];

const PREFIX_WORDS =
  "<=|>=|≤|≥|<|>|~|≈|at most|no more than|at least|no less than|under|below|less than|fewer than|over|above|more than|greater than|exceeding|about|approx\\.?|approximately|around|roughly|nearly|almost|circa|ca\\.";
/** A rate of named things; see `NAMED_RATE`. */
const RATE_WORDS = String
  .raw`(?:[A-Za-z][\w-]*\s+){0,2}?[A-Za-z][\w-]*\s*(?:\/\s*|\s+per\s+)(?:s|secs?|seconds?|mins?|minutes?)\b`;
const UNIT_WORDS = RATE_WORDS + "|" +
  "%|percent|ns|µs|μs|microseconds?|ms|msec|milliseconds?|s|secs?|seconds?|mins?|minutes?|bytes?|[kmgt]i?b|rps|qps|reqs?/s|requests?/sec|requests?/s|requests per second|queries per second";
const QUANTITY = new RegExp(
  String
    .raw`(?:\bsub-?|(?<![A-Za-z])(${PREFIX_WORDS})\s*)?(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([kK](?![a-zA-Z]))?(\+)?\s*(${UNIT_WORDS})?(?![\w/]|\.\d)(\+|\s+or more\b|\s+or less\b)?`,
  "gi",
);

function comparatorOf(prefix: string | undefined, match: string, suffix: string | undefined) {
  if (/^sub\b|^sub-/i.test(match)) return "<";
  if (suffix !== undefined) {
    if (/\+|more/.test(suffix)) return "≥";
    if (/less/.test(suffix)) return "≤";
  }
  const word = prefix?.trim().replace(/\s+/g, " ");
  if (word !== undefined) {
    for (const [pattern, comparator] of PREFIX) if (pattern.test(word)) return comparator;
  }
  return "=";
}

/** Round away binary noise: 0.035 × 1000 is 35, not 35.00000000000001. */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

function unitOf(word: string | undefined, value: number): [number, Unit] | undefined {
  if (word === undefined || word === "") return [value, "count"];
  const lower = word.toLowerCase();
  if (lower === "%" || lower === "percent") return [value, "percent"];
  const ms = TIME[lower] ?? TIME[word];
  if (ms !== undefined) return [tidy(value * ms), "ms"];
  const bytes = BYTES[lower];
  if (bytes !== undefined) return [tidy(value * bytes), "bytes"];
  if (RATE.test(word)) return [value, "rps"];
  const named = NAMED_RATE.exec(word);
  if (named !== null) {
    return [tidy(/^m/i.test(named[1] as string) ? value / 60 : value), "rps"];
  }
  return undefined;
}

/** Whether the number at `start` is one end of a range such as "1-100", "3.7–3.13" or "5 to 10". */
function isRange(text: string, numberStart: number, end: number): boolean {
  const before = text.slice(Math.max(0, numberStart - 6), numberStart);
  const after = text.slice(end, end + 8);
  return /\d\s*(?:[-–]|to)\s*$/.test(before) || /^\s*(?:[-–]|to\s)\s*\d/.test(after);
}

/** A bound written without digits: "sub-second" (< 1 s), "sub-millisecond" (< 1 ms). */
const SUB_UNIT = /\bsub-?(second|millisecond|microsecond)s?\b/gi;

/**
 * Every quantity in `text`, left to right. A bare number is a `count`; `K` multiplies by 1000
 * ("20K+", "10k req/s"); a trailing `+` or "or more" means `≥`; "sub-200ms" means `< 200 ms`,
 * "sub-second" `< 1000 ms`; a rate of named things ("970 cards/second") is in `rps`.
 *
 * @example
 * ```ts
 * import { findQuantities } from "./quantity.ts";
 * findQuantities("Import time: 0.035s")[0]?.value; // 35 (ms)
 * ```
 */
export function findQuantities(text: string): Quantity[] {
  const found: Quantity[] = [];
  for (const m of text.matchAll(QUANTITY)) {
    const [match, prefix, digits, fraction, thousands, plus, unitWord, suffix] = m;
    if (digits === undefined) continue;
    let value = Number(digits.replaceAll(",", "") + (fraction ?? ""));
    if (thousands !== undefined) value *= 1000;
    const unit = unitOf(unitWord, value);
    if (unit === undefined) continue;
    const start = m.index;
    const numberStart = start + match.indexOf(digits);
    const end = start + match.length;
    const comparator = comparatorOf(prefix, match, plus ?? suffix);
    found.push({
      start,
      end,
      comparator,
      value: unit[0],
      unit: unit[1],
      range: isRange(text, numberStart, end - (suffix?.length ?? 0)),
    });
  }
  for (const m of text.matchAll(SUB_UNIT)) {
    const ms = TIME[(m[1] as string).toLowerCase()] as number;
    const end = m.index + m[0].length;
    found.push({ start: m.index, end, comparator: "<", value: ms, unit: "ms", range: false });
  }
  return found.sort((a, b) => a.start - b.start);
}
