/**
 * Read the totals of a coverage.py JSON report (`coverage json`), lines and branches apart.
 * @module
 */

/** Covered out of total, and the percentage (0–100). */
export interface Ratio {
  covered: number;
  total: number;
  percent: number;
}

/** Line and branch coverage; `branches` is absent when no branch was measured. */
export interface CoverageTotals {
  lines: Ratio;
  branches?: Ratio;
  /** Folders of a package measured twice that were left out: the copy that did not run. */
  leftOut?: string[];
}

/** One file's entry in a coverage JSON report, as far as the totals need it. */
type FileSummary = Record<string, unknown>;

/**
 * The report's totals, or, when a package was measured in two folders (`copies`, each a package's
 * folders as the report names its files), the totals of its files without the copy that ran less
 * (the tests import one of them; the other's lines were never going to run).
 */
function keptTotals(
  doc: { totals?: unknown; files?: unknown },
  copies: readonly (readonly string[])[],
): { totals: unknown; leftOut: string[] } {
  const files = doc.files;
  if (copies.length === 0 || typeof files !== "object" || files === null) {
    return { totals: doc.totals, leftOut: [] };
  }
  const entries = Object.entries(files as Record<string, { summary?: FileSummary }>);
  const under = (folder: string) => (name: string) => name.startsWith(`${folder}/`);
  const covered = (folder: string) =>
    entries.filter(([name]) => under(folder)(name))
      .reduce((sum, [, f]) => sum + (count(f.summary ?? {}, "covered_lines") ?? 0), 0);
  const leftOut = copies.flatMap((folders) => {
    const best = folders.reduce((a, b) => covered(b) > covered(a) ? b : a);
    return folders.filter((f) => f !== best && entries.some(([name]) => under(f)(name)));
  });
  if (leftOut.length === 0) return { totals: doc.totals, leftOut };
  const kept = entries.filter(([name]) => !leftOut.some((f) => under(f)(name)));
  const sum = (key: string) => kept.reduce((n, [, f]) => n + (count(f.summary ?? {}, key) ?? 0), 0);
  const keys = ["covered_lines", "num_statements", "covered_branches", "num_branches"];
  return { totals: Object.fromEntries(keys.map((k) => [k, sum(k)])), leftOut };
}

function count(totals: Record<string, unknown>, key: string): number | undefined {
  const value = totals[key];
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function ratio(covered: number, total: number): Ratio {
  return { covered, total, percent: (covered / total) * 100 };
}

/**
 * Totals of a coverage.py JSON report: lines = covered_lines / num_statements, branches =
 * covered_branches / num_branches (never `percent_covered`, which mixes the two). Undefined when
 * no statement was measured; throws a `TypeError` when the text is not a coverage JSON report.
 * With `copies` (the folders of each package measured in two places), only the copy that ran is
 * counted, and the others are named in `leftOut`.
 *
 * @example
 * ```ts
 * import { parseCoverageTotals } from "./coverage_totals.ts";
 * parseCoverageTotals('{"totals":{"covered_lines":3,"num_statements":4}}')?.lines.percent; // 75
 * ```
 */
export function parseCoverageTotals(
  text: string,
  copies: readonly (readonly string[])[] = [],
): CoverageTotals | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new TypeError(`Cannot parse the coverage report: ${(error as Error).message}`);
  }
  const { totals, leftOut } = keptTotals((doc ?? {}) as { totals?: unknown }, copies);
  if (typeof totals !== "object" || totals === null) {
    throw new TypeError("Cannot parse the coverage report: no totals");
  }
  const t = totals as Record<string, unknown>;
  const lines = count(t, "covered_lines");
  const statements = count(t, "num_statements");
  if (lines === undefined || statements === undefined) {
    throw new TypeError(
      "Cannot parse the coverage report: totals lack covered_lines/num_statements",
    );
  }
  if (statements === 0) return undefined;
  const branches = count(t, "covered_branches");
  const numBranches = count(t, "num_branches");
  return {
    lines: ratio(lines, statements),
    ...(branches !== undefined && numBranches !== undefined && numBranches > 0
      ? { branches: ratio(branches, numBranches) }
      : {}),
    ...(leftOut.length > 0 ? { leftOut } : {}),
  };
}

/**
 * The files a `coverage json --ignore-errors` run could not parse (its `couldnt-parse` warnings),
 * each once, in order.
 *
 * @example
 * ```ts
 * import { unparsedFiles } from "./coverage_totals.ts";
 * unparsedFiles("CoverageWarning: Couldn't parse Python file '/s/pkg/a.py' (couldnt-parse)"); // ["/s/pkg/a.py"]
 * ```
 */
export function unparsedFiles(output: string): string[] {
  const files = [...output.matchAll(/Couldn't parse Python file '([^'\n]+)'/g)].map((m) =>
    m[1] as string
  );
  return [...new Set(files)];
}
