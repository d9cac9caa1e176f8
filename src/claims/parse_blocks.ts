/**
 * Where a long document is cut for parsing. micromark's time grows faster than its input within
 * one parse, and within one paragraph above all (it merges a paragraph's text events by splicing
 * one array): a long document is parsed in blocks, and a paragraph too long for one block is cut
 * at a line end.
 * @module
 */
import { stepFence } from "./fences.ts";

/**
 * Characters of one parse: a longer document is parsed in blocks cut at blank lines outside code
 * fences (a smaller one exactly as a whole).
 */
export const PARSE_BLOCK_CHARS = 32 * 1024;

/**
 * Past this many characters without a blank line to cut at, a block is cut at the next line end
 * outside a code fence, before a line that starts a statement of its own or continues prose (not
 * an indented line, nor a table row, which needs its table's header). A paragraph that long is
 * read as several paragraphs: a sentence running across the cut is read as two.
 */
export const MAX_BLOCK_CHARS = 2 * PARSE_BLOCK_CHARS;

/** A line the next block may start with when no blank line came: not indented, no table row. */
const CUTTABLE = /^[^\s|][^|]*$/;

/**
 * The 0-based indices of the lines where parse blocks start (the first is 0): after a blank line
 * once a block holds {@link PARSE_BLOCK_CHARS}, at any line end once it holds
 * {@link MAX_BLOCK_CHARS}, never inside a code fence.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { blockStarts } from "./parse_blocks.ts";
 *
 * assert.deepEqual(blockStarts(["# Title", "", "Text."]), [0]);
 * ```
 */
export function blockStarts(lines: readonly string[]): number[] {
  const starts = [0];
  let size = 0;
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    size += line.length + 1;
    const step = stepFence(fence, line);
    fence = step.open;
    if (step.fenced) continue;
    const next = lines[i + 1] ?? "";
    if (
      (size >= PARSE_BLOCK_CHARS && line.trim() === "" && /^\S/.test(next)) ||
      (size >= MAX_BLOCK_CHARS && CUTTABLE.test(next))
    ) {
      starts.push(i + 1);
      size = 0;
    }
  }
  return starts;
}
