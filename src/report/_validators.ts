/**
 * Test helpers: validate SARIF against the official 2.1.0 schema (shipped in
 * `@microsoft/jest-sarif`) and reports against `schema/report.schema.json`, with ajv + ajv-formats.
 * @module
 */
import Ajv from "ajv";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import sarifSchema from "@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json" with {
  type: "json",
};
import { reportJsonSchema } from "./json_schema.ts";

// The npm typings of these CommonJS modules do not line up with Deno's default import.
// deno-lint-ignore no-explicit-any
type Any = any;
function compiler(Class: Any) {
  // The SARIF schema's language pattern is valid only without the `u` flag.
  const ajv = new Class({ allErrors: true, strict: false, unicodeRegExp: false });
  (addFormats as Any)(ajv);
  return ajv;
}
/** The SARIF schema is draft-04; the report schema draft-07. */
const sarif = compiler(AjvDraft04).compile(sarifSchema);
const report = compiler(Ajv).compile(reportJsonSchema());

interface Validate {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; message?: string }> | null;
}

function errors(validate: Validate, data: unknown): string[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "invalid"}`);
}

/** The SARIF 2.1.0 schema violations of `log` (empty when valid). */
export function sarifErrors(log: unknown): string[] {
  return errors(sarif, log);
}

/** The report-schema violations of `data` (empty when valid). */
export function reportErrors(data: unknown): string[] {
  return errors(report, data);
}
