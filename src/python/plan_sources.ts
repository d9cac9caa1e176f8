/**
 * What `plan_sources.py` reads (INI files with `configparser`, noxfiles with `ast`) and the validated
 * shape of its output.
 * @module
 */
import { z } from "zod";

const ErrorSchema = z.object({ line: z.number().int(), message: z.string() });

/** One key of an INI section, with the line of the key and of each non-empty value line. */
export const IniKeySchema = z.object({
  key: z.string(),
  value: z.string(),
  line: z.number().int(),
  lines: z.array(z.number().int()),
});
/** One key of an INI section. */
export type IniKey = z.infer<typeof IniKeySchema>;

/** One INI section. */
export const IniSectionSchema = z.object({
  name: z.string(),
  line: z.number().int(),
  keys: z.array(IniKeySchema),
});
/** One INI section. */
export type IniSection = z.infer<typeof IniSectionSchema>;

/** An INI file as `configparser` read it, or the error it stopped at. */
export const IniFileSchema = z.union([
  z.object({ file: z.string(), sections: z.array(IniSectionSchema) }),
  z.object({ file: z.string(), error: ErrorSchema }),
]);
/** An INI file as `configparser` read it, or the error it stopped at. */
export type IniFile = z.infer<typeof IniFileSchema>;

/** A `session.install(…)` or `session.run(…)` call: its literal arguments. */
export const NoxCallSchema = z.object({
  args: z.array(z.string()),
  line: z.number().int(),
  /** An argument was not a literal (left out). */
  dynamic: z.boolean(),
});
/** A `session.install(…)` or `session.run(…)` call. */
export type NoxCall = z.infer<typeof NoxCallSchema>;

/** One `@nox.session`. */
export const NoxSessionSchema = z.object({
  name: z.string(),
  function: z.string(),
  line: z.number().int(),
  python: z.array(z.string()),
  installs: z.array(NoxCallSchema),
  runs: z.array(NoxCallSchema),
  env: z.record(z.string(), z.string()),
});
/** One `@nox.session`. */
export type NoxSession = z.infer<typeof NoxSessionSchema>;

/** A noxfile's sessions, or the syntax error it stopped at. */
export const NoxFileSchema = z.union([
  z.object({ file: z.string(), sessions: z.array(NoxSessionSchema) }),
  z.object({ file: z.string(), error: ErrorSchema }),
]);
/** A noxfile's sessions, or the syntax error it stopped at. */
export type NoxFile = z.infer<typeof NoxFileSchema>;

/** The script's output. */
export const PlanSourcesSchema = z.object({
  ini: z.array(IniFileSchema),
  nox: z.array(NoxFileSchema),
});
/** The script's output. */
export type PlanSources = z.infer<typeof PlanSourcesSchema>;

/** A text handed to the script; `lineOffset` for an INI embedded in another file. */
export interface SourceText {
  file: string;
  text: string;
  lineOffset?: number;
}

/** What `plan_sources.py` reads. */
export interface PlanSourcesRequest {
  ini: SourceText[];
  nox: SourceText[];
}

/** Parse the script's stdout. Throws a `TypeError` ("Cannot parse the plan sources: …"). */
export function parsePlanSources(text: string): PlanSources {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new TypeError(`Cannot parse the plan sources: ${(error as Error).message}`);
  }
  const parsed = PlanSourcesSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(
      `Cannot parse the plan sources: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`
        .trim(),
    );
  }
  return parsed.data;
}

/** The script's source, read from beside this module. */
export function planSourcesScript(): Promise<string> {
  return Deno.readTextFile(new URL("./plan_sources.py", import.meta.url));
}

/** A section of a read INI file by name; undefined when absent or when the file did not parse. */
export function iniSection(file: IniFile | undefined, name: string): IniSection | undefined {
  return file && "sections" in file ? file.sections.find((s) => s.name === name) : undefined;
}

/** A key of a section. */
export function iniKey(section: IniSection | undefined, key: string): IniKey | undefined {
  return section?.keys.find((k) => k.key === key);
}

/** The non-empty lines of a key's value, each with its physical line. */
export function iniLines(key: IniKey): Array<{ text: string; line: number }> {
  const texts = key.value.split("\n").map((t) => t.trim()).filter((t) => t !== "");
  return texts.map((text, i) => ({ text, line: key.lines[i] ?? key.line }));
}
