/**
 * The one glob matcher (picomatch) for every glob claimcheck reads: `docs` of claimcheck.json and a
 * Deno target's `exclude`. Paths are relative POSIX paths.
 * @module
 */
import picomatch from "picomatch";

const OPTIONS = { dot: true, strictBrackets: true } as const;

/**
 * Why `glob` cannot be used (unbalanced brackets, braces or parentheses, an empty pattern), or
 * undefined when it can.
 */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() === "") return "an empty glob";
  try {
    picomatch.makeRe(glob, OPTIONS);
    return undefined;
  } catch (error) {
    return `Cannot read glob ${JSON.stringify(glob)}: ${(error as Error).message.split("\n")[0]}`;
  }
}

/**
 * A matcher for `glob` (`*`, `**`, `?`, `[ab]`, `{a,b}`). Throws a `TypeError` naming the glob when
 * it cannot be read (see {@link globProblem}).
 *
 * @example
 * ```ts
 * import { globMatcher } from "./glob.ts";
 * globMatcher("docs/**\/*.md")("docs/a/b.md"); // true
 * ```
 */
export function globMatcher(glob: string): (path: string) => boolean {
  const problem = globProblem(glob);
  if (problem !== undefined) throw new TypeError(problem);
  return picomatch(glob, OPTIONS);
}
