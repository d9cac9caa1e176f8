/**
 * Build and packaging claims: "`python -m build` succeeds", "sdist and wheel created",
 * "installable from wheel", "`deno check` passes", "entry points configured". Each names the
 * evidence that decides it: the build check, the install check, the declared entry points.
 * @module
 */
import type { Draft, Rule } from "./scope.ts";

const SUCCEEDS = String
  .raw`(?:succeeds?|succeeded|passes|passed|works|is\s+clean|completes|runs\s+cleanly|builds?\s+cleanly|ok)`;
const PATTERNS: ReadonlyArray<readonly [RegExp, string, string]> = [
  [
    new RegExp(String.raw`\bpython3?\s+-m\s+build\b[\s\`]*${SUCCEEDS}\b`, "gi"),
    "build.python",
    "python -m build",
  ],
  [
    /\b(?:sdists?|source\s+distributions?)\s+(?:and|&|\+)\s+wheels?\s+(?:are\s+|were\s+)?(?:created|built|generated|produced)\b|\bbuilds?\s+(?:an?\s+)?(?:sdist|wheel)s?\s+(?:and\s+(?:an?\s+)?(?:sdist|wheel)s?\s+)?(?:cleanly|successfully)\b/gi,
    "build.python",
    "sdist and wheel",
  ],
  [
    /\b(?:installable\s+(?:from|via|as)\s+(?:the\s+|a\s+)?wheel|pip[- ]installable)\b/gi,
    "install.python",
    "installable",
  ],
  [new RegExp(String.raw`\bdeno\s+check\b[\s\`]*${SUCCEEDS}\b`, "gi"), "build.deno", "deno check"],
  [
    /\b(?:entry[- ]points?|console[_ ]scripts?|cli\s+commands?)\s+(?:are\s+|is\s+)?(?:configured|defined|declared|registered|set\s+up)\b/gi,
    "build.entryPoints",
    "entry points",
  ],
];

/** Claims of a build, an install or declared entry points. */
export const buildRule: Rule = (scope) => {
  const found: Draft[] = [];
  for (const [pattern, metric, subject] of PATTERNS) {
    for (const m of scope.clause.text.matchAll(pattern)) {
      found.push({ index: m.index, kind: "build", metric, subject });
    }
  }
  return found;
};
