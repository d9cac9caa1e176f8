import assert from "node:assert/strict";
import type { Claim } from "./claim.ts";
import { extractClaims } from "./extract.ts";

/** The parts of a claim a case states; `value` absent means the claim has none. */
type Want =
  & Pick<Claim, "kind">
  & Partial<Pick<Claim, "metric" | "subject" | "comparator" | "unit">>
  & {
    value?: number;
  };

function shape(claim: Claim): Want {
  const want: Want = { kind: claim.kind };
  if (claim.metric !== undefined) want.metric = claim.metric;
  if (claim.subject !== undefined && claim.kind !== "status") want.subject = claim.subject;
  if (claim.comparator !== undefined) want.comparator = claim.comparator;
  if (claim.value !== undefined) want.value = claim.value;
  if (claim.unit !== undefined) want.unit = claim.unit;
  return want;
}

const t = (metric: string, comparator: Claim["comparator"], value: number): Want => ({
  kind: "tests",
  metric,
  comparator,
  value,
  unit: metric === "tests.durationMs" ? "ms" : metric === "tests.passRate" ? "percent" : "count",
});
const cov = (metric: string, comparator: Claim["comparator"], value: number): Want => ({
  kind: "coverage",
  metric,
  comparator,
  value,
  unit: "percent",
});
const ms = (metric: string, comparator: Claim["comparator"], value: number): Want => ({
  kind: metric === "tests.durationMs" ? "tests" : "timing",
  metric,
  comparator,
  value,
  unit: "ms",
});
const bytes = (metric: string, comparator: Claim["comparator"], value: number): Want => ({
  kind: "size",
  metric,
  comparator,
  value,
  unit: "bytes",
});
const rps = (comparator: Claim["comparator"], value: number): Want => ({
  kind: "throughput",
  metric: "perf.throughput",
  comparator,
  value,
  unit: "rps",
});
const repo = (metric: string, comparator: Claim["comparator"], value: number): Want => ({
  kind: "repo",
  metric,
  comparator,
  value,
  unit: "count",
});
const exists = (subject: string): Want => ({ kind: "exists", subject });
const absent = (metric: string, subject: string): Want => ({
  kind: "absence",
  metric,
  subject,
  comparator: "=",
  value: 0,
  unit: "count",
});
const status: Want = { kind: "status", metric: "level" };
const scored = (comparator: Claim["comparator"], value: number): Want => ({
  kind: "status",
  metric: "level",
  comparator,
  value,
  unit: "percent",
});

/** Sentences of our own, each with the claims a careful reader takes from it (none: []). */
const CLAIMS: ReadonlyArray<readonly [string, readonly Want[]]> = [
  // test counts
  ["All 128 unit tests pass.", [t("tests.passed", "=", 128)]],
  ["- 342 passed, 3 skipped, 1 xfailed in 12.5s", [
    t("tests.passed", "=", 342),
    t("tests.skipped", "=", 3),
    t("tests.durationMs", "=", 12500),
  ]],
  ["Test suite: 57/60 tests passing", [t("tests.passed", "=", 57), t("tests.total", "=", 60)]],
  ["Zero failing tests on main.", [t("tests.failed", "=", 0)]],
  ["The suite reports 0 failures and 0 errors.", [
    t("tests.failed", "=", 0),
    t("tests.errors", "=", 0),
  ]],
  ["**Tests skipped:** 4", [t("tests.skipped", "=", 4)]],
  ["Running pytest collected 212 items.", [t("tests.total", "=", 212)]],
  ["We now have 95 passing tests and 2 skipped tests.", [
    t("tests.passed", "=", 95),
    t("tests.skipped", "=", 2),
  ]],
  ["```\nok | 12 passed | 0 failed (340ms)\n```", [
    t("tests.passed", "=", 12),
    t("tests.failed", "=", 0),
    t("tests.durationMs", "=", 340),
  ]],
  ["Tests: 42 passed, 0 failed", [t("tests.passed", "=", 42), t("tests.failed", "=", 0)]],
  ["Pass rate: 98.5% across the test matrix", [t("tests.passRate", "=", 98.5)]],
  ["2 collection errors remain in the test run.", [t("tests.collectionErrors", "=", 2)]],
  ["All tests green on CI.", [t("tests.passRate", "=", 100)]],
  ["## Results: 48 passed, 2 failed", [t("tests.passed", "=", 48), t("tests.failed", "=", 2)]],
  ["Every release candidate had a 100% test success rate.", [t("tests.passRate", "=", 100)]],
  // coverage
  ["Line coverage is 91.2%.", [cov("coverage.lines", "=", 91.2)]],
  ["Branch coverage: 78%", [cov("coverage.branches", "=", 78)]],
  ["We reached 88%+ code coverage.", [cov("coverage.lines", "≥", 88)]],
  ["| Metric | Value |\n| --- | --- |\n| Coverage | 93% |", [cov("coverage.lines", "=", 93)]],
  ["Coverage ~80% (measured with coverage.py)", [cov("coverage.lines", "~", 80)]],
  ["Coverage 92% (target: 90%)", [cov("coverage.lines", "=", 92)]],
  // timings
  ["Cold start takes about 1.2 s on a laptop.", [ms("perf.command.startup", "~", 1200)]],
  ["Median inference latency: 4.1 ms (p95 6.3 ms)", [
    ms("perf.latency.p50", "=", 4.1),
    ms("perf.latency.p95", "=", 6.3),
  ]],
  ["`import mypkg` takes 48ms", [ms("perf.import.mypkg", "=", 48)]],
  ["Exports complete in under 50 ms for small graphs.", [ms("perf.command.export", "<", 50)]],
  ["The full test run finishes in 3 minutes.", [ms("tests.durationMs", "=", 180_000)]],
  ["Build time: 42s", [ms("perf.command.build", "=", 42_000)]],
  ["p99 latency stays below 12ms", [ms("perf.latency.p99", "<", 12)]],
  ["Response time p95: 180ms (budget 250ms)", [ms("perf.latency.p95", "=", 180)]],
  ["export: 12 ms, import: 30 ms", [
    ms("perf.command.export", "=", 12),
    ms("perf.import", "=", 30),
  ]],
  ["Test suite duration: 19 s", [ms("tests.durationMs", "=", 19_000)]],
  ["**Duration**: 30 minutes of pairing", []],
  // sizes
  ["The wheel is 84 KB.", [bytes("size.package", "=", 84_000)]],
  ["Peak memory usage: 350 MiB", [bytes("size.memory", "=", 350 * 2 ** 20)]],
  ["The Docker image weighs 1.2 GB.", [bytes("size.container", "=", 1.2e9)]],
  ["Output file size stays under 2MB", [bytes("size.file", "<", 2e6)]],
  ["- Sample data file: under 1 KB", [bytes("size.file", "<", 1000)]],
  ["The generated report file weighs ~3 MB.", [bytes("size.file", "~", 3e6)]],
  ["Memory: 40 MB per file", []],
  ["The file system has 2 GB free.", []],
  // throughput
  ["Sustains 850 req/s on one core.", [rps("=", 850)]],
  ["Throughput: ~1,200 requests per second", [rps("~", 1200)]],
  // repository counts
  ["Includes 14 runnable examples.", [repo("repo.examples", "=", 14)]],
  ["3 GitHub Actions workflows run on every push.", [repo("repo.workflows", "=", 3)]],
  ["The package contains 27 modules.", [repo("repo.modules", "=", 27)]],
  ["Over 40 Python files.", [repo("repo.files.python", ">", 40)]],
  ["18 test files cover the CLI.", [repo("repo.tests", "=", 18)]],
  ["About 4,500 lines of code in total.", [repo("repo.linesOfCode", "~", 4500)]],
  ["**Workflows**: 4", [repo("repo.workflows", "=", 4)]],
  // named files and modules
  ["The CLI lives in `src/mytool/cli.py`.", [exists("src/mytool/cli.py")]],
  ["Release notes are kept in CHANGELOG.md.", [exists("CHANGELOG.md")]],
  ["- **Changed**: loader.py (retries), __init__.py (exports)", [
    exists("loader.py"),
    exists("__init__.py"),
  ]],
  ["The package runs with __main__.py and says **done**.", [exists("__main__.py")]],
  ["Configuration is read from `config/defaults.yaml`.", [exists("config/defaults.yaml")]],
  ["`from mytool import run` works out of the box.", [exists("mytool")]],
  ["A Dockerfile and a Makefile are included.", [exists("Dockerfile"), exists("Makefile")]],
  ["Hidden settings sit in `.tool/settings.json`.", [exists(".tool/settings.json")]],
  ["## Layout\n\n- `overclaim.length` — metric and imperial lengths", [exists("overclaim.length")]],
  ["## Project structure\n\n- `pkg.cli`: command-line entry point", [exists("pkg.cli")]],
  ["| Module | Purpose |\n| --- | --- |\n| `pkg.io.readers` | CSV and JSON readers |", [
    exists("pkg.io.readers"),
  ]],
  ["The `quickstats.export` module prints a CSV summary.", [exists("quickstats.export")]],
  ["Module `pkg.retry` wraps every request.", [exists("pkg.retry")]],
  ["## Layout\n\n- `config.yaml` — settings of the CLI", [exists("config.yaml")]],
  // dotted names that are not modules of the target
  ["## Layout\n\n- `result.data` contains the full dataset", []],
  ["## Layout\n\n- `os.path` — path handling", []],
  ["## API\n\n- `pkg.mean` — arithmetic mean", []],
  ["## Layout\n\n- `pkg.core.Engine` — the engine class", []],
  ["## Layout\n\n- `v1.2` — first stable release", []],
  ["Paths are joined with the `os.path` module.", []],
  ["## Components\n\n- `np.array` — fast arrays", []],
  ["Removed the `pkg.legacy` module.", []],
  // absences
  ["No TODO comments remain in the source.", [absent("repo.todos", "TODO")]],
  ["Zero FIXME or HACK markers.", [absent("repo.todos", "FIXME"), absent("repo.todos", "HACK")]],
  ["Lint passes with zero warnings.", [absent("lint.warnings", "warnings")]],
  ["mypy reports no errors.", [absent("typecheck.errors", "errors")]],
  ["The package builds without warnings.", [absent("build.warnings", "warnings")]],
  ["No known vulnerabilities (pip-audit).", [
    absent("security.vulnerabilities", "vulnerabilities"),
  ]],
  ["Zero high-severity vulnerabilities", [
    absent("security.vulnerabilities.high", "vulnerabilities"),
  ]],
  // status
  ["Status: Production-ready", [status]],
  ["Version 2.1 is ready for release.", [status]],
  ["Overall readiness score: 72%", [scored("=", 72)]],
  ["Core API — 100% complete", [scored("=", 100)]],
  ["| Component | State |\n| --- | --- |\n| Parser | ✅ Production ready |", [status]],
  ["The service is production ready and ready for deployment.", [status]],
  // goals, targets and plans
  ["Target: export under 25 ms", []],
  ["Goal: 90% line coverage by the next release", []],
  ["We aim for sub-100ms startup.", []],
  ["Import time should stay below 50ms.", []],
  ["Coverage will be above 80% once the parser tests land.", []],
  ["The model is expected to load in under 2 seconds.", []],
  ["## Next Steps\n\n- Reach 95% coverage\n- Startup at 300 ms", []],
  ["## Roadmap\n\nThe v3 engine delivers 2,000 RPS.", []],
  ["- [ ] 90% branch coverage", []],
  ["- [ ] Keep import below 40ms\n  - 35ms on the reference laptop", []],
  ["| Metric | Target | Actual |\n| --- | --- | --- |\n| Coverage | 90% | 84% |", [
    cov("coverage.lines", "=", 84),
  ]],
  ["The job fails below 80% coverage.", []],
  ["CI enforces 85% coverage.", []],
  // requirements, versions, dates
  ["Requires Python ≥ 3.9 and 4 GB RAM.", []],
  ["Released on 2024-03-01 as version 1.4.2.", []],
  ["Supports Python 3.8-3.12.", []],
  ["Tested on 16GB RAM machines.", []],
  ["Memory limit: 512MB", []],
  ["Uses 2 workers by default.", []],
  // code that is not captured output
  ["```bash\npip install mytool==2.0\npytest -q --timeout 30\n```", []],
  ["```python\ntimeout = 30  # seconds\nassert run() < 0.5\n```", []],
  ["```yaml\ncoverage:\n  fail_under: 85\n```", []],
  // negations, history, conditions, questions
  ["Not yet production ready.", []],
  ["Coverage is not measured yet.", []],
  ["The suite previously took 40 s.", []],
  ["Is the import under 50ms?", []],
  ["If caching is enabled, startup drops to 80 ms.", []],
  ["Say we’d bundle it, we’d get a 1.02 kB package.", []],
  ["We cannot verify the 120 ms export time here.", []],
  // comparisons and changes
  ["3x faster than the previous release.", []],
  ["Reduced bundle size by 40%.", []],
  ["Coverage went from 85% to 80%.", []],
  ["Comparison: ours 12 ms vs theirs 30 ms", []],
  // settings and bounds
  ["Timeout: 30s per request", []],
  ["Retries back off after 250 ms.", []],
  ["Wait 5 seconds for the server.", []],
  ["Valid range: 10-500ms", []],
  // other percentages and numbers that are not claims about the target
  ["100% API coverage", []],
  ["Docstring coverage: 100%", []],
  ["- **Monitoring Coverage**: 100%", []],
  ["Observability coverage reached 95%.", []],
  ["Security coverage: 90%", []],
  ["4/4 quality gates passed in the test run.", []],
  // a kind of tests is a part of the suite
  ["- **Security Tests**: 14/14 PASS", [
    { ...t("tests.passed", "=", 14), subject: "security tests" },
    { ...t("tests.total", "=", 14), subject: "security tests" },
  ]],
  [
    "| Suite | Result |\n| --- | --- |\n| Error Handling Tests | ✅ 15/15 passed (100% success rate) |",
    [
      { ...t("tests.passed", "=", 15), subject: "error handling tests" },
      { ...t("tests.total", "=", 15), subject: "error handling tests" },
      { ...t("tests.passRate", "=", 100), subject: "error handling tests" },
    ],
  ],
  ["- **Unit Tests**: 20/20 passing", [t("tests.passed", "=", 20), t("tests.total", "=", 20)]],
  ["- **Performance Tests**: all passed (0.03ms average)", [ms("perf.command", "=", 0.03)]],
  ["Each test takes 4 ms on average.", [ms("perf.command", "=", 4)]],
  ["Error rate < 0.1%", []],
  ["Uptime 99.95% over 30 days", []],
  ["95% of users are satisfied.", []],
  ["The team has 5 engineers.", []],
  ["Refactored 12 files in this iteration.", []],
  ["We added 30 new tests this sprint.", []],
  ["6 critical test categories were defined.", []],
  // tasks, commands, libraries
  ["Install with `pip install mytool`.", []],
  ["`python -m mytool` runs the pipeline.", []],
  ["Node.js 20 is supported.", []],
  ["Add tests for `src/new_feature.py`.", []],
  ["The `/proc/meminfo` parser works.", []],
  ['The log said "Tests passed: 3/3" before the crash.', []],
  // README-style sentences
  ["Startup is under 100ms.", [ms("perf.command.startup", "<", 100)]],
  ["Each worker uses ~50MB of memory.", [bytes("size.memory", "~", 50e6)]],
  ["Handles 10k requests/sec.", [rps("=", 10_000)]],
  ["This library has 100% test coverage.", [cov("coverage.lines", "=", 100)]],
  ["Supports over 100 languages.", []],
  ["Used by 500+ companies.", []],
  ["Works with files up to 2 GB.", []],
  ["| Model | Latency |\n| --- | --- |\n| resnet18 | 4.2 ms |", []],
  ["Is it production ready? Not yet.", []],
  ["See `examples/basic.py` for usage.", [exists("examples/basic.py")]],
  ["Run the benchmark: export takes 12 ms.", []],
  // changes to a value, lists of values, runner summaries that count other things
  ["Coverage climbed to 87.3% this sprint.", [cov("coverage.lines", "=", 87.3)]],
  ["p50 latency 12 ms, p95 31 ms", [
    ms("perf.latency.p50", "=", 12),
    ms("perf.latency.p95", "=", 31),
  ]],
  ["The CLI starts in 180ms.", [ms("perf.command.startup", "=", 180)]],
  ["Docker image slimmed to 410 MB.", [bytes("size.container", "=", 410e6)]],
  [
    "```console\n$ npm test\nTest Suites: 12 passed, 12 total\nTests:       156 passed, 156 total\n```",
    [
      t("tests.passed", "=", 156),
      t("tests.total", "=", 156),
    ],
  ],
  ["| Check | Target | Achieved |\n| --- | --- | --- |\n| Unit tests | 100+ | 156 passing |", [
    t("tests.passed", "=", 156),
  ]],
  ["Earlier drafts said the API handled 5,000 RPS.", []],
  // counts of a subset, rates that are not counts (a rate of named things is a throughput),
  // files that are gone or generic
  ["importing it pulls in all 9 context modules", []],
  ["10+ validation functions", []],
  ["| parser | 86 % | 5 file/sec |", [rps("=", 5)]],
  ["Removed the old `legacy/loader.py`.", []],
  ["Put a `settings.toml` file in your home folder.", []],
  ["The earlier report claimed 707 passed; we measured 0.", []],
  ["Each reason quotes the check: `claimed 707 passed; measured 0 passed`.", []],
  ["Reportedly 95% coverage, per the vendor.", []],
  ["Read [`security.md`](https://github.com/org/.github/blob/main/security.md) first.", []],
];

Deno.test("extractClaims() reads the claims of single sentences", async (t) => {
  assert.ok(CLAIMS.length >= 80);
  for (const [markdown, want] of CLAIMS) {
    await t.step(markdown.replaceAll("\n", "⏎"), () => {
      assert.deepEqual(extractClaims(markdown, "STATUS.md").map(shape), want);
    });
  }
});

const DOCUMENT = `# Release status

The parser is
production-ready. Line coverage
is 91%.

- **Tests**: 57/60 passing
- Import time: 35ms

| Check | Result |
| --- | --- |
| Export | 12 ms |

\`\`\`text
collected 60 items
57 passed, 3 skipped in 4.20s
\`\`\`

## Next steps

- Cut export to 5 ms
`;

Deno.test("extractClaims() places claims at their source lines", () => {
  const claims = extractClaims(DOCUMENT, "docs/STATUS.md");
  const where = claims.map((c) => [c.line, c.metric ?? c.kind, c.value ?? null, c.text]);
  assert.deepEqual(where, [
    [4, "level", null, "production-ready. Line coverage"],
    [5, "coverage.lines", 91, "is 91%."],
    [7, "tests.passed", 57, "- **Tests**: 57/60 passing"],
    [7, "tests.total", 60, "- **Tests**: 57/60 passing"],
    [8, "perf.import", 35, "- Import time: 35ms"],
    [12, "perf.command.export", 12, "| Export | 12 ms |"],
    [15, "tests.total", 60, "collected 60 items"],
    [16, "tests.passed", 57, "57 passed, 3 skipped in 4.20s"],
    [16, "tests.skipped", 3, "57 passed, 3 skipped in 4.20s"],
    [16, "tests.durationMs", 4200, "57 passed, 3 skipped in 4.20s"],
  ]);
  assert.ok(claims.every((c) => c.file === "docs/STATUS.md"));
});

Deno.test("extractClaims() reads a sentence wrapped across lines of a quote as one", () => {
  const claims = extractClaims(
    "> The service is\n> production-ready and\n> **Coverage**: 91%",
    "S.md",
  );
  assert.deepEqual(claims.map((c) => [c.line, c.metric]), [[2, "level"], [3, "coverage.lines"]]);
});

Deno.test("extractClaims() keeps a status phrase as its subject", () => {
  const [claim] = extractClaims("Status: ready for deployment", "README.md");
  assert.equal(claim?.subject, "ready for deployment");
  assert.equal(claim?.value, undefined);
});

Deno.test("extractClaims() returns no claims for an empty document", () => {
  assert.deepEqual(extractClaims("", "README.md"), []);
});

Deno.test("extractClaims() takes files named in a README only from listings, checked items and pointers", () => {
  const readme = [
    "Say our document `example.md` contains a table.",
    "",
    "- `src/engine.py` — the engine",
    "- [x] Tests live in `tests/`",
    "",
    "Coverage: 97%",
    "",
    "Copy `.env.example` to `.env` first. Release history is kept in CHANGELOG.md.",
  ].join("\n");
  const claims = extractClaims(readme, "README.md").map((c) => [c.line, c.subject ?? c.metric]);
  assert.deepEqual(claims, [
    [3, "src/engine.py"],
    [4, "tests/"],
    [6, "coverage.lines"],
    [8, "CHANGELOG.md"],
  ]);
});

Deno.test("extractClaims() reads only the first release of a changelog", () => {
  const changelog = [
    "# Changelog",
    "",
    "## 2.0.0",
    "",
    "- Coverage now at 93%",
    "",
    "**1.0.0 / 2023-01-01**",
    "",
    "- Coverage at 60%",
    "",
    "## 0.9.0",
    "",
    "- 12 tests passing",
  ].join("\n");
  const claims = extractClaims(changelog, "docs/CHANGELOG.md").map((c) => [c.line, c.value]);
  assert.deepEqual(claims, [[5, 93]]);
});

Deno.test("extractClaims() skips a line over the length cap with a note", () => {
  const notes: string[] = [];
  const text = `# Status\n\n${"95% coverage ".repeat(80_000)}\n\nAll 12 tests passing.\n`;
  const claims = extractClaims(text, "README.md", (n) => notes.push(n));
  assert.deepEqual(claims.map((c) => [c.line, c.metric]), [[5, "tests.passed"]]);
  assert.deepEqual(notes, ["README.md: 1 line(s) over 10000 characters skipped (line 3)"]);
});

Deno.test("extractClaims() parses a long document in blocks with the lines of the whole", () => {
  const block = "# Status\n\nAll 12 tests passing.\n\n```\nsome code\n\nmore code\n```\n\n";
  const text = block.repeat(2_000);
  const claims = extractClaims(text, "STATUS.md");
  assert.deepEqual(claims.length, 2_000);
  assert.deepEqual(claims.slice(0, 2).map((c) => c.line), [3, 13]);
  assert.deepEqual(claims.at(-1)?.line, 1_999 * 10 + 3);
});
