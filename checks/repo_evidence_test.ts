import { deepStrictEqual, equal, match, throws } from "node:assert/strict";
import type { CheckResult } from "../src/check.ts";
import type { Claim } from "../src/claims/claim.ts";
import { verifyClaims } from "../src/claims/verify.ts";
import {
  artefactKind,
  coberturaFigures,
  coverageGates,
  jsonFigures,
  junitFigures,
  locustFigures,
} from "../src/integrity/committed.ts";
import { repoEvidence } from "./repo_evidence.ts";
import { detectedContext, withTemp } from "./_integrity_context.ts";
import { fixture } from "./_report_helpers.ts";

Deno.test("artefactKind() picks a reader by file name", () => {
  const table: Array<[string, string | undefined]> = [
    ["reports/load_stats.csv", "locust"],
    ["coverage.xml", "cobertura"],
    ["htmlcov/coverage.json", "coverage-json"],
    ["test-results/junit.xml", "junit"],
    ["test_results.json", "json-report"],
    ["docs/conf.py", undefined],
    ["data/stats.csv", undefined],
  ];
  for (const [path, kind] of table) equal(artefactKind(path), kind, path);
});

Deno.test("the committed-result readers parse CSV, XML and JSON", () => {
  const csv =
    "Type,Name,Request Count,Failure Count,Requests/s\nGET,/,10,1,2.5\n,Aggregated,10,1,2.5\n";
  deepStrictEqual(locustFigures(csv, "l_stats.csv").map((f) => [f.metric, f.value, f.line]), [
    ["perf.throughput", 2.5, 3],
    ["perf.failureRate", 10, 3],
  ]);
  deepStrictEqual(
    coberturaFigures('<coverage line-rate="0.831" branch-rate="0.5"/>', "coverage.xml").map((f) =>
      Math.round(f.value * 10) / 10
    ),
    [83.1, 50],
  );
  deepStrictEqual(
    jsonFigures('{"totals": {"percent_covered": 71.5}}', "coverage.json")[0]?.value,
    71.5,
  );
  deepStrictEqual(
    jsonFigures('{"exitcode": 1, "tests": [], "summary": {"passed": 7, "total": 9}}', "report.json")
      .map((f) => f.metric),
    ["tests.passed", "tests.total"],
  );
  const junit =
    '<testsuite name="s"><testcase name="a"/><testcase name="b"><failure message="x"/></testcase></testsuite>';
  deepStrictEqual(junitFigures(junit, "junit.xml").map((f) => f.value), [1, 1, 0, 0]);
  deepStrictEqual(jsonFigures('{"summary": {"passed": 1, "failed": 5}}', "security.json"), []);
  throws(() => jsonFigures("{not json", "report.json"), SyntaxError);
  deepStrictEqual(
    coverageGates(
      'addopts = "--cov=x --cov-fail-under=80"\n# --cov-fail-under=99\n[report]\nfail_under = 75\n',
      "x",
    ),
    [{ value: 80, file: "x", line: 1 }, { value: 75, file: "x", line: 4 }],
  );
});

Deno.test("repoEvidence reads fixtures/py_evidence and finds coverage below its own gate", async () => {
  await withTemp(async (temp) => {
    const outcome = await repoEvidence.run(await detectedContext(fixture("py_evidence"), temp));
    equal(outcome.status, "fail", outcome.summary);
    deepStrictEqual(
      outcome.measurements?.map((m) => [m.metric, Math.round(m.value * 10) / 10, m.source]),
      [
        ["coverage.lines", 45, "committed"],
        ["perf.throughput", 31, "committed"],
        ["perf.failureRate", 70, "committed"],
      ],
    );
    deepStrictEqual(outcome.findings?.[0], {
      message:
        "the committed coverage.xml shows 45 % line coverage, below the repository's own gate of 80 % at pyproject.toml:15",
      file: "coverage.xml",
    });
  });
});

Deno.test("verifyClaims(): a committed figure contradicts a claim and never verifies one", async () => {
  await withTemp(async (temp) => {
    const outcome = await repoEvidence.run(await detectedContext(fixture("py_evidence"), temp));
    const evidence: CheckResult = {
      id: "repo.evidence",
      category: "docs",
      durationMs: 0,
      evidence: [],
      measurements: [],
      findings: [],
      ...outcome,
    };
    const claim = (value: number): Claim => ({
      file: "README.md",
      line: 7,
      text: `The API sustains ${value} RPS under load.`,
      kind: "throughput",
      metric: "perf.throughput",
      comparator: "=",
      value,
      unit: "rps",
    });
    const [high, same] = verifyClaims({
      claims: [claim(500), claim(31)],
      checks: [evidence],
      level: { value: 3, name: "Tested", blockers: [] },
      files: [],
    });
    equal(high?.verdict, "contradicted");
    match(
      high?.reason ?? "",
      /the committed reports\/load_stats\.csv:4 shows 31 req\/s throughput with 70 % failed requests, from the repository, not measured here/,
    );
    equal(same?.verdict, "unverified");
    match(same?.reason ?? "", /a committed figure cannot verify/);
  });
});

Deno.test("repoEvidence does not apply to the clean fixtures (nothing committed)", async () => {
  for (const name of ["py_ok", "py_failing", "py_overclaim", "py_setuppy", "deno_ok"]) {
    await withTemp(async (temp) => {
      const outcome = await repoEvidence.run(await detectedContext(fixture(name), temp));
      equal(outcome.status, "skip", `${name}: ${outcome.summary}`);
    });
  }
});
