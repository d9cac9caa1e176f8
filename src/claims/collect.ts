/**
 * Collect the claims a snapshot's documents make.
 * @module
 */
import type { Claim } from "./claim.ts";
import { discoverDocuments } from "./documents.ts";
import { extractClaims } from "./extract.ts";

/** Whether `markdown` is a report claimcheck wrote: it quotes the target's claims, it makes none. */
export function isClaimcheckReport(markdown: string): boolean {
  return markdown.trimStart().startsWith("# claimcheck report:");
}

/**
 * Read every status document among `files` (plus `extraGlobs`) under `root` and extract its claims.
 * What was read only in part (a document over the size cap, lines over the length cap) is passed
 * to `onNote` as one line.
 */
export async function collectClaims(
  root: string,
  files: readonly string[],
  extraGlobs: readonly string[] = [],
  onNote?: (note: string) => void,
): Promise<Claim[]> {
  const documents = await discoverDocuments(root, files, extraGlobs);
  return documents.flatMap(({ path, text, note }) => {
    if (note !== undefined) onNote?.(note);
    return isClaimcheckReport(text) ? [] : extractClaims(text, path, onNote);
  });
}
