/**
 * A count whose list follows on the next lines: "8 core modules:" and then one list item per
 * module. The count is of the listed names (`repo.listed`), not of every module the repository
 * has. Document-level: it reads the claims already extracted from the list's lines.
 * @module
 */
import type { Claim } from "./claim.ts";
import { isGuarded, isImperative } from "./guards.ts";

/** A line that ends by announcing a list of what it counts. */
const ANNOUNCES =
  /^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*|__)?(?:[^\d\n]*?\s)?(\d+)(\+)?\s+(?:[\w-]+\s+){0,2}?(modules?|files?|scripts?|examples?|services?|components?|packages?|notebooks?)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*$/i;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+/;

/** A list with more named items than this is not read as the list a count announces. */
export const MAX_LISTED_NAMES = 1000;

/** The index of the first entry of the ascending `values` that is at least `value`. */
function lowerBound(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((values[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * `claims` (in document order) with a `repo.listed` claim for each line of `source` that
 * announces a counted list followed by list items naming files or modules (at least 2, at most
 * {@link MAX_LISTED_NAMES}); an unscoped count read from that line is replaced. Linear in the
 * document: each line's first `exists` claim and the end of each run of list items are found
 * once.
 */
export function withListedBlocks(
  claims: readonly Claim[],
  source: readonly string[],
  file: string,
): Claim[] {
  // The subject of each line's first `exists` claim (0-based line index), and the named lines.
  const subjects = new Map<number, string | undefined>();
  for (const c of claims) {
    if (c.kind === "exists" && !subjects.has(c.line - 1)) subjects.set(c.line - 1, c.subject);
  }
  const named = [...subjects].flatMap(([i, s]) => s === undefined ? [] : [i]).sort((a, b) => a - b);
  // Where the run of list items that starts at each line ends (exclusive).
  const runEnd = new Array<number>(source.length + 1).fill(source.length);
  for (let i = source.length - 1; i >= 0; i--) {
    runEnd[i] = LIST_ITEM.test(source[i] as string) ? runEnd[i + 1] as number : i;
  }
  const listed = new Map<number, Claim>();
  for (let i = 0; i < source.length; i++) {
    const line = source[i] as string;
    const m = ANNOUNCES.exec(line);
    if (m === null || isGuarded(line) || isImperative(line.replace(LIST_ITEM, ""))) continue;
    let start = i + 1;
    while (start < source.length && (source[start] as string).trim() === "") start++;
    const from = lowerBound(named, start);
    const to = lowerBound(named, runEnd[start] as number);
    if (to - from < 2 || to - from > MAX_LISTED_NAMES) continue;
    const names = named.slice(from, to).map((j) => subjects.get(j) as string);
    listed.set(i + 1, {
      file,
      line: i + 1,
      text: line.trim(),
      kind: "repo",
      metric: "repo.listed",
      subject: names.join(", "),
      comparator: m[2] ? "≥" : "=",
      value: Number(m[1]),
      unit: "count",
    });
  }
  if (listed.size === 0) return [...claims];
  const pending = [...listed.values()];
  const out: Claim[] = [];
  let next = 0;
  for (const c of claims) {
    while (next < pending.length && (pending[next] as Claim).line < c.line) {
      out.push(pending[next++] as Claim);
    }
    const replacing = listed.get(c.line);
    if (replacing !== undefined && c.kind === "repo" && c.value === replacing.value) continue;
    out.push(c);
  }
  out.push(...pending.slice(next));
  return out;
}
