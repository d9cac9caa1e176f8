/**
 * A finding: one thing a check (or a reader of the target's files) found, optionally at a place.
 * @module
 */
import { z } from "zod";

/** One thing a check found, optionally at a place in the target. */
export const FindingSchema = z.object({
  message: z.string(),
  file: z.string().optional(),
  line: z.number().int().positive().optional(),
  /** What the finding is about, when a claim can name it: a replaced module (`torch`), a metric key. */
  subject: z.string().optional(),
  /** The number the finding is about (a literal presented as measured), when there is one. */
  value: z.number().optional(),
});
/** One thing a check found. */
export type Finding = z.infer<typeof FindingSchema>;
