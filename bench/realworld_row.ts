/**
 * The pure part of `deno task bench:realworld`: one row per audited checkout (what the report
 * measured against the figures measured by hand), and the markdown table of the rows.
 *
 * The report is read loosely on purpose: the bench must also run against older reports, so every
 * field it looks for beyond the schema's core (a test plan, left-out requirements) may be absent.
 * @module
 */
import { z } from "zod";
import type { Report } from "../src/report/schema.ts";

/** Test counts as pytest (or unittest) reports them; modules that fail to import are errors. */
export const CountsSchema = z.object({
  collected: z.number().int().nonnegative(),
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
});
/** Test counts. */
export type Counts = z.infer<typeof CountsSchema>;

/** The hand figures of one repository at one commit. */
export const ExpectedEntrySchema = z.object({
  /** The maintainers' exact command, when it stops early (else it is `continued`). */
  exact: CountsSchema.optional(),
  /** The same command going on past collection errors (or with the workaround that let it run). */
  continued: CountsSchema,
  /** Line coverage in percent, when it was measured by hand. */
  coverageLines: z.number().min(0).max(100).optional(),
  /** Seconds of the by-hand install and test run. */
  byHand: z.object({ installSeconds: z.number().nonnegative(), testSeconds: z.number() }),
});
/** The hand figures of one repository at one commit. */
export type ExpectedEntry = z.infer<typeof ExpectedEntrySchema>;

/** Hand figures keyed by `owner/name@commit` (the full 40-digit commit). */
export const ExpectedSchema = z.record(
  z.string().regex(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/),
  ExpectedEntrySchema,
);
/** Hand figures keyed by `owner/name@commit`. */
export type Expected = z.infer<typeof ExpectedSchema>;

/** The expected entry whose key names `commit`, with its repository name. */
export function expectedFor(
  expected: Expected,
  commit: string | null,
): { repository: string; entry: ExpectedEntry } | undefined {
  if (!commit) return undefined;
  for (const [key, entry] of Object.entries(expected)) {
    const at = key.lastIndexOf("@");
    if (key.slice(at + 1) === commit) return { repository: key.slice(0, at), entry };
  }
  return undefined;
}

/** One audited checkout: measured against expected. */
export interface Row {
  repository: string;
  commit: string | null;
  /** The readiness level the audit gave. */
  level: string;
  install: { status: string; summary: string; leftOut: string[] };
  /** The test check that applied (`tests.pytest`, …), its status and whether any test ran. */
  tests: { check: string | null; status: string; summary: string; ran: boolean };
  /** Where the test plan came from (`ci`, `tox`, …), when the report has one. */
  planSource: string | null;
  /** The interpreter the audit used, when the report says. */
  python: string | null;
  measured: Counts | null;
  /** `tests.skipped.environment` and `tests.flaky`, where the test check measured them. */
  skippedEnvironment: number | null;
  flaky: number | null;
  expected: { exact: Counts; continued: Counts } | null;
  /**
   * Which hand figure the audit's own run corresponds to: `exact` when it stopped as the exact
   * command does (it did not go on past collection errors and ran no test), else `continued`.
   */
  compared: "exact" | "continued";
  /** Whether passed is within 5 % of the compared figure (null: nothing to compare). */
  passedWithin5: boolean | null;
  auditSeconds: number;
  byHandSeconds: number | null;
  /** audit ÷ by hand. */
  ratio: number | null;
  /** Why there is no report (the audit threw). */
  error?: string;
}

const TESTS_CHECK = /^tests\./;
const CONTINUE = "--continue-on-collection-errors";

type LooseCheck = Report["checks"][number] & Record<string, unknown>;

function measurement(check: LooseCheck, metric: string): number | undefined {
  return check.measurements.find((m) => m.metric === metric)?.value;
}

/** The test check that ran (not `skip`); a Python one before any other. */
function testsCheck(report: Report): LooseCheck | undefined {
  const candidates = report.checks.filter((c) =>
    c.category === "tests" && TESTS_CHECK.test(c.id) && c.status !== "skip"
  ) as LooseCheck[];
  return candidates.find((c) => c.id !== "tests.deno") ?? candidates[0];
}

function countsOf(check: LooseCheck | undefined): Counts | null {
  if (!check) return null;
  const passed = measurement(check, "tests.passed");
  if (passed === undefined) return null;
  const failed = measurement(check, "tests.failed") ?? 0;
  const skipped = measurement(check, "tests.skipped") ?? 0;
  const errors = measurement(check, "tests.errors") ?? 0;
  const collected = measurement(check, "tests.collected") ??
    (measurement(check, "tests.total") ?? passed + failed + skipped) +
      (measurement(check, "tests.xfailed") ?? 0) + (measurement(check, "tests.xpassed") ?? 0);
  return { collected, passed, failed, skipped, errors };
}

/** A requirement name out of a left-out entry (an object with `requirement`, or a sentence). */
function leftOutName(item: unknown): string | undefined {
  if (typeof item === "string") return item.trim() || undefined;
  if (item && typeof item === "object" && "requirement" in item) {
    const requirement = (item as { requirement: unknown }).requirement;
    return typeof requirement === "string" ? requirement : undefined;
  }
  return undefined;
}

/**
 * What install.python left out: a `leftOut` field where the report has one, else the findings and
 * the summary that say "left out".
 */
export function leftOutOf(check: LooseCheck | undefined): string[] {
  if (!check) return [];
  const field = check.leftOut ?? (check.data as Record<string, unknown> | undefined)?.leftOut;
  if (Array.isArray(field)) {
    return field.map(leftOutName).filter((n): n is string => n !== undefined);
  }
  const said = (text: string) => {
    const match = /left out:?\s*(.+)/i.exec(text);
    return match?.[1]?.trim();
  };
  const fromFindings = check.findings.map((f) => said(f.message)).filter((s): s is string =>
    s !== undefined
  );
  if (fromFindings.length > 0) return fromFindings;
  const fromSummary = said(check.summary);
  return fromSummary ? [fromSummary] : [];
}

/** Whether the test check's own run went on past collection errors. */
function ranContinued(check: LooseCheck | undefined): boolean {
  return check?.evidence.some((e) => e.argv.includes(CONTINUE)) ?? false;
}

/** Whether `measured` is within 5 % of `expected` (exactly 0 when 0 is expected). */
export function within5(measured: number, expected: number): boolean {
  return Math.abs(measured - expected) <= 0.05 * expected;
}

/** The row of one audit. */
export function rowOf(
  report: Report,
  found: { repository: string; entry: ExpectedEntry } | undefined,
  fallbackName: string,
  auditMs: number,
): Row {
  const install = report.checks.find((c) => c.id === "install.python") as LooseCheck | undefined;
  const tests = testsCheck(report);
  const measured = countsOf(tests);
  const entry = found?.entry;
  const expected = entry
    ? { exact: entry.exact ?? entry.continued, continued: entry.continued }
    : null;
  // The exact figures are of a command that stopped before running any test: a run compares with
  // them only when it did not go on past collection errors and ran no test either.
  const stoppedEarly = !ranContinued(tests) && measured !== null &&
    measured.passed + measured.failed === 0;
  const compared = entry?.exact && stoppedEarly ? "exact" : "continued";
  const figure = expected?.[compared];
  const byHand = entry ? entry.byHand.installSeconds + entry.byHand.testSeconds : null;
  const auditSeconds = auditMs / 1000;
  const ran = measured !== null && measured.passed + measured.failed > 0;
  return {
    repository: found?.repository ?? fallbackName,
    commit: report.target.commit,
    level: `${report.level.value} ${report.level.name}`,
    install: {
      status: install?.status ?? "absent",
      summary: install?.summary ?? "",
      leftOut: leftOutOf(install),
    },
    tests: {
      check: tests?.id ?? null,
      status: tests?.status ?? "absent",
      summary: tests?.summary ?? "",
      ran,
    },
    planSource: tests?.plan?.source ?? null,
    python: report.environment.python ?? null,
    measured,
    skippedEnvironment: tests ? measurement(tests, "tests.skipped.environment") ?? null : null,
    flaky: tests ? measurement(tests, "tests.flaky") ?? null : null,
    expected,
    compared,
    passedWithin5: figure && measured ? within5(measured.passed, figure.passed) : null,
    auditSeconds,
    byHandSeconds: byHand,
    ratio: byHand ? auditSeconds / byHand : null,
  };
}

/** The row of an audit that threw. */
export function failedRow(
  found: { repository: string; entry: ExpectedEntry } | undefined,
  fallbackName: string,
  commit: string | null,
  auditMs: number,
  error: string,
): Row {
  const entry = found?.entry;
  const byHand = entry ? entry.byHand.installSeconds + entry.byHand.testSeconds : null;
  return {
    repository: found?.repository ?? fallbackName,
    commit,
    level: "-",
    install: { status: "absent", summary: "", leftOut: [] },
    tests: { check: null, status: "absent", summary: "", ran: false },
    planSource: null,
    python: null,
    measured: null,
    skippedEnvironment: null,
    flaky: null,
    expected: entry ? { exact: entry.exact ?? entry.continued, continued: entry.continued } : null,
    compared: "continued",
    passedWithin5: null,
    auditSeconds: auditMs / 1000,
    byHandSeconds: byHand,
    ratio: null,
    error,
  };
}

const KEYS = ["collected", "passed", "failed", "skipped", "errors"] as const;

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

/** `measured / expected`, with the other figure after it when the two figures differ. */
function countCell(row: Row, key: typeof KEYS[number]): string {
  const m = row.measured ? String(row.measured[key]) : "–";
  if (!row.expected) return m;
  const { exact, continued } = row.expected;
  const other = row.compared === "exact" ? continued : exact;
  const main = row.expected[row.compared][key];
  const otherLabel = row.compared === "exact" ? "cont" : "exact";
  return other[key] === main ? `${m} / ${main}` : `${m} / ${main} (${otherLabel} ${other[key]})`;
}

function shorten(text: string, max = 90): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The markdown table of the rows, then one line of totals. */
export function markdownTable(rows: readonly Row[]): string {
  const header = [
    "repository",
    "commit",
    "suite ran? (tests check)",
    "plan",
    "vs",
    ...KEYS.map((k) => `${k} m / e`),
    "env skips / flaky",
    "passed ±5 %",
    "install",
    "left out",
    "audit s",
    "by hand s",
    "ratio",
  ];
  const lines = [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
  ];
  for (const row of rows) {
    const suite = row.error
      ? `no (audit threw: ${shorten(row.error, 60)})`
      : `${row.tests.ran ? "yes" : "no"} (${row.tests.check ?? "none"} ${row.tests.status})`;
    const leftOut = row.install.leftOut.length > 0
      ? `${row.install.leftOut.length}: ${shorten(row.install.leftOut.join("; "), 80)}`
      : "–";
    lines.push(
      `| ${
        [
          row.repository,
          row.commit?.slice(0, 12) ?? "–",
          suite,
          row.planSource ?? "–",
          row.expected && row.measured ? row.compared : "–",
          ...KEYS.map((k) => countCell(row, k)),
          `${row.skippedEnvironment ?? "–"} / ${row.flaky ?? "–"}`,
          row.passedWithin5 === null ? "–" : row.passedWithin5 ? "yes" : "no",
          row.install.status,
          leftOut,
          row.auditSeconds.toFixed(1),
          row.byHandSeconds?.toFixed(1) ?? "–",
          row.ratio?.toFixed(1) ?? "–",
        ].map(cell).join(" | ")
      } |`,
    );
  }
  const ran = rows.filter((r) => r.tests.ran).length;
  const close = rows.filter((r) => r.passedWithin5 === true).length;
  lines.push(
    "",
    `Suite ran on ${ran} of ${rows.length}; passed within 5 % of the hand figure on ${close} of ${rows.length}.`,
  );
  return lines.join("\n");
}
