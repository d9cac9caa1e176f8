import { deepStrictEqual, equal, match } from "node:assert/strict";
import type { CheckResult } from "../check.ts";
import { renderMarkdown } from "../report/markdown.ts";
import { renderSarif } from "../report/sarif.ts";
import { type Report, ReportSchema } from "../report/schema.ts";
import { integrityRows } from "./report.ts";

async function demo(): Promise<Report> {
  return ReportSchema.parse(
    JSON.parse(await Deno.readTextFile(new URL("../../reports/demo.json", import.meta.url))),
  );
}

const shadowed: CheckResult = {
  id: "deps.shadowed",
  category: "docs",
  status: "fail",
  summary: "1 module on the import path shadows …",
  durationMs: 3,
  measurements: [{ metric: "deps.shadowed", value: 1, unit: "count" }],
  evidence: [],
  findings: [{ message: "yaml.py hides `yaml` of the installed PyYAML", file: "yaml.py", line: 1 }],
};

Deno.test("integrityRows() lists the findings of failed integrity checks only", () => {
  deepStrictEqual(integrityRows([shadowed, { ...shadowed, status: "pass" }]), [{
    probe: "deps.shadowed",
    finding: "yaml.py hides `yaml` of the installed PyYAML",
    file: "yaml.py",
    line: 1,
    meaning: "a file on the import path is imported instead of the real module",
  }]);
  equal(integrityRows([{ ...shadowed, id: "repo.todos" }]).length, 0);
});

Deno.test("renderMarkdown() adds an Integrity table only when a probe found something", async () => {
  const report = await demo();
  equal(renderMarkdown(report).includes("## Integrity"), false);
  const md = renderMarkdown({ ...report, checks: [...report.checks, shadowed] });
  match(
    md,
    /## Integrity\n\n\| Probe \| Finding \| Where \| What it means \|\n\| --- \| --- \| --- \| --- \|\n\| `deps\.shadowed` \| yaml\.py hides `yaml` of the installed PyYAML \| yaml\.py:1 \| a file on the import path is imported instead of the real module \|\n/,
  );
  equal(md.indexOf("## Integrity") < md.indexOf("## Checks"), true);
});

Deno.test("renderSarif() gives each integrity finding its own result at its file and line (from the repository root)", async () => {
  const report = await demo();
  const log = JSON.parse(renderSarif({ ...report, checks: [...report.checks, shadowed] }));
  const results = log.runs[0].results.filter((r: { ruleId: string }) =>
    r.ruleId.includes("shadowed")
  );
  deepStrictEqual(results, [{
    ruleId: "integrity.deps.shadowed",
    level: "warning",
    message: {
      text:
        "yaml.py hides `yaml` of the installed PyYAML (a file on the import path is imported instead of the real module)",
    },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: `${report.target.repoPath}/yaml.py` },
        region: { startLine: 1 },
      },
    }],
  }]);
});
