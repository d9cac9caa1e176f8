/**
 * The import scan: the request handed to `scan_imports.py` and the validated shape of its output.
 * @module
 */
import { z } from "zod";

/** One absolute import found by the scan. */
export const ImportRecordSchema = z.object({
  /** Dotted module as written (`yaml.loader`). */
  module: z.string(),
  /** Its top-level name (`yaml`). */
  top: z.string(),
  file: z.string(),
  line: z.number().int(),
  /**
   * The code copes with its absence: inside a `try` (or its `else`) that catches ImportError, a
   * `with suppress(ImportError)`, or under a version/platform test.
   */
  optional: z.boolean(),
  /** Under `if TYPE_CHECKING:`. */
  typeChecking: z.boolean(),
  /**
   * For a fallback (an import in an `except ImportError:` handler): the top-level names the `try`
   * body imports. The fallback is needed only when none of them is available.
   */
  alternatives: z.array(z.string()).default([]),
});
/** One absolute import found by the scan. */
export type ImportRecord = z.infer<typeof ImportRecordSchema>;

/** A file the scan could not parse (or read), with the line of the error. */
export const ParseErrorSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  message: z.string(),
});
/** A file the scan could not parse. */
export type ParseError = z.infer<typeof ParseErrorSchema>;

/** What a `setup.py` declares, when its `setup()` call has literal arguments. */
export const SetupPyScanSchema = z.object({
  readable: z.boolean(),
  reason: z.string().optional(),
  installRequires: z.array(z.string()).default([]),
  extrasRequire: z.record(z.string(), z.array(z.string())).default({}),
  testsRequire: z.array(z.string()).default([]),
});
/** What a `setup.py` declares. */
export type SetupPyScan = z.infer<typeof SetupPyScanSchema>;

/** The scan's output. */
export const ScanResultSchema = z.object({
  imports: z.array(ImportRecordSchema),
  parseErrors: z.array(ParseErrorSchema),
  setup: SetupPyScanSchema.nullable(),
  /** The interpreter's standard library module names. */
  stdlib: z.array(z.string()),
});
/** The scan's output. */
export type ScanResult = z.infer<typeof ScanResultSchema>;

/** What `scan_imports.py` reads: the snapshot root, the files to scan, the setup.py to read. */
export interface ScanRequest {
  root: string;
  files: string[];
  setup: string | null;
}

/**
 * Parse the scan's stdout. Throws a `TypeError` ("Cannot parse the import scan: …") when it is not
 * the expected JSON.
 */
export function parseScanOutput(text: string): ScanResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new TypeError(`Cannot parse the import scan: ${(error as Error).message}`);
  }
  const parsed = ScanResultSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(
      `Cannot parse the import scan: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim(),
    );
  }
  return parsed.data;
}

/** The helper script's source, read from beside this module. */
export function scanScript(): Promise<string> {
  return Deno.readTextFile(new URL("./scan_imports.py", import.meta.url));
}
