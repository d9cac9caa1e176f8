/**
 * Collect the claims a snapshot's documents make.
 * @module
 */
import type { Claim } from "./claim.ts";
import { discoverDocuments } from "./documents.ts";
import { extractClaims } from "./extract.ts";
import type { ExtractionCache } from "./extraction_cache.ts";

/** Whether `markdown` is a report claimcheck wrote: it quotes the target's claims, it makes none. */
export function isClaimcheckReport(markdown: string): boolean {
  return markdown.trimStart().startsWith("# claimcheck report:");
}

/**
 * Read every markdown document among `files` (plus `extraGlobs`) under `root` and extract its
 * claims; with a `cache`, a document read before with the same text is not parsed again.
 */
export async function collectClaims(
  root: string,
  files: readonly string[],
  extraGlobs: readonly string[] = [],
  cache?: ExtractionCache,
): Promise<Claim[]> {
  const documents = await discoverDocuments(root, files, extraGlobs);
  const claims = await Promise.all(documents.map(({ path, text }) => {
    if (isClaimcheckReport(text)) return [];
    const extract = () => extractClaims(text, path);
    return cache === undefined ? extract() : cache.claimsOf(path, text, extract);
  }));
  return claims.flat();
}
