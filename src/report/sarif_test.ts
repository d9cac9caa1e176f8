import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { renderSarif } from "./sarif.ts";
import { ReportSchema } from "./schema.ts";

interface Result {
  ruleId: string;
  level: string;
  locations?: Array<{ physicalLocation: unknown }>;
}

Deno.test("renderSarif() places contradicted claims and failed-check findings at file and line", async () => {
  const report = ReportSchema.parse(
    JSON.parse(await Deno.readTextFile(new URL("../../reports/demo.json", import.meta.url))),
  );
  const log = JSON.parse(renderSarif(report));
  strictEqual(log.version, "2.1.0");
  const results: Result[] = log.runs[0].results;
  const contradicted = results.filter((r) => r.ruleId === "claim.contradicted");
  strictEqual(contradicted.length, report.summary.contradicted);
  deepStrictEqual(contradicted[0]?.locations?.[0]?.physicalLocation, {
    artifactLocation: { uri: "STATUS.md" },
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
