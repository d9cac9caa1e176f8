/**
 * Collect the claims a snapshot's documents make.
 * @module
 */
import type { Claim } from "./claim.ts";
import { discoverDocuments } from "./documents.ts";
import { extractClaims, MAX_LINE_CHARS } from "./extract.ts";
import type { ExtractionCache } from "./extraction_cache.ts";

/** Whether `markdown` is a report claimcheck wrote: it quotes the target's claims, it makes none. */
export function isClaimcheckReport(markdown: string): boolean {
  return markdown.trimStart().startsWith("# claimcheck report:");
}

/**
 * Read every markdown document among `files` (plus `extraGlobs`) under `root` and extract its
 * claims; with a `cache`, a document read before with the same text is not parsed again.
 * What was read only in part (a document over the size cap, lines over the length cap) is passed
 * to `onNote` as one line; such documents bypass the cache, so their notes are never lost.
 */
export async function collectClaims(
  root: string,
  files: readonly string[],
  extraGlobs: readonly string[] = [],
  cache?: ExtractionCache,
  onNote?: (note: string) => void,
): Promise<Claim[]> {
  const documents = await discoverDocuments(root, files, extraGlobs);
  const claims = await Promise.all(documents.map(({ path, text, note }) => {
    if (note !== undefined) onNote?.(note);
    if (isClaimcheckReport(text)) return [];
    const extract = () => extractClaims(text, path, onNote);
    return cache === undefined || hasLongLine(text)
      ? extract()
      : cache.claimsOf(path, text, extract);
  }));
  return claims.flat();
}

/** Whether `text` has a line the extractor skips (so extracting it writes a note). */
function hasLongLine(text: string): boolean {
  if (text.length <= MAX_LINE_CHARS) return false;
  let start = 0;
  for (let end = text.indexOf("\n");; end = text.indexOf("\n", start)) {
    const stop = end < 0 ? text.length : end;
    if (stop - start > MAX_LINE_CHARS) return true;
    if (end < 0) return false;
    start = end + 1;
  }
}
