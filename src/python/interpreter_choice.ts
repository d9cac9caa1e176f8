/**
 * Which Python interpreter an environment is made from: the one that satisfies the project's
 * `requires-python` and, among those, a version of the CI matrix, else the newest.
 * @module
 */
import type { Tool } from "../facts.ts";

/** One interpreter that was considered, and whether it satisfies the project. */
export interface PythonAlternative {
  path: string;
  version: string;
  accepted: boolean;
  /** Why it was not chosen, or why it was. */
  reason: string;
}

/** The choice: an interpreter (absent when none satisfies), why, and what else there was. */
export interface PythonChoice {
  chosen?: Tool;
  why: string;
  alternatives: PythonAlternative[];
}
