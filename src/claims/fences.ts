/**
 * Fenced code blocks read line by line (CommonMark: a fence of three or more backticks or tildes,
 * closed by a fence of the same character at least as long).
 * @module
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The fence still open after `line` (undefined: none), and whether `line` is a fence or inside one. */
export function stepFence(
  open: string | undefined,
  line: string,
): { open: string | undefined; fenced: boolean } {
  const marker = FENCE.exec(line)?.[1];
  if (open !== undefined) {
    const closes = marker !== undefined && marker[0] === open[0] && marker.length >= open.length;
    return { open: closes ? undefined : open, fenced: true };
  }
  return marker !== undefined ? { open: marker, fenced: true } : { open: undefined, fenced: false };
}
