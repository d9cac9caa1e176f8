/**
 * Read a JSON report back, validated against the schema.
 * @module
 */
import { InputError } from "../errors.ts";
import { type Report, ReportSchema, SCHEMA_VERSION } from "./schema.ts";

/** Read and validate the report at `path`; an {@link InputError} names what is wrong. */
export async function readReport(path: string): Promise<Report> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    throw new InputError(`Cannot read report ${path}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InputError(`Cannot parse report ${path}: ${(error as Error).message}`);
  }
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === "string" && Number(version) > Number(SCHEMA_VERSION)) {
    throw new InputError(
      `Cannot read report ${path}: schemaVersion: ${version} is newer than this claimcheck reads (${SCHEMA_VERSION}); update claimcheck`,
    );
  }
  const parsed = ReportSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Cannot read report ${path}: ${issue?.path.join(".") || "(root)"}: ${
        issue?.message ?? "invalid"
      }`,
    );
  }
  return parsed.data;
}
