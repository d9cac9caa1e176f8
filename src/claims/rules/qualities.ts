/**
 * Qualities a sentence gives what it names: "`pyproject.toml` with all dependencies declared",
 * "`run_demo.py` — interactive demo", "4+ working example scripts". A quality is not verified by
 * existence: it is judged by the check that measures it, else it stays unverified.
 * @module
 */
import type { Draft } from "./scope.ts";

/** Qualities of a file or of counted things, and what measures them. */
const QUALITY =
  /\b(all\s+(?:its\s+|the\s+)?dependencies\s+(?:are\s+)?declared|dependencies\s+(?:fully\s+)?declared|working|works|functional|runnable|interactive|executable|ready[- ]to[- ](?:run|use)|fully\s+tested|tested)\b/i;
/** What joins a name to its quality: "— interactive demo", ": working", "with all … declared". */
const JOINED = /^[`*_\s]*(?:[:\-–—→]\s+|\s+with\s+|\s*\(\s*)/;

/** The quality a counted noun's qualifiers name ("working", "runnable"), if any. */
export function qualityOf(words: string): string | undefined {
  return QUALITY.exec(words)?.[1]?.toLowerCase().replace(/\s+/g, " ");
}

/**
 * `drafts` with the quality of each named file that opens the sentence or is joined to one by
 * "with": the listing entry "`run_demo.py` — interactive demo" says the demo is interactive.
 */
export function withQualities(drafts: readonly Draft[], text: string): Draft[] {
  const opening = text.length - text.replace(/^[^\w.`]+/, "").length;
  return drafts.map((d) => {
    if (d.kind !== "exists" || d.subject === undefined || d.quality !== undefined) return d;
    const end = text.indexOf(d.subject, d.index) + d.subject.length;
    if (end < d.subject.length) return d;
    const rest = text.slice(end);
    const joined = JOINED.exec(rest);
    if (joined === null || (d.index > opening + 2 && !/with/.test(joined[0]))) return d;
    const quality = qualityOf(rest.slice(joined[0].length));
    return quality === undefined ? d : { ...d, quality };
  });
}
