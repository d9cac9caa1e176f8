/**
 * repo.history, the pure part: a status document's headline figures over the commits that touched
 * it, and the figures that went down and came back with no change to anything but documentation in
 * between; and each figure at HEAD compared with the commit that wrote it (the commit `git blame`
 * names for its line): a figure raised by that commit when nothing but documentation changed since
 * the figure it replaced was written.
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

/** A figure at HEAD that its writing commit raised over the one it replaced. */
export interface Raise {
  file: string;
  key: string;
  /** The figure replaced, and the figure at HEAD. */
  from: number;
  to: number;
  /** The commit that wrote the line at HEAD, and the oldest version that already held `from`. */
  writtenAt: string;
  previousAt: string;
  /** The claim at HEAD (for its line). */
  claim: Claim;
}

/** Metrics and units where a lower figure is the better one (timings, sizes, failures). */
const LOWER_IS_BETTER = /failed|errors|missing|unused|skipped|vacuous|todos|latency|duration/i;

/** Whether going from `from` to `to` makes `claim` sound better: up, or down for timings, sizes, failures. */
function improves(claim: Claim, from: number, to: number): boolean {
  const lower = claim.unit === "ms" || claim.unit === "bytes" ||
    LOWER_IS_BETTER.test(claim.metric ?? "");
  return lower ? to < from : to > from;
}

/**
 * The figures of the last of `versions` (oldest first, the last one HEAD's) that the commit which
 * wrote their line (`blame`: line at HEAD → commit) made better than the figure the version before
 * it held; a version older than the versions read, or a figure new at that commit, is no raise. A
 * lowered figure is never one: an honest downgrade is not suspicious.
 */
export function raises(
  file: string,
  versions: readonly DocVersion[],
  blame: ReadonlyMap<number, string>,
): Raise[] {
  const series = versions.map((v) => figures(v, file));
  const out: Raise[] = [];
  for (const head of series.at(-1)?.values() ?? []) {
    const writtenAt = blame.get(head.claim.line);
    const i = versions.findIndex((v) => v.commit === writtenAt);
    const before = i > 0 ? series[i - 1]?.get(head.key) : undefined;
    if (writtenAt === undefined || before === undefined) continue;
    if (!improves(head.claim, before.value, head.value)) continue;
    let j = i - 1;
    while (j > 0 && series[j - 1]?.get(head.key)?.value === before.value) j--;
    out.push({
      file,
      key: head.key,
      from: before.value,
      to: head.value,
      writtenAt,
      previousAt: versions[j]?.commit as string,
      claim: head.claim,
    });
  }
  return out;
}

/** Whether a changed path is documentation only (markdown, text, reStructuredText, `docs/`). */
export function isDocumentation(path: string): boolean {
  return /\.(md|markdown|rst|txt)$/i.test(path) || /^docs?\//.test(path);
}

const short = (sha: string) => sha.slice(0, 7);

/** The non-documentation paths changed between two commits, as `changed` records them. */
function codeChanged(changed: ReadonlyMap<string, readonly string[]>, from: string, to: string) {
  return (changed.get(`${from}..${to}`) ?? []).filter((p) => !isDocumentation(p));
}

function restoredFinding(r: Restoration): Finding {
  const what = r.claim.metric ?? r.claim.kind;
  return {
    message: `${what} went from ${r.before} to ${r.fell} at ${
      short(r.retractedAt)
    } and back to ${r.restored} at ${short(r.restoredAt)}, ${r.distance} commit${
      r.distance === 1 ? "" : "s"
    } after the retraction; no code changed between`,
    file: r.file,
    line: r.claim.line,
    subject: what,
    value: r.restored,
  };
}

function raisedFinding(r: Raise): Finding {
  const what = r.claim.metric ?? r.claim.kind;
  return {
    message: `${what} was raised from ${r.from} to ${r.to} at ${
      short(r.writtenAt)
    }, a commit that changed only documentation; no code or test changed since ${r.from} was written at ${
      short(r.previousAt)
    }`,
    file: r.file,
    line: r.claim.line,
    subject: what,
    value: r.to,
  };
}

/**
 * Findings: each restoration with no change to any non-documentation file between the retraction
 * and the restoration, at the restored claim's line; each raise with no such change between the
 * version that held the old figure and the commit that wrote the new one (a raise that is itself a
 * restoration is reported once, as the restoration). `changed` gives the paths changed between two
 * commits (`from..to`). `fail` on any; `pass` when documents were read and none was found.
 */
export function evaluateHistory(
  found: readonly Restoration[],
  raised: readonly Raise[],
  changed: ReadonlyMap<string, readonly string[]>,
  documents: number,
  commits: number,
): CheckOutcome {
  const restored = found.filter((r) =>
    codeChanged(changed, r.retractedAt, r.restoredAt).length === 0
  );
  const unsupported = raised.filter((r) =>
    codeChanged(changed, r.previousAt, r.writtenAt).length === 0 &&
    !restored.some((s) => s.file === r.file && s.key === r.key && s.restoredAt === r.writtenAt)
  );
  const findings = [...restored.map(restoredFinding), ...unsupported.map(raisedFinding)];
  const measurements = [
    { metric: "repo.history.restored", value: restored.length, unit: "count" as const },
    { metric: "repo.history.raised", value: unsupported.length, unit: "count" as const },
  ];
  if (findings.length === 0) {
    return {
      status: "pass",
      summary: `No figure of ${documents} status document${
        documents === 1 ? "" : "s"
      } was restored or raised without a code change (${commits} versions read)`,
      measurements,
    };
  }
  return {
    status: "fail",
    summary: `${findings.length} figure${
      findings.length === 1 ? "" : "s"
    } restored or raised without a code change: ${findings[0]?.file}:${findings[0]?.line} ${
      findings[0]?.message
    }`,
    measurements,
    findings,
  };
}
