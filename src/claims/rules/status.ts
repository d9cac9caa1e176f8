/**
 * Status claims: "PRODUCTION READY", "ready for release", "95% complete", "readiness score 35%".
 * @module
 */
import { DONE_MARK } from "../guards.ts";
import { type Draft, labelWords, type Rule } from "./scope.ts";

const STATUS_PHRASES: ReadonlyArray<readonly [RegExp, (m: RegExpMatchArray) => string]> = [
  [/\bproduction[- ](?:deployment[- ])?ready\b/gi, () => "production ready"],
  [
    /\bready\s+for\s+(?:(?:production|enterprise|real[- ]world|general|public|commercial)\s+)?(?:production|deployment|release|use|usage|launch|shipping)\b/gi,
    (m) => m[0].toLowerCase().replace(/\s+/g, " "),
  ],
  [/\bcertified\s+for\s+production\b/gi, () => "certified for production"],
  [
    /\bproduction\s+readiness\s+(?:certification\s+)?(?:achieved|certified|confirmed|verified|reached|attained)\b/gi,
    () => "production readiness achieved",
  ],
];
const PERCENT_DONE = /^\s*\+?\s*(complete|completed|ready|done)\b/i;
const READINESS_BEFORE = /\breadiness(?:\s+score)?\s*(?::|of|is|at|=|-)?\s*$/i;
const COMPLETION_LABEL = /\b(complete\w*|completion|readiness)\b/i;

/** Status phrases and completion or readiness percentages, one kind: `status`, metric `level`. */
export const statusRule: Rule = (scope) => {
  const text = scope.clause.text;
  const found: Draft[] = [];
  for (const q of scope.quantities) {
    if (q.unit !== "percent" || q.range || q.value > 100) continue;
    const done = PERCENT_DONE.exec(text.slice(q.end));
    const readiness = READINESS_BEFORE.test(text.slice(0, q.start));
    const first = scope.quantities.find((x) => x.start > scope.labelEnd) === q;
    const labelled = first && q.start > scope.labelEnd && COMPLETION_LABEL.test(scope.label);
    if (done === null && !readiness && !labelled) continue;
    const subject = done !== null
      ? ((done[1] as string).toLowerCase() === "ready" ? "ready" : "complete")
      : /readiness/i.test(readiness ? text.slice(0, q.start) : scope.label)
      ? "readiness"
      : "complete";
    found.push({
      index: q.start,
      kind: "status",
      metric: "level",
      subject,
      comparator: q.comparator,
      value: q.value,
      unit: "percent",
    });
  }
  for (const [pattern, subject] of STATUS_PHRASES) {
    for (const m of text.matchAll(pattern)) {
      found.push({ index: m.index, kind: "status", metric: "level", subject: subject(m) });
    }
  }
  if (
    scope.clause.start <= scope.labelEnd && labelWords(scope.label) === "production readiness" &&
    (scope.sentence.done || DONE_MARK.test(scope.sentence.text))
  ) {
    found.push({ index: 0, kind: "status", metric: "level", subject: "production readiness" });
  }
  return found;
};
