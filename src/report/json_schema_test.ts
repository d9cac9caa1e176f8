import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { REPORT_SCHEMA_FILE, reportJsonSchemaText } from "./json_schema.ts";
import { reportErrors } from "./_validators.ts";

const demo = new URL("../../reports/demo.json", import.meta.url);

Deno.test("schema/report.schema.json is the one generated from the zod schema (deno task schema)", async () => {
  strictEqual(await Deno.readTextFile(REPORT_SCHEMA_FILE), reportJsonSchemaText());
});

Deno.test("the committed demo report validates against schema/report.schema.json", async () => {
  deepStrictEqual(reportErrors(JSON.parse(await Deno.readTextFile(demo))), []);
});

Deno.test("schema/report.schema.json rejects a report with a wrong field", async () => {
  const report = JSON.parse(await Deno.readTextFile(demo));
  report.level.value = 9;
  strictEqual(reportErrors(report).some((e) => e.startsWith("/level/value")), true);
});
