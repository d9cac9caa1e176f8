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
});
/** One thing a check found. */
export type Finding = z.infer<typeof FindingSchema>;
