import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { renderSarif } from "./sarif.ts";
import { type Report, ReportSchema } from "./schema.ts";
import { sarifErrors } from "./_validators.ts";

interface Result {
  ruleId: string;
  level: string;
  locations?: Array<{ physicalLocation: unknown }>;
}

async function demo(): Promise<Report> {
  return ReportSchema.parse(
    JSON.parse(await Deno.readTextFile(new URL("../../reports/demo.json", import.meta.url))),
  );
}

Deno.test("renderSarif() places contradicted claims and failed-check findings at file and line", async () => {
  const report = await demo();
  const log = JSON.parse(renderSarif(report));
  strictEqual(log.version, "2.1.0");
  const results: Result[] = log.runs[0].results;
  const contradicted = results.filter((r) => r.ruleId === "claim.contradicted");
  strictEqual(contradicted.length, report.summary.contradicted);
  deepStrictEqual(contradicted[0]?.locations?.[0]?.physicalLocation, {
    artifactLocation: { uri: "fixtures/demo/STATUS.md" },
    region: { startLine: 3 },
  });
  const failed = results.filter((r) => r.ruleId === "check.tests.pytest");
  strictEqual(failed.length > 0, true);
  strictEqual(failed.every((r) => r.level === "warning"), true);
  deepStrictEqual(
    log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id),
    [...new Set(results.map((r) => r.ruleId))].sort(),
  );
});

Deno.test("renderSarif() output validates against the SARIF 2.1.0 schema", async (t) => {
  const report = await demo();
  const cases: Array<[string, Report]> = [
    ["a local target", report],
    ["a local path with a commit", { ...report, target: { ...report.target, path: "/x/y" } }],
    ["a git URL", {
      ...report,
      target: { ...report.target, path: "https://example.com/org/repo.git" },
    }],
    ["a subfolder with a web URL", {
      ...report,
      target: {
        ...report.target,
        repoPath: "sub dir",
        webUrl: "https://github.com/org/repo",
      },
    }],
  ];
  for (const [name, r] of cases) {
    await t.step(name, () => deepStrictEqual(sarifErrors(JSON.parse(renderSarif(r))), []));
  }
});

Deno.test("renderSarif() gives every rule a full description and help, the driver a URI", async () => {
  const log = JSON.parse(renderSarif(await demo()));
  const driver = log.runs[0].tool.driver;
  strictEqual(typeof driver.informationUri, "string");
  for (const rule of driver.rules) {
    strictEqual(rule.fullDescription.text.length > 0, true, rule.id);
    strictEqual(rule.help.text.length > 0, true, rule.id);
  }
});

Deno.test("renderSarif() writes paths relative to the repository root for a subfolder target", async () => {
  const report = await demo();
  const log = JSON.parse(
    renderSarif({ ...report, target: { ...report.target, repoPath: "pkg/a" } }),
  );
  const uris = log.runs[0].results.flatMap((r: Result) =>
    (r.locations ?? []).map((l) =>
      (l.physicalLocation as { artifactLocation: { uri: string } }).artifactLocation.uri
    )
  );
  strictEqual(uris.length > 0, true);
  strictEqual(uris.every((u: string) => u.startsWith("pkg/a/")), true);
  const local = JSON.parse(renderSarif({ ...report, target: { ...report.target, path: "/x" } }));
  strictEqual(local.runs[0].versionControlProvenance, undefined);
});
