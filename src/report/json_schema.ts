/**
 * The published JSON Schema of the report, generated from the zod schema. `deno task schema`
 * writes it to `schema/report.schema.json`; a test keeps the committed file in step.
 * @module
 */
import { z } from "zod";
import { ReportSchema } from "./schema.ts";

/** Where the generated schema is committed. */
export const REPORT_SCHEMA_FILE: URL = new URL("../../schema/report.schema.json", import.meta.url);

/** The report's JSON Schema (draft-07), describing the JSON claimcheck writes. */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    $id: "https://claimcheck.invalid/schema/report.schema.json",
    title: "claimcheck report",
    ...z.toJSONSchema(ReportSchema, { target: "draft-7", io: "output", unrepresentable: "any" }),
  };
}

/** The schema as the text committed to {@link REPORT_SCHEMA_FILE}. */
export function reportJsonSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}

if (import.meta.main) await Deno.writeTextFile(REPORT_SCHEMA_FILE, reportJsonSchemaText());
