/**
 * The optional configuration a target keeps at its root as `claimcheck.json`.
 * @module
 */
import { z } from "zod";
import { safeReadText, UnsafeFileError } from "./safe_read.ts";

/** A claim bound to a probe: a phrase or metric key → a command to time or a file to measure. */
export const BindingSchema = z.strictObject({
  /** A phrase found in the claim's text (case-insensitive) or a metric key such as `perf.command.export`. */
  claim: z.string().min(1),
  /** The command to time, as argv, run in the snapshot root without network. */
  command: z.array(z.string()).min(1).optional(),
  /** A file (relative to the root) whose size to measure. */
  file: z.string().min(1).optional(),
  /** How many timed runs (after one warm-up). */
  runs: z.number().int().min(1).max(100).default(5),
}).refine((b) => (b.command === undefined) !== (b.file === undefined), {
  message: "a binding needs exactly one of `command` or `file`",
});
/** A claim bound to a probe. */
export type Binding = z.infer<typeof BindingSchema>;

/** The target's claimcheck configuration. */
export const TargetConfigSchema = z.strictObject({
  /** Check ids not to run. */
  skip: z.array(z.string()).default([]),
  /** Minimum line coverage (percent) for the `Measured` level. */
  coverageThreshold: z.number().min(0).max(100).default(80),
  /** Timeout of one probe, in seconds. */
  timeoutSeconds: z.number().positive().max(3600).optional(),
  /** Extra globs of status documents to read claims from. */
  docs: z.array(z.string()).default([]),
  bindings: z.array(BindingSchema).default([]),
});
/** The target's claimcheck configuration. */
export type TargetConfig = z.infer<typeof TargetConfigSchema>;

/** The name of the configuration file at a target's root. */
export const CONFIG_FILE = "claimcheck.json";

/** Bytes of `claimcheck.json` read at most. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** The configuration used when a target has none. */
export const DEFAULT_CONFIG: TargetConfig = TargetConfigSchema.parse({});

/**
 * Read and validate `claimcheck.json` in `root`; the defaults when it is absent.
 * Throws a `TypeError` whose message names the file and the offending field.
 */
export async function loadConfig(root: string): Promise<TargetConfig> {
  let text: string;
  try {
    const path = `${root}/${CONFIG_FILE}`;
    // Read outside the sandbox: never through a link that could point at another file.
    if ((await Deno.lstat(path)).isSymlink) {
      throw new TypeError(`Cannot read ${CONFIG_FILE}: it is a symbolic link`);
    }
    text = await safeReadText(root, CONFIG_FILE, { maxBytes: MAX_CONFIG_BYTES });
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return DEFAULT_CONFIG;
    if (error instanceof UnsafeFileError) {
      throw new TypeError(`Cannot read ${CONFIG_FILE}: ${error.message}`);
    }
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new TypeError(`Cannot parse ${CONFIG_FILE}: ${(error as Error).message}`);
  }
  const parsed = TargetConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "(root)";
    throw new TypeError(`Cannot read ${CONFIG_FILE}: ${where}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}
