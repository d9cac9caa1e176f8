/**
 * Parse LCOV tracefiles (as written by `deno coverage --lcov`, c8 and coverage.py).
 * @module
 */

/** Line and branch counts of one source file (`SF:` record). */
export interface LcovFile {
  /** The `SF:` path, as written by the tool (usually absolute). */
  path: string;
  /** `LF`: instrumented lines. */
  linesFound: number;
  /** `LH`: lines executed at least once. */
  linesHit: number;
  /** `BRF`: branches found (0 when the tool wrote no branch data). */
  branchesFound: number;
  /** `BRH`: branches taken. */
  branchesHit: number;
}

/** Summed counts of several files, with percentages (undefined when nothing was found). */
export interface LcovTotals {
  files: number;
  linesFound: number;
  linesHit: number;
  branchesFound: number;
  branchesHit: number;
  /** Percent (0–100) of lines hit; undefined when no line was instrumented. */
  linesPercent: number | undefined;
  /** Percent (0–100) of branches taken; undefined when there was no branch. */
  branchesPercent: number | undefined;
}

interface Draft {
  path: string;
  lf?: number;
  lh?: number;
  brf?: number;
  brh?: number;
  daFound: number;
  daHit: number;
  brdaFound: number;
  brdaHit: number;
}

function count(value: string, key: string, lineNo: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || value.trim() === "") {
    throw new TypeError(`Cannot parse LCOV: ${key} is not a count at line ${lineNo}`);
  }
  return n;
}

function finish(d: Draft): LcovFile {
  // The summary lines win; the per-line records are the fallback when a tool omits them.
  return {
    path: d.path,
    linesFound: d.lf ?? d.daFound,
    linesHit: d.lh ?? d.daHit,
    branchesFound: d.brf ?? d.brdaFound,
    branchesHit: d.brh ?? d.brdaHit,
  };
}

/**
 * Parse an LCOV tracefile into one entry per `SF:` record (an empty text has none).
 * Throws a `TypeError` ("Cannot parse LCOV: …") on a line outside `SF:`…`end_of_record`,
 * an unterminated record or a malformed count.
 *
 * @example
 * ```ts
 * import { parseLcov } from "./lcov.ts";
 * parseLcov("SF:/a.ts\nLF:4\nLH:3\nend_of_record\n")[0]?.linesHit; // 3
 * ```
 */
export function parseLcov(text: string): LcovFile[] {
  const files: LcovFile[] = [];
  let current: Draft | undefined;
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const lineNo = i + 1;
    const line = raw.trim();
    if (line === "") continue;
    if (line === "end_of_record") {
      if (current === undefined) {
        throw new TypeError(`Cannot parse LCOV: end_of_record without SF at line ${lineNo}`);
      }
      files.push(finish(current));
      current = undefined;
      continue;
    }
    const colon = line.indexOf(":");
    const key = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(colon + 1);
    if (key === "TN") continue;
    if (key === "SF") {
      if (current !== undefined) {
        throw new TypeError(`Cannot parse LCOV: SF inside an open record at line ${lineNo}`);
      }
      current = { path: value, daFound: 0, daHit: 0, brdaFound: 0, brdaHit: 0 };
      continue;
    }
    if (current === undefined) {
      throw new TypeError(`Cannot parse LCOV: ${key} outside a record at line ${lineNo}`);
    }
    switch (key) {
      case "LF":
        current.lf = count(value, key, lineNo);
        break;
      case "LH":
        current.lh = count(value, key, lineNo);
        break;
      case "BRF":
        current.brf = count(value, key, lineNo);
        break;
      case "BRH":
        current.brh = count(value, key, lineNo);
        break;
      case "DA": {
        const hits = value.split(",")[1] ?? "";
        current.daFound += 1;
        if (count(hits, key, lineNo) > 0) current.daHit += 1;
        break;
      }
      case "BRDA": {
        const taken = value.split(",")[3] ?? "";
        current.brdaFound += 1;
        if (taken !== "-" && count(taken, key, lineNo) > 0) current.brdaHit += 1;
        break;
      }
      default:
        // FN, FNDA, FNF, FNH and tool-specific keys carry nothing we measure.
        break;
    }
  }
  if (current !== undefined) {
    throw new TypeError(`Cannot parse LCOV: record for ${current.path} has no end_of_record`);
  }
  return files;
}

function percent(hit: number, found: number): number | undefined {
  return found === 0 ? undefined : (hit / found) * 100;
}

/**
 * Sum the counts of `files` and derive line and branch percentages.
 *
 * @example
 * ```ts
 * import { lcovTotals } from "./lcov.ts";
 * const f = { path: "a.ts", linesFound: 4, linesHit: 3, branchesFound: 0, branchesHit: 0 };
 * lcovTotals([f]).linesPercent; // 75
 * ```
 */
export function lcovTotals(files: readonly LcovFile[]): LcovTotals {
  const sum = (pick: (f: LcovFile) => number) => files.reduce((s, f) => s + pick(f), 0);
  const linesFound = sum((f) => f.linesFound);
  const linesHit = sum((f) => f.linesHit);
  const branchesFound = sum((f) => f.branchesFound);
  const branchesHit = sum((f) => f.branchesHit);
  return {
    files: files.length,
    linesFound,
    linesHit,
    branchesFound,
    branchesHit,
    linesPercent: percent(linesHit, linesFound),
    branchesPercent: percent(branchesHit, branchesFound),
  };
}
