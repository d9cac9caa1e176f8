import assert from "node:assert/strict";
import { blockStarts, MAX_BLOCK_CHARS, PARSE_BLOCK_CHARS } from "./parse_blocks.ts";

/** The sizes (characters, line ends included) of the blocks `starts` cuts `lines` into. */
function blockSizes(lines: readonly string[], starts: readonly number[]): number[] {
  return starts.map((start, k) =>
    lines.slice(start, starts[k + 1] ?? lines.length).reduce((n, l) => n + l.length + 1, 0)
  );
}

Deno.test("blockStarts() keeps a short document whole", () => {
  assert.deepEqual(blockStarts(["# Status", "", "All 5 tests pass.", "", "- a", "- b"]), [0]);
});

Deno.test("blockStarts() cuts at blank lines once a block holds PARSE_BLOCK_CHARS", () => {
  const lines = Array.from({ length: 8000 }, (_, i) => i % 2 ? "" : `Part ${i}: 5 tests pass.`);
  const starts = blockStarts(lines);
  assert.ok(starts.length > 1);
  for (const start of starts.slice(1)) assert.equal(lines[start - 1], "");
  for (const size of blockSizes(lines, starts).slice(0, -1)) assert.ok(size >= PARSE_BLOCK_CHARS);
});

Deno.test("blockStarts() cuts a 1 MB paragraph into blocks of bounded size (linear parsing)", () => {
  const lines = Array.from({ length: 20_000 }, (_, i) => `Line ${i} says that 5 tests pass here.`);
  const starts = blockStarts(lines);
  const longest = Math.max(...blockSizes(lines, starts));
  assert.ok(longest <= MAX_BLOCK_CHARS + 100, `a block of ${longest} characters`);
});

Deno.test("blockStarts() never cuts inside a code fence or before a table row", () => {
  const line = "x".repeat(99);
  const fenced = ["```console", ...Array.from({ length: 2000 }, () => line), "```", "after"];
  assert.deepEqual(blockStarts(fenced), [0]);
  const table = [
    "| a | b |",
    "| --- | --- |",
    ...Array.from({ length: 2000 }, () => `| ${line} |`),
  ];
  assert.deepEqual(blockStarts(table), [0]);
});
