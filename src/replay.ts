/**
 * `audit --replay report.json`: what to rerun (the same target at the same commit, with the same
 * options) and how the new report differs from the old one. The diff is pure; only
 * {@link replayRequest} looks at the disk (git, as a trusted harness command).
 * @module
 */
import { resolve } from "node:path";
import { InputError } from "./errors.ts";
import type { Measurement } from "./measurement.ts";
import type { Report } from "./report/schema.ts";

/** A value before and after, keyed by what it belongs to. */
export interface Change<T> {
  key: string;
  before: T | undefined;
  after: T | undefined;
}

/** How two reports of one target differ. */
export interface ReplayDiff {
  level: Change<number> | undefined;
  statuses: Change<string>[];
  verdicts: Change<string>[];
  /** Timings whose medians lie further apart than their spread allows. */
  timings: Change<number>[];
}

/** The target and options to rerun a report with, and a note for the reader when it is not exact. */
export interface ReplayRequest {
  target: string;
  only: string[];
  timeoutMs?: number;
  installTimeoutMs?: number;
  python?: string;
  note?: string;
}

const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@[^:]+:)/i;

async function gitHead(dir: string): Promise<string | undefined> {
  const out = await new Deno.Command("git", {
    args: ["-c", "core.fsmonitor=false", "rev-parse", "--verify", "-q", "HEAD"],
    cwd: dir,
    stdout: "piped",
    stderr: "null",
    env: { GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" },
  }).output().catch(() => undefined);
  return out?.success ? new TextDecoder().decode(out.stdout).trim() : undefined;
}

/**
 * What to rerun for `report`, whose target path is relative to `cwd` (run the replay from where the
 * audit ran). A URL target is cloned at the recorded commit; a folder whose HEAD is that commit is
 * audited in place; a repository root at another commit is cloned at it. Throws an
 * {@link InputError} when the target cannot be had at that commit.
 */
export async function replayRequest(report: Report, cwd: string): Promise<ReplayRequest> {
  const { target, config } = report;
  const options = {
    only: Array.isArray(config.only) ? config.only.map(String) : [],
    ...(typeof config.timeoutMs === "number" ? { timeoutMs: config.timeoutMs } : {}),
    ...(typeof config.installTimeoutMs === "number"
      ? { installTimeoutMs: config.installTimeoutMs }
      : {}),
    ...(typeof config.python === "string" ? { python: config.python } : {}),
  };
  if (URL_LIKE.test(target.path)) {
    const at = target.commit ?? target.ref;
    return { target: at ? `${target.path}@${at}` : target.path, ...options };
  }
  const dir = resolve(cwd, target.path);
  if (!(await Deno.stat(dir).then((i) => i.isDirectory, () => false))) {
    throw new InputError(
      `Cannot replay ${target.path}: no such directory (run it where the audit ran)`,
    );
  }
  if (target.commit === null) {
    return {
      target: dir,
      ...options,
      note: "no commit recorded: replayed on the folder as it is now",
    };
  }
  if ((await gitHead(dir)) === target.commit) return { target: dir, ...options };
  if (target.repoPath) {
    throw new InputError(
      `Cannot replay ${target.path}: a folder of a repository now at another commit than ${
        target.commit.slice(0, 12)
      }; check that commit out first`,
    );
  }
  return { target: `${dir}@${target.commit}`, ...options };
}

function changes<T>(before: Map<string, T>, after: Map<string, T>): Change<T>[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys
    .filter((key) => before.get(key) !== after.get(key))
    .map((key) => ({ key, before: before.get(key), after: after.get(key) }));
}

function timings(report: Report): Map<string, Measurement> {
  return new Map(
    report.checks.flatMap((c) =>
      c.measurements.filter((m) => m.unit === "ms").map((m) => [`${c.id} ${m.metric}`, m] as const)
    ),
  );
}

/**
 * Whether two timings of one metric differ by more than their spread: 3 MADs of either run, and
 * never less than 25 % of the larger median (single runs vary that much on a shared machine).
 */
export function timingsDiffer(a: Measurement, b: Measurement): boolean {
  const spread = Math.max(
    3 * (a.stats?.mad ?? 0),
    3 * (b.stats?.mad ?? 0),
    0.25 * Math.max(a.value, b.value),
  );
  return Math.abs(a.value - b.value) > spread;
}

/** The differences between `before` and `after` (two reports of the same target). */
export function diffReports(before: Report, after: Report): ReplayDiff {
  const statuses = (r: Report) => new Map(r.checks.map((c) => [c.id, c.status as string]));
  const verdicts = (r: Report) =>
    new Map(r.claims.map((c) => [`${c.file}:${c.line} ${c.text}`, c.verdict as string]));
  const oldTimes = timings(before);
  const newTimes = timings(after);
  return {
    level: before.level.value === after.level.value
      ? undefined
      : { key: "level", before: before.level.value, after: after.level.value },
    statuses: changes(statuses(before), statuses(after)),
    verdicts: changes(verdicts(before), verdicts(after)),
    timings: [...oldTimes].flatMap(([key, a]) => {
      const b = newTimes.get(key);
      return b && timingsDiffer(a, b) ? [{ key, before: a.value, after: b.value }] : [];
    }),
  };
}

/** Whether a verdict changed: the level, a check's status or a claim's verdict (not timings). */
export function verdictChanged(diff: ReplayDiff): boolean {
  return diff.level !== undefined || diff.statuses.length > 0 || diff.verdicts.length > 0;
}

const show = (v: unknown) => (v === undefined ? "(absent)" : String(v));

/** The diff as lines for the terminal; one line when nothing changed. */
export function diffLines(diff: ReplayDiff): string[] {
  const lines: string[] = [];
  if (diff.level) lines.push(`level: ${show(diff.level.before)} → ${show(diff.level.after)}`);
  for (const c of diff.statuses) lines.push(`check ${c.key}: ${show(c.before)} → ${show(c.after)}`);
  for (const c of diff.verdicts) lines.push(`claim ${c.key}: ${show(c.before)} → ${show(c.after)}`);
  for (const c of diff.timings) {
    lines.push(`timing ${c.key}: ${show(c.before)} ms → ${show(c.after)} ms (beyond its spread)`);
  }
  if (lines.length === 0) return ["Replay: same level, statuses and claim verdicts"];
  return [
    verdictChanged(diff) ? "Replay: verdicts changed" : "Replay: only timings moved",
    ...lines,
  ];
}
