/**
 * The one JSONC reader (`jsonc-parser`): comments and trailing commas allowed, strings untouched.
 * Used for every deno.json / deno.jsonc claimcheck reads.
 * @module
 */
import { parse, type ParseError, printParseErrorCode } from "jsonc-parser";

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}

/**
 * Parse JSONC `text` (named `name` in errors). Throws a `TypeError`
 * ("Cannot parse deno.jsonc: InvalidSymbol at line 3") at the first syntax error.
 *
 * @example
 * ```ts
 * import { parseJsonc } from "./jsonc.ts";
 * parseJsonc('{ "a": "//not a comment", /* c *\/ }', "x.jsonc"); // { a: "//not a comment" }
 * ```
 */
export function parseJsonc(text: string, name: string): unknown {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first !== undefined) {
    throw new TypeError(
      `Cannot parse ${name}: ${printParseErrorCode(first.error)} at line ${
        lineOf(text, first.offset)
      }`,
    );
  }
  return value;
}
