/**
 * The rules written for the wider corpus, each on sentences of our own, traps included: a named
 * rate, an unbound operation timing, a hit rate, self-assessed scores and a self-downgrade,
 * status phrases and statuses of outputs or aspects, threshold and history scopes, links,
 * dotfiles and dotted names, listing entries with line counts, test totals, counted problems,
 * and counts of things the repository cannot hold.
 */
import assert from "node:assert/strict";
import { extractClaims } from "./extract.ts";

/** A claim reduced to what the tables compare: "kind metric subject comparator value". */
function brief(markdown: string, file = "STATUS.md"): string[] {
  return extractClaims(markdown, file).map((c) =>
    [c.kind, c.metric, c.subject, c.comparator, c.value].filter((x) => x !== undefined).join(" ")
  );
}

Deno.test("extractClaims() keeps the quality a sentence gives what it names", async (t) => {
  const table: ReadonlyArray<readonly [string, Array<[string | undefined, string | undefined]>]> = [
    ["- `run_demo.py` — interactive demo", [["run_demo.py", "interactive"]]],
    ["- `pyproject.toml` with all dependencies declared", [[
      "pyproject.toml",
      "all dependencies declared",
    ]]],
    ["- 4+ working example scripts", [[undefined, "working"]]],
    ["- See `docs/guide.md` for the details.", [["docs/guide.md", undefined]]],
    ["- `src/temp.py` — Celsius and Kelvin conversions", [["src/temp.py", undefined]]],
  ];
  for (const [markdown, want] of table) {
    await t.step(markdown, () => {
      const got = extractClaims(markdown, "STATUS.md").map((c) => [c.subject, c.quality]);
      assert.deepEqual(got, want);
    });
  }
});

const TABLE: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  // named rates
  ["rate of named things", "- Batch throughput: 450+ pages/second", [
    "throughput perf.throughput ≥ 450",
  ]],
  ["per minute is divided by 60", "- **Throughput**: 120 jobs/minute sustained", [
    "throughput perf.throughput = 2",
  ]],
  ["thousands and words between", "Parsing runs at 12K parsed rows per second.", [
    "throughput perf.throughput = 12000",
  ]],
  // timings
  ["an operation no noun names is an unbound perf.command", "- **Report Rendering**: ~40ms", [
    "timing perf.command ~ 40",
  ]],
  ["sub-second without digits", "- **Indexing**: sub-second analysis of a repository", [
    "timing perf.command < 1000",
  ]],
  ["a bound refined by an exact value is one claim", "Sub-millisecond lookups (0.4ms per hit).", [
    "timing perf.command = 0.4",
  ]],
  ["the upper end of a range of durations", "- **Parsing**: 2-4ms per file", [
    "timing perf.command ≤ 4",
  ]],
  ["package load time is import time", "- **Package load time**: <300ms", [
    "timing perf.import < 300",
  ]],
  ["quick start-up names the import", "Quick start-up: import in 40 ms thanks to lazy loading.", [
    "timing perf.import = 40",
  ]],
  ["memory overhead is memory", "- **Memory overhead**: 2 MB", ["size size.memory = 2000000"]],
  ["cache hit rate", "- **Cache hit ratio**: 92% on repeated runs", [
    "rate perf.cacheHitRate = 92",
  ]],
  // scopes
  ["alert thresholds are not claims", "## Alert thresholds\n\n- Latency above 800ms: page", []],
  ["KPIs are targets", "### Key Performance Indicators\n\n- **Response time**: p95 < 200ms", []],
  ["a done mark under a KPI heading is a claim", "### KPIs\n\n- ✅ **Latency**: 40ms average", [
    "timing perf.latency = 40",
  ]],
  ["a section about the state before is history", "## Baseline (Before)\n\n- Score: 40/100", []],
  ["a score that 'before' labels is history", "- **Before**: Score 40/100", []],
  // scores and status
  ["self-assessed score out of 100", "#### Packaging (Score: 88/100)", [
    "status level score = 88",
  ]],
  ["a low score is a score too (a self-downgrade)", "**Quality score**: 35/100, tests failing", [
    "status level score = 35",
  ]],
  ["a completion estimate", "Overall: ~30% complete.", ["status level complete ~ 30"]],
  ["operational percentage", "- **Core services**: 100% operational", [
    "status level operational = 100",
  ]],
  [
    "a table that totals to a score is a table of scores",
    [
      "| Area | Before | After |",
      "| --- | --- | --- |",
      "| Testing | 40% | 75% |",
      "| **Overall Score** | 45% | 80% |",
    ].join("\n"),
    ["status level score = 75", "status level score = 80"],
  ],
  [
    "a table without a score row is no table of scores",
    [
      "| Area | Weight |",
      "| --- | --- |",
      "| Testing | 20% |",
    ].join("\n"),
    [],
  ],
  ["a percentage of backlog items is no status", "### Completed Items: 4/4 (100%)", []],
  [
    "a change in a table of scores is no score",
    [
      "| Metric | Baseline | Ours | Change |",
      "| --- | --- | --- | --- |",
      "| **Overall Score** | 0.70 | 0.92 | **31% higher** |",
    ].join("\n"),
    [],
  ],
  ["a score the program computes is not self-assessed", "- **Risk Score**: 85%", []],
  [
    "a bold lead opens the scope of its list, as a heading does",
    "**Scaling Triggers**:\n- Response time P95 > 2 seconds for 10+ minutes\n\nMeasured P95 latency: 120 ms",
    ["timing perf.latency.p95 = 120"],
  ],
  ["a lead that is a heading of done work", "**Completed:**\n- Coverage now 91%", [
    "coverage coverage.lines = 91",
  ]],
  [
    "a severity level's response time is a procedure's",
    "### Severity Levels\n\n#### Critical - Response Time: < 15 minutes",
    [],
  ],
  ["coverage of the development process is no code coverage", "**SDLC Coverage**: 95%", []],
  [
    "a success rate under a score label is a pass rate, no status",
    "**Validation Score**: 100% success rate",
    [
      "tests tests.passRate = 100",
    ],
  ],
  ["enterprise-ready", "The tool is now an enterprise-ready platform.", [
    "status level enterprise ready",
  ]],
  ["release ready heading", "## Packaging: Release Ready ✅", ["status level release ready"]],
  ["ready for immediate production deployment", "Ready for immediate production deployment.", [
    "status level ready for immediate production deployment",
  ]],
  ["deployment ready: yes", "| Criterion | Met |\n| --- | --- |\n| Deployment Ready | Yes |", [
    "status level deployment ready",
  ]],
  ["a list under a 'Ready for' heading", "### Ready for:\n\n- Production deployment at scale", [
    "status level ready for production",
  ]],
  [
    "multi-region deployment ready is a feature, not a status",
    "- Multi-region deployment ready",
    [],
  ],
  ["status of what the program produces", "It generates production-ready Helm charts.", []],
  ["status of one aspect", "**Security Status**: Enterprise Ready", []],
  ["self-improving is no comparison", "A self-improving, production-ready pipeline.", [
    "status level production ready",
  ]],
  [
    "exceeding all objectives is no goal",
    "A production-ready system that exceeds all objectives.",
    [
      "status level production ready",
    ],
  ],
  // mentions
  ["dotfiles", "- **.editorconfig**: formatting rules", ["exists .editorconfig"]],
  [
    "dotted file names are files",
    "Copy `.env.example`; see `docker-compose.prod.yml` and `Dockerfile.dev`.",
    [
      "exists .env.example",
      "exists docker-compose.prod.yml",
      "exists Dockerfile.dev",
    ],
  ],
  ["paths under dot folders", "- **.github/ISSUE_TEMPLATE/bug.md**: bug reports", [
    "exists .github/ISSUE_TEMPLATE/bug.md",
  ]],
  ["a kind of file is no file", "- Fast Dockerfile analysis and .dockerignore optimization", []],
  ["links into the repository", "See the [contributing guide](docs/CONTRIBUTING.md#setup).", [
    "exists docs/CONTRIBUTING.md",
  ]],
  [
    "links elsewhere and anchors are not",
    "Read [the spec](https://example.org/spec) and [usage](#usage).",
    [],
  ],
  ["badges are not", "[![License](https://img.example/badge.svg)](LICENSE)", []],
  [
    "a file the program reads is the user's",
    "The tool reads credentials from `conf/keys.yaml`.",
    [],
  ],
  ["a module run with python -m", "The web UI runs with `python -m mytool.server --port 80`.", [
    "exists mytool.server",
  ]],
  [
    "a module of the standard library run with python -m",
    "Serve with `python -m http.server`.",
    [],
  ],
  ["a dotted name found at", "The parser can be found at `mytool.ext.tables`.", [
    "exists mytool.ext.tables",
  ]],
  // listings with line counts
  ["a listing entry and its length", "- **SECURITY.md**: disclosure process (29 lines)", [
    "exists SECURITY.md",
    "repo repo.lines SECURITY.md = 29",
  ]],
  [
    "a described file keeps its goal words to itself",
    "- **docs/ci.md**: CI requirements (40 lines)",
    [
      "exists docs/ci.md",
      "repo repo.lines docs/ci.md = 40",
    ],
  ],
  ["a code-only clause with a parenthesis", "1. **`pkg/graph.py`** (1,079 lines)", [
    "exists pkg/graph.py",
    "repo repo.lines pkg/graph.py = 1079",
  ]],
  // tests
  [
    "a count of tests with no verdict is the total",
    "- **Unit & Integration Tests**: 80+ tests covering the core",
    [
      "tests tests.total ≥ 80",
    ],
  ],
  ["tests implemented", "- Core: 26 tests implemented", ["tests tests.total = 26"]],
  ["tests added are a change, not a total", "- 3 new tests added", []],
  ["a pass rate in parentheses after passed tests", "Results: 6/6 tests passed (100.0%)", [
    "tests tests.passed = 6",
    "tests tests.total = 6",
    "tests tests.passRate = 100",
  ]],
  // problems
  ["counted lint issues", "- **Code quality**: 181 minor linting issues", [
    "problems lint.issues = 181",
  ]],
  ["counted security findings of a named tool", "Bandit scan: 37 issues identified", [
    "problems security.issues = 37",
  ]],
  ["fixed issues are work done", "Ruff applied 2,877 issues auto-fixed", []],
  ["no issues reported by a linter", "`ruff check .` - no issues reported.", [
    "absence lint.errors errors = 0",
  ]],
  ["no security issues", "`bandit -r src` - no security issues.", [
    "absence security.vulnerabilities vulnerabilities = 0",
  ]],
  ["lint issues resolved", "All syntax checks pass, lint issues resolved", [
    "absence lint.errors errors = 0",
  ]],
  ["no hardcoded secrets", "Secret scan: no hardcoded secrets found", [
    "absence security.secrets secrets = 0",
  ]],
  ["a count of TODOs", "- Task discovery (12 TODO items identified)", ["repo repo.todos = 12"]],
  // counts of things the repository cannot hold, and counts it can
  ["a course of lessons is no claim", "The course has 10 lessons and 3 team members.", []],
  ["languages supported are no repository count", "- **6 Languages** supported", []],
  ["extensions shipped", "It is shipped with 4 extensions.", ["repo repo.extensions = 4"]],
  [
    "documentation pages in a before/after table",
    [
      "| Metric | Before | After |",
      "| --- | --- | --- |",
      "| Documentation Pages | 15 | 35+ |",
    ].join("\n"),
    ["repo repo.docs ≥ 35"],
  ],
  ["coverage of a part is not the project's coverage", "| Test Coverage | 100% core |", []],
  // counts scoped to a path or a list
  ["a count of tests in a path", "- 96 unit tests in `tests/unit/`", [
    "tests tests.total tests/unit/ = 96",
    "exists tests/unit/",
  ]],
  ["a path labelling a count of tests", "- `tests/e2e/` — 40 end-to-end tests", [
    "exists tests/e2e/",
    "tests tests.total tests/e2e/ = 40",
  ]],
  ["a list count is the listed names", "- 3 core modules: `a.py`, `b.py`, `c.py`", [
    "repo repo.listed a.py, b.py, c.py = 3",
    "exists a.py",
    "exists b.py",
    "exists c.py",
  ]],
  [
    "a count whose list follows",
    "The 3 core modules:\n\n- `pkg/a.py` — parsing\n- `pkg/b.py` — output\n- `pkg/c.py` — glue",
    [
      "repo repo.listed pkg/a.py, pkg/b.py, pkg/c.py = 3",
      "exists pkg/a.py",
      "exists pkg/b.py",
      "exists pkg/c.py",
    ],
  ],
  [
    "a planned list is no count",
    "## Next steps\n\nWe should add 2 modules:\n\n- `pkg/x.py`\n- `pkg/y.py`",
    [],
  ],
  ["a parenthesis names the metric", "Quick start-up (import in 40 ms thanks to lazy loading).", [
    "timing perf.import = 40",
  ]],
  ["an export timing is a command's", "CSV export takes 20 ms.", [
    "timing perf.command.export = 20",
  ]],
  // build and packaging
  [
    "build claims name their evidence",
    [
      "- `python -m build` succeeds",
      "- sdist and wheel created",
      "- Installable from wheel",
      "- `deno check` passes",
      "- Entry points configured",
    ].join("\n"),
    [
      "build build.python python -m build",
      "build build.python sdist and wheel",
      "build install.python installable",
      "build build.deno deno check",
      "build build.entryPoints entry points",
    ],
  ],
  ["a build that must succeed is a requirement", "The build must succeed before a release.", []],
  ["all features complete", "- ✅ All features complete and tested", [
    "status level all features complete",
  ]],
  ["no critical bugs", "- No critical bugs identified", ["status level no critical bugs"]],
  ["automation coverage is no code coverage", "- **Automation coverage**: 95%", []],
];

Deno.test("extractClaims() applies the wide-corpus rules to sentences of our own", async (t) => {
  for (const [name, markdown, want] of TABLE) {
    await t.step(name, () => assert.deepEqual(brief(markdown), want));
  }
});

Deno.test("extractClaims() reads program output in an example's README as no claim, test runs as claims", () => {
  const sample = "# Demo\n\n```text\nProgress: 0% complete\nExported in 20 ms\n```\n";
  assert.deepEqual(brief(sample, "examples/demo/README.md"), []);
  const run = "# Demo\n\n```console\n$ pytest\n12 passed in 0.4s\n```\n";
  assert.deepEqual(brief(run, "examples/demo/README.md"), [
    "tests tests.passed = 12",
    "tests tests.durationMs = 400",
  ]);
});
