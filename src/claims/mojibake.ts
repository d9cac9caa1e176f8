/**
 * Repair of doubly encoded UTF-8: text whose UTF-8 bytes were once read as a Windows code page
 * (cp1252, or cp1254 on Turkish systems) and encoded again, so that `✅` arrives as `âœ…`.
 * @module
 */

/** cp1252's code points for the bytes 0x80–0x9F; 0 marks a byte it leaves undefined. */
// deno-fmt-ignore
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];
/** cp1254's letters that differ from Latin-1 (0xD0, 0xDD, 0xDE, 0xF0, 0xFD, 0xFE). */
const CP1254_LETTERS: ReadonlyArray<readonly [string, number]> = [
  ["Ğ", 0xd0],
  ["İ", 0xdd],
  ["Ş", 0xde],
  ["ğ", 0xf0],
  ["ı", 0xfd],
  ["ş", 0xfe],
];

/** The byte a code-page reading turned into each non-ASCII character. */
const BYTE_OF: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  for (let byte = 0x80; byte <= 0xff; byte++) map.set(String.fromCharCode(byte), byte);
  CP1252_HIGH.forEach((code, i) => {
    if (code !== 0) map.set(String.fromCharCode(code), 0x80 + i);
  });
  for (const [char, byte] of CP1254_LETTERS) map.set(char, byte);
  return map;
})();

const DECODER = new TextDecoder("utf-8", { fatal: true });

/** How many continuation bytes a UTF-8 lead byte announces; 0 when it is no lead byte. */
function continuations(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 1;
  if (lead >= 0xe0 && lead <= 0xef) return 2;
  if (lead >= 0xf0 && lead <= 0xf4) return 3;
  return 0;
}

function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x80 && byte <= 0xbf;
}

/** One run of characters that reads as a UTF-8 sequence: whole and decodable, or cut short. */
interface Run {
  start: number;
  length: number;
  /** The decoded character, or undefined when bytes of the sequence were lost. */
  decoded: string | undefined;
}

function runAt(chars: readonly string[], start: number): Run | undefined {
  const lead = BYTE_OF.get(chars[start] ?? "");
  const needed = lead === undefined ? 0 : continuations(lead);
  if (lead === undefined || needed === 0) return undefined;
  const bytes = [lead];
  while (bytes.length <= needed) {
    const byte = BYTE_OF.get(chars[start + bytes.length] ?? "");
    if (!isContinuation(byte)) break;
    bytes.push(byte as number);
  }
  if (bytes.length === 1) return undefined;
  if (bytes.length <= needed) return { start, length: bytes.length, decoded: undefined };
  try {
    return { start, length: bytes.length, decoded: DECODER.decode(new Uint8Array(bytes)) };
  } catch {
    return { start, length: bytes.length, decoded: undefined };
  }
}

/**
 * Repair text whose UTF-8 was doubly encoded. The text is left alone unless every non-ASCII
 * character in it is one a cp1252/cp1254 reading produces (so correct UTF-8 holding any other
 * character, such as `✅` or `→`, is never touched) and at least one run decodes cleanly as UTF-8.
 * Runs whose bytes were lost in the double encoding (the code page had no character for them)
 * become U+FFFD. Line breaks are never changed, so line numbers survive.
 *
 * @example
 * ```ts
 * import { repairMojibake } from "./mojibake.ts";
 * repairMojibake("Status: âœ… done â€” 3 Ã— faster"); // "Status: ✅ done — 3 × faster"
 * ```
 */
export function repairMojibake(text: string): string {
  const chars = [...text];
  if (chars.some((c) => c.charCodeAt(0) >= 0x80 && !BYTE_OF.has(c))) return text;
  const runs: Run[] = [];
  for (let i = 0; i < chars.length; i++) {
    const run = runAt(chars, i);
    if (run === undefined) continue;
    runs.push(run);
    i += run.length - 1;
  }
  if (!runs.some((r) => r.decoded !== undefined)) return text;
  const out: string[] = [];
  let next = 0;
  for (const run of runs) {
    out.push(...chars.slice(next, run.start), run.decoded ?? "\uFFFD");
    next = run.start + run.length;
  }
  out.push(...chars.slice(next));
  return out.join("");
}
