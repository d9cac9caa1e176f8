/**
 * Skip reasons of a test run, aggregated, and told apart: skips caused by a module missing *here*
 * (the reason names a module this environment cannot import, or the skip comes from
 * `pytest.importorskip`) from skips the suite makes everywhere. Pure: the check probes which
 * named modules import and hands the answer here.
 * @module
 */
import type { JUnitCase } from "../parsers/junit.ts";

/** Skip types that are expected failures, not skips. */
export const XFAIL_TYPES: readonly string[] = ["pytest.xfail", "unittest.expectedFailure"];

/** Whether a JUnit case is a skip (an xfail is not). */
export function isSkip(c: JUnitCase): boolean {
  return c.outcome === "skipped" && !XFAIL_TYPES.includes(c.type ?? "");
}

/**
 * The reason of a skip as the suite wrote it. pytest writes a module skipped at collection as
 * `message="collection skipped"` with the reason inside a tuple in the text:
 * `('/t/test_x.py', 2, "Skipped: could not import 'yaml': …")`.
 */
export function skipReason(c: JUnitCase): string {
  const message = c.message?.trim() ?? "";
  if (message !== "" && message !== "collection skipped") return message;
  const detail = c.detail ?? "";
  const inTuple = /Skipped: (.*?)["']\)\s*$/s.exec(detail);
  if (inTuple) return (inTuple[1] as string).replace(/\\'/g, "'");
  const located = /^[^\s:]+:\d+: (.+)$/s.exec(detail.trim());
  return (located?.[1] ?? detail.trim()) || message || "no reason given";
}

/** `could not import 'x'` is how `pytest.importorskip` words its skip. */
const IMPORTORSKIP = /^could not import '([\w.]+)'/;
/** Phrases that name a module the test needs: the module is captured. */
const NAMING: readonly RegExp[] = [
  /\bno module named ['"]?([\w.]+)/gi,
  /\b(?:cannot|can't|could not|unable to|failed to) import ['"`]?([\w.]+)/gi,
  /['"`]?([\w.-]+)['"`]? (?:is |are )?(?:not installed|not available|unavailable|not importable|not found|missing|required|is required|needed)\b/gi,
  /\b(?:requires?|needs?|without|missing|install) ['"`]?([A-Za-z_][\w.-]*)/gi,
];
/** Words those phrases catch that are not modules. */
const NOT_MODULES = new Set(
  [
    "a",
    "an",
    "the",
    "this",
    "that",
    "it",
    "test",
    "tests",
    "python",
    "python2",
    "python3",
    "py",
    "pypy",
    "cpython",
    "network",
    "internet",
    "gpu",
    "gpus",
    "cuda",
    "root",
    "admin",
    "windows",
    "linux",
    "macos",
    "osx",
    "darwin",
    "posix",
    "docker",
    "display",
    "x11",
    "module",
    "modules",
    "package",
    "packages",
    "version",
    "support",
    "access",
    "credentials",
    "token",
    "env",
    "environment",
    "data",
    "file",
    "files",
    "to",
    "be",
    "is",
    "not",
    "fixed",
    "implemented",
  ],
);

/** Module names a skip reason says the test needs (top-level import names, `-` read as `_`). */
export function namedModules(reason: string): string[] {
  const names = new Set<string>();
  const imported = IMPORTORSKIP.exec(reason);
  if (imported) names.add(imported[1] as string);
  for (const pattern of NAMING) {
    for (const m of reason.matchAll(pattern)) {
      const name = (m[1] as string).replace(/[.-]+$/, "").replace(/-/g, "_");
      if (!/^[A-Za-z_]\w*(\.\w+)*$/.test(name) || NOT_MODULES.has(name.toLowerCase())) continue;
      names.add(name);
    }
  }
  return [...names];
}

/** One skip reason and how many tests it skipped. */
export interface SkipReason {
  reason: string;
  count: number;
  /** Modules the reason names that do not import here; empty for a skip the suite makes anyway. */
  missingHere: string[];
}

/** The skips of a run, by reason (most frequent first), and those caused by this environment. */
export interface SkipSummary {
  reasons: SkipReason[];
  /** Tests skipped because a module is missing here. */
  environment: number;
  /** Tests skipped here per missing module (a skip naming two modules counts for each). */
  byModule: Record<string, number>;
}

/**
 * Aggregate the skips of `cases`. `importable` answers, for each name `namedModules()` found,
 * whether it imports in the environment (names it does not answer count as importable, so an
 * unprobed name never makes a skip environmental). An importorskip skip is always environmental.
 */
export function summarizeSkips(
  cases: readonly JUnitCase[],
  importable: Readonly<Record<string, boolean>>,
): SkipSummary {
  const counts = new Map<string, number>();
  for (const c of cases.filter(isSkip)) {
    const reason = skipReason(c);
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  const reasons: SkipReason[] = [...counts].map(([reason, count]) => {
    const imported = IMPORTORSKIP.exec(reason)?.[1];
    const missingHere = namedModules(reason).filter((name) =>
      name === imported || importable[name] === false
    );
    return { reason, count, missingHere };
  }).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  const byModule: Record<string, number> = {};
  let environment = 0;
  for (const r of reasons) {
    if (r.missingHere.length === 0) continue;
    environment += r.count;
    for (const name of r.missingHere) byModule[name] = (byModule[name] ?? 0) + r.count;
  }
  return { reasons, environment, byModule };
}

/** The modules whose import to probe for `cases`' skips (importorskip names need no probe). */
export function modulesToProbe(cases: readonly JUnitCase[]): string[] {
  const names = new Set<string>();
  for (const c of cases.filter(isSkip)) {
    const reason = skipReason(c);
    const imported = IMPORTORSKIP.exec(reason)?.[1];
    for (const name of namedModules(reason)) if (name !== imported) names.add(name);
  }
  return [...names].sort();
}

/** "4 skipped because a module is missing here (lxml ×3, yaml ×1)", or "" for none. */
export function environmentSkipText(summary: SkipSummary): string {
  if (summary.environment === 0) return "";
  const modules = Object.entries(summary.byModule).sort(([a, x], [b, y]) =>
    y - x || a.localeCompare(b)
  );
  const list = modules.length === 1
    ? modules[0]?.[0]
    : modules.map(([name, n]) => `${name} ×${n}`).join(", ");
  return `${summary.environment} skipped because a module is missing here (${list})`;
}

/** The line before the import probe's JSON. */
const IMPORTABLE_MARKER = "@@claimcheck-importable@@";

/**
 * Run as `python -c IMPORTABLE_SCRIPT name…`: whether each module can be found here (without
 * importing it), one JSON object after a marker line. Works on Python 2.7 and 3.
 */
export const IMPORTABLE_SCRIPT = [
  "import json, sys",
  "try:",
  "    from importlib.util import find_spec",
  "except ImportError:",
  "    import pkgutil",
  "    find_spec = pkgutil.find_loader",
  "found = {}",
  "for name in sys.argv[1:]:",
  "    try:",
  "        found[name] = find_spec(name) is not None",
  "    except Exception:",
  "        found[name] = False",
  `print('\\n${IMPORTABLE_MARKER}')`,
  "print(json.dumps(found))",
].join("\n");

/** The import probe's answer; empty when it did not finish. */
export function parseImportable(stdout: string): Record<string, boolean> {
  const at = stdout.lastIndexOf(IMPORTABLE_MARKER);
  if (at < 0) return {};
  try {
    const raw = JSON.parse(stdout.slice(at + IMPORTABLE_MARKER.length)) as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(raw).filter(([, v]) => typeof v === "boolean"),
    ) as Record<string, boolean>;
  } catch {
    return {};
  }
}
