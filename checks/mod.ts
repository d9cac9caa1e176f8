/**
 * The check registry: one explicit list, no side-effect registration.
 * @module
 */
import type { Check } from "../src/check.ts";

/** Every check claimcheck knows, in report order. */
export const checks: readonly Check[] = [
];
