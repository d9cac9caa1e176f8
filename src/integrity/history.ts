/**
 * repo.history, the pure part: a status document's headline figures over the commits that touched
 * it, and the figures that went down and came back with no change to anything but documentation in
 * between.
 * @module
 */
import type { Claim } from "../claims/claim.ts";
import { extractClaims } from "../claims/extract.ts";
import type { CheckOutcome, Finding } from "../check.ts";

/** One version of a document: the commit, oldest first, and its text then. */
export interface DocVersion {
  commit: string;
  text: string;
}

/** A headline figure at one version. */
interface Figure {
  key: string;
  value: number;
  claim: Claim;
}

/** The claims with a number, keyed by what they measure (metric and subject). */
function figures(version: DocVersion, file: string): Map<string, Figure> {
  const out = new Map<string, Figure>();
  for (const claim of extractClaims(version.text, file)) {
    if (claim.value === undefined) continue;
    const key = `${claim.kind}:${claim.metric ?? ""}:${claim.subject ?? ""}`;
    if (!out.has(key)) out.set(key, { key, value: claim.value, claim });
  }
  return out;
}

/** A figure that fell and came back. */
export interface Restoration {
  file: string;
  key: string;
  /** The figure before the fall, at the fall, and restored. */
  before: number;
  fell: number;
  restored: number;
  /** Commits: the retraction and the restoration. */
  retractedAt: string;
  restoredAt: string;
  /** Commits between retraction and restoration (the restoring one counted). */
  distance: number;
  /** The claim at the restoring version (for its line). */
  claim: Claim;
}

/**
 * The falls and restorations of each figure over `versions` (oldest first): a value below the one
 * before it, followed later by one at least as high as before the fall.
 */
export function restorations(file: string, versions: readonly DocVersion[]): Restoration[] {
  const series = versions.map((v) => figures(v, file));
  const keys = new Set(series.flatMap((s) => [...s.keys()]));
  const out: Restoration[] = [];
  for (const key of keys) {
    for (let i = 1; i < series.length; i++) {
      const prev = series[i - 1]?.get(key);
      const fell = series[i]?.get(key);
      if (prev === undefined || fell === undefined || !(fell.value < prev.value)) continue;
      for (let k = i + 1; k < series.length; k++) {
        const back = series[k]?.get(key);
        if (back === undefined || back.value < prev.value) continue;
        out.push({
          file,
          key,
          before: prev.value,
          fell: fell.value,
          restored: back.value,
          retractedAt: versions[i]?.commit as string,
          restoredAt: versions[k]?.commit as string,
          distance: k - i,
          claim: back.claim,
        });
        break;
      }
    }
  }
  return out;
}

/** Whether a changed path is documentation only (markdown, text, reStructuredText, `docs/`). */
export function isDocumentation(path: string): boolean {
  return /\.(md|markdown|rst|txt)$/i.test(path) || /^docs?\//.test(path);
}

const short = (sha: string) => sha.slice(0, 7);

/**
 * Findings: each restoration with no change to any non-documentation file between the retraction
 * and the restoration (`changed` gives the paths changed between two commits), at the restored
 * claim's line. `fail` on any; `pass` when documents were read and none was found.
 */
export function evaluateHistory(
  found: readonly Restoration[],
  changed: ReadonlyMap<string, readonly string[]>,
  documents: number,
  commits: number,
): CheckOutcome {
  const findings: Finding[] = [];
  for (const r of found) {
    const code = (changed.get(`${r.retractedAt}..${r.restoredAt}`) ?? []).filter((p) =>
      !isDocumentation(p)
    );
    if (code.length > 0) continue;
    const what = r.claim.metric ?? r.claim.kind;
    findings.push({
      message:
        `${what} went from ${r.before} to ${r.fell} at ${
          short(r.retractedAt)
        } and back to ${r.restored} at ` +
        `${short(r.restoredAt)}, ${r.distance} commit${
          r.distance === 1 ? "" : "s"
        } after the retraction; ` +
        "no code changed between",
      file: r.file,
      line: r.claim.line,
      subject: r.claim.metric ?? r.claim.kind,
      value: r.restored,
    });
  }
  const measurements = [{
    metric: "repo.history.restored",
    value: findings.length,
    unit: "count" as const,
  }];
  if (findings.length === 0) {
    return {
      status: "pass",
      summary:
        `No figure of ${documents} status document${documents === 1 ? "" : "s"} was restored ` +
        `without a code change (${commits} versions read)`,
      measurements,
    };
  }
  return {
    status: "fail",
    summary:
      `${findings.length} figure${
        findings.length === 1 ? "" : "s"
      } restored without a code change: ` +
      `${findings[0]?.file}:${findings[0]?.line} ${findings[0]?.message}`,
    measurements,
    findings,
  };
}
