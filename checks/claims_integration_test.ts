/**
 * End to end: real audits of the over-claiming Python fixtures; every claim's verdict is asserted.
 * @module
 */
import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { audit } from "../src/audit.ts";
import type { VerifiedClaim } from "../src/claims/claim.ts";
import { renderMarkdown } from "../src/report/markdown.ts";
import type { Report } from "../src/report/schema.ts";
import { fixture } from "./_report_helpers.ts";

// pip must not wait on an unreachable index.
Deno.env.set("PIP_INDEX_URL", "file:///opt/pypi/simple");

/**
 * A claim's key: `file:line what`, where what is the subject of an `exists` or `absence` claim, the
 * metric of a test, coverage or repo claim, else the kind (the extractor's metric name for a timing
 * or size phrase is its own business; a binding decides what measures it).
 */
function keyOf(claim: VerifiedClaim): string {
  const what = claim.kind === "exists" || claim.kind === "absence"
    ? claim.subject
    : ["tests", "coverage", "repo"].includes(claim.kind)
    ? claim.metric
    : claim.kind;
  return `${claim.file}:${claim.line} ${what ?? claim.kind}`;
}

function verdicts(report: Report): Record<string, string> {
  return Object.fromEntries(report.claims.map((c) => [keyOf(c), c.verdict]));
}

function claimAt(report: Report, key: string): VerifiedClaim {
  const found = report.claims.find((c) => keyOf(c) === key);
  ok(found, `no claim ${key}; claims: ${report.claims.map(keyOf).join(", ")}`);
  return found;
}

function explain(report: Report): string {
  const claims = report.claims.map((c) => `${keyOf(c)} → ${c.verdict}: ${c.reason}`);
  const checks = report.checks.map((c) => `${c.id} ${c.status}: ${c.summary}`);
  return [JSON.stringify(report.level), ...checks, ...claims].join("\n");
}

Deno.test("audit() of py_overclaim: every claim's verdict", async () => {
  const report = await audit({ target: fixture("py_overclaim") });
  const why = explain(report);
  deepStrictEqual(verdicts(report), {
    "README.md:4 STATUS.md": "verified",
    "STATUS.md:3 status": "unverified",
    "STATUS.md:7 tests.passed": "contradicted",
    "STATUS.md:7 tests.failed": "verified",
    "STATUS.md:8 coverage.lines": "contradicted",
    "STATUS.md:9 TODO": "contradicted",
    "STATUS.md:13 src/overclaim/temperature.py": "verified",
    "STATUS.md:14 overclaim.length": "verified",
    "STATUS.md:15 src/overclaim/turbo.py": "contradicted",
    "STATUS.md:16 repo.examples": "verified",
    "STATUS.md:16 examples/": "verified",
  }, why);
  deepStrictEqual(
    claimAt(report, "STATUS.md:7 tests.passed").reason.split("; ").slice(0, 2),
    ["claimed 42 passed", "measured 8 passed"],
    why,
  );
  match(
    claimAt(report, "STATUS.md:8 coverage.lines").reason,
    /^claimed 97 % line coverage; measured 6\d/,
  );
  match(
    claimAt(report, "STATUS.md:9 TODO").reason,
    /found 1, first at src\/overclaim\/temperature\.py:\d+$/,
  );
  match(
    claimAt(report, "STATUS.md:15 src/overclaim/turbo.py").reason,
    /^no file src\/overclaim\/turbo\.py/,
  );
});

Deno.test("audit() of demo: over-claims in every kind, a few claims right", async () => {
  const report = await audit({ target: fixture("demo") });
  const why = explain(report);
  deepStrictEqual(verdicts(report), {
    "README.md:6 STATUS.md": "verified",
    "STATUS.md:3 status": "contradicted",
    "STATUS.md:5 status": "contradicted",
    "STATUS.md:9 tests.passed": "contradicted",
    "STATUS.md:9 tests.failed": "contradicted",
    "STATUS.md:10 coverage.lines": "contradicted",
    "STATUS.md:14 timing": "contradicted",
    "STATUS.md:15 timing": "contradicted",
    "STATUS.md:16 size": "contradicted",
    "STATUS.md:20 quickstats/core.py": "verified",
    "STATUS.md:21 quickstats/plotting.py": "contradicted",
    "STATUS.md:22 quickstats.export": "verified",
    // "3 runnable examples": counted right, but no probe ran them (issue 8 §4).
    "STATUS.md:23 repo.examples": "unverified",
    "STATUS.md:23 examples/": "verified",
    "STATUS.md:24 repo.workflows": "verified",
    "STATUS.md:25 TODO": "contradicted",
    "STATUS.md:25 FIXME": "contradicted",
  }, why);
  // Its CI runs the `pytest` command on a flat layout: the installed copy runs, and is measured.
  strictEqual(
    claimAt(report, "STATUS.md:10 coverage.lines").reason,
    "claimed 95.5 % line coverage; measured 57.33 %",
    why,
  );
  const bound = claimAt(report, "STATUS.md:15 timing");
  match(
    bound.reason,
    /^claimed < 5 ms \(perf\.command\.csv-export\); measured \d+(?:\.\d+)? ms median ± /,
    why,
  );
  deepStrictEqual(bound.measured?.check, "perf.bindings");
  match(
    claimAt(report, "STATUS.md:23 repo.examples").reason,
    /^claimed 3 examples; measured 3 examples .*; whether they work \(runnable\) was not measured$/,
    why,
  );
  match(claimAt(report, "STATUS.md:16 size").reason, /2\.52 kB \(2517 bytes\)/, why);
  match(
    claimAt(report, "STATUS.md:3 status").reason,
    // Judged by the target's own faults, named (issue 8 §2), no longer by the level alone.
    /^claimed production ready; the target's own faults: 1 test fails \(test_percentile_max\)$/,
    why,
  );
  match(
    String((report.config.configFile as { sha256?: string } | undefined)?.sha256),
    /^[0-9a-f]{64}$/,
    "the config file's hash is recorded",
  );
  ok(renderMarkdown(report).includes("Blocked by the target:\n- tests.pytest fail: "), why);
});

Deno.test("audit() of py_honest_downgrade: an honest low status is never punished", async () => {
  const report = await audit({ target: fixture("py_honest_downgrade") });
  const why = explain(report);
  deepStrictEqual(verdicts(report), {
    "README.md:3 STATUS.md": "verified",
    "STATUS.md:3 status": "verified",
    "STATUS.md:5 status": "verified",
  }, why);
  match(
    claimAt(report, "STATUS.md:3 status").reason,
    /^claimed complete ~30 %; the evidence agrees: 2 tests fail \(test_reading_minutes_rounds_up, test_reading_minutes_short_text\)$/,
    why,
  );
  deepStrictEqual(report.summary.contradicted, 0, why);
});

Deno.test("audit() of py_scoped_counts: a count scoped to a test folder is judged there", async () => {
  const report = await audit({ target: fixture("py_scoped_counts") });
  const why = explain(report);
  deepStrictEqual(verdicts(report), {
    "README.md:4 STATUS.md": "verified",
    "STATUS.md:5 tests.total": "verified",
    "STATUS.md:5 tests/unit/": "verified",
    "STATUS.md:6 tests/e2e/": "verified",
    "STATUS.md:6 tests.total": "contradicted",
    "STATUS.md:7 repo.listed": "contradicted",
    "STATUS.md:7 tally/core.py": "verified",
    "STATUS.md:7 tally/render.py": "contradicted",
  }, why);
  deepStrictEqual(
    claimAt(report, "STATUS.md:6 tests.total").reason,
    "claimed 6 tests in tests/e2e/; tests.pytest collected 2 there",
    why,
  );
  match(
    claimAt(report, "STATUS.md:7 repo.listed").reason,
    /1 exist, missing: tally\/render\.py$/,
    why,
  );
});

Deno.test("audit() with --only: no claim is contradicted by a check that did not run", async () => {
  const report = await audit({ target: fixture("py_overclaim"), only: ["tests", "docs"] });
  const why = explain(report);
  deepStrictEqual(report.level.partial, "level from a partial audit: --only tests,docs", why);
  ok(report.level.notMeasured?.some((b) => /build\.python was not selected/.test(b)), why);
  deepStrictEqual(report.level.blockedByTarget, [], why);
  const ran = new Set(report.checks.map((c) => c.id));
  for (const c of report.claims.filter((c) => c.verdict === "contradicted")) {
    const by = c.measured?.check;
    ok(by === undefined || by === "snapshot" || ran.has(by), `${keyOf(c)}: ${c.reason}`);
  }
  deepStrictEqual(claimAt(report, "STATUS.md:3 status").verdict, "unverified", why);
  match(
    claimAt(report, "STATUS.md:3 status").reason,
    /nothing measured speaks against it, but readiness level 1 \(Installs\): not measured here: build\.python was not selected$/,
    why,
  );
  deepStrictEqual(
    claimAt(report, "STATUS.md:8 coverage.lines").reason,
    "not measured: coverage.python was not selected",
    why,
  );
  deepStrictEqual(report.config.only, ["tests", "docs"], why);
  const markdown = renderMarkdown(report);
  ok(markdown.includes("_level from a partial audit: --only tests,docs_"), markdown);
  ok(
    markdown.includes("Not measured here:\n- not measured: build.python was not selected"),
    markdown,
  );
});
