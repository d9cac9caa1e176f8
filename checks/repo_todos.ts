/**
 * `repo.todos`: count the TODO/FIXME/XXX comments in the target's source files, with a `grep`
 * run through the executor so that the report shows the command.
 * @module
 */
import { readProbeFile } from "../src/safe_read.ts";
import type { Check, CheckContext, CheckOutcome, Finding, Measurement } from "../src/check.ts";
import type { Evidence } from "../src/evidence.ts";

/** The markers counted, each also measured alone as `repo.todos.<marker in lower case>`. */
export const MARKERS = ["TODO", "FIXME", "XXX"] as const;
/** A marker word right after a comment opener (`#`, `//`, `/*`, or a block comment's leading `*`), as an ERE. */
const PATTERN = "(#|//|/\\*|^[[:space:]]*\\*)[[:space:]]*(TODO|FIXME|XXX)";
const SOURCE_EXTENSIONS = [
  "py",
  "pyi",
  "pyx",
  "ts",
  "tsx",
  "js",
  "jsx",
  "mjs",
  "cjs",
  "rs",
  "go",
  "c",
  "h",
  "cc",
  "cpp",
  "hpp",
  "java",
  "kt",
  "rb",
  "sh",
  "swift",
  "cs",
  "php",
  "scala",
];
/** Folders that are not the target's own source. */
const SKIPPED_DIRS = [
  ".git",
  ".tox",
  ".venv",
  "venv",
  "node_modules",
  "vendor",
  "third_party",
  "site-packages",
  "__pycache__",
  "fixtures",
  "testdata",
  "dist",
  "build",
];
/** Findings kept (the first occurrences, by path and line). */
const MAX_FINDINGS = 20;
const MAX_MESSAGE = 120;

/** One marker comment: where, which marker, and the source line. */
export interface TodoHit {
  file: string;
  line: number;
  marker: (typeof MARKERS)[number];
  text: string;
}

/** The `grep` command that lists marker comments in source files below the current directory. */
export function grepArgv(): string[] {
  return [
    "grep",
    "-rnIE",
    PATTERN,
    ...SOURCE_EXTENSIONS.map((e) => `--include=*.${e}`),
    ...SKIPPED_DIRS.map((d) => `--exclude-dir=${d}`),
    ".",
  ];
}

const MARKER = /(TODO|FIXME|XXX)/;

/** Parse `grep -rn` output (`./path:line:text`) into hits sorted by path and line. */
export function parseGrep(output: string): TodoHit[] {
  const hits: TodoHit[] = [];
  for (const row of output.split("\n")) {
    const match = /^(?:\.\/)?(.+?):(\d+):(.*)$/.exec(row);
    if (match === null) continue;
    const [, file = "", line = "0", text = ""] = match;
    const marker = MARKER.exec(text)?.[1] as TodoHit["marker"] | undefined;
    if (marker === undefined) continue;
    hits.push({ file, line: Number(line), marker, text: text.trim() });
  }
  return hits.sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line);
}

function short(text: string): string {
  return text.length <= MAX_MESSAGE ? text : `${text.slice(0, MAX_MESSAGE - 1)}…`;
}

/**
 * Measure `repo.todos` (all markers) and `repo.todos.<marker>`; the first 20 hits become findings.
 * Informational: `pass` when there are none, `warn` otherwise.
 */
export function evaluateTodos(hits: readonly TodoHit[], evidence: number): CheckOutcome {
  const count = (metric: string, value: number): Measurement => ({
    metric,
    value,
    unit: "count",
    evidence,
  });
  const measurements = [
    count("repo.todos", hits.length),
    ...MARKERS.map((m) =>
      count(`repo.todos.${m.toLowerCase()}`, hits.filter((h) => h.marker === m).length)
    ),
  ];
  const findings: Finding[] = hits.slice(0, MAX_FINDINGS).map((h) => ({
    message: short(h.text),
    file: h.file,
    line: h.line,
  }));
  if (hits.length === 0) {
    return {
      status: "pass",
      summary: "No TODO/FIXME/XXX comments in source files",
      measurements,
      findings,
    };
  }
  const perMarker = MARKERS.map((m) => [m, hits.filter((h) => h.marker === m).length] as const)
    .filter(([, n]) => n > 0).map(([m, n]) => `${n} ${m}`).join(", ");
  const first = hits[0] as TodoHit;
  return {
    status: "warn",
    summary:
      `${hits.length} TODO/FIXME/XXX comment${hits.length === 1 ? "" : "s"} in source files ` +
      `(${perMarker}), first at ${first.file}:${first.line}`,
    measurements,
    findings,
  };
}

/** Why a grep run gave no usable answer, or undefined when it did (exit 0: hits, exit 1: none). */
export function grepFailure(evidence: Evidence): CheckOutcome | undefined {
  if (evidence.startError !== undefined) {
    return { status: "unverified", summary: `Cannot run grep: ${evidence.startError}` };
  }
  if (evidence.timedOut) {
    return { status: "error", summary: `Cannot search the source files: grep timed out` };
  }
  if (evidence.exitCode === 0 || evidence.exitCode === 1) return undefined;
  const why = evidence.exitCode === null
    ? `grep was killed by ${evidence.signal ?? "a signal"}`
    : `grep exited ${evidence.exitCode}`;
  const detail = evidence.stderrTail.trim() || evidence.stderrHead.trim();
  return {
    status: "error",
    summary: `Cannot search the source files: ${why}${detail ? `: ${detail.split("\n")[0]}` : ""}`,
  };
}

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const result = await ctx.exec(grepArgv(), { timeoutMs: ctx.options.timeoutMs });
  const failure = grepFailure(result.evidence);
  if (failure !== undefined) return failure;
  const output = result.evidence.exitCode === 0 ? await readProbeFile(result.stdoutPath) : "";
  return evaluateTodos(parseGrep(output), result.index);
}

/** `repo.todos`: TODO/FIXME/XXX comments in source files (for "no TODOs" claims). */
export const repoTodos: Check = {
  id: "repo.todos",
  category: "docs",
  applies: () => true,
  run,
};
