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

/**
 * `claims` with a `repo.listed` claim for each line of `source` that announces a counted list
 * followed by list items naming files or modules; an unscoped count read from that line is
 * replaced.
 */
export function withListedBlocks(
  claims: readonly Claim[],
  source: readonly string[],
  file: string,
): Claim[] {
  const out = [...claims];
  for (let i = 0; i < source.length; i++) {
    const line = source[i] as string;
    const m = ANNOUNCES.exec(line);
    if (m === null || isGuarded(line) || isImperative(line.replace(LIST_ITEM, ""))) continue;
    const lineNo = i + 1;
    const names: string[] = [];
    let start = i + 1;
    while (start < source.length && (source[start] as string).trim() === "") start++;
    for (let j = start; j < source.length && LIST_ITEM.test(source[j] as string); j++) {
      const first = out.find((c) => c.line === j + 1 && c.kind === "exists");
      if (first?.subject !== undefined) names.push(first.subject);
    }
    if (names.length < 2) continue;
    const value = Number(m[1]);
    for (let k = out.length - 1; k >= 0; k--) {
      const c = out[k] as Claim;
      if (c.line === lineNo && c.kind === "repo" && c.value === value) out.splice(k, 1);
    }
    const at = out.findIndex((c) => c.line > lineNo);
    const listed: Claim = {
      file,
      line: lineNo,
      text: line.trim(),
      kind: "repo",
      metric: "repo.listed",
      subject: names.join(", "),
      comparator: m[2] ? "≥" : "=",
      value,
      unit: "count",
    };
    out.splice(at < 0 ? out.length : at, 0, listed);
  }
  return out;
}
