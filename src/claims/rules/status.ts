/**
 * Status claims: "PRODUCTION READY", "ready for release", "enterprise-ready", "95% complete",
 * "readiness score 35%", and self-assessed scores ("Quality Score: 72/100", "(Score: 95/100)").
 * @module
 */
import { SCORE_TABLE } from "../score_table.ts";
import { type Draft, labelWords, type Rule, type Scope } from "./scope.ts";

const STATUS_PHRASES: ReadonlyArray<readonly [RegExp, (m: RegExpMatchArray) => string]> = [
  [/\bproduction[- ](?:deployment[- ])?ready\b/gi, () => "production ready"],
  [
    /\b(enterprise|release)[- ]ready\b|\b(deployment)[- ]ready\s*:\s*(?=yes\b)/gi,
    (m) => `${(m[1] ?? m[2] as string).toLowerCase()} ready`,
  ],
  [
    /\bready\s+for\s+(?:(?:immediate|production|enterprise|real[- ]world|general|public|commercial)\s+){0,2}(?:production|deployment|release|use|usage|launch|shipping|adoption)\b/gi,
    (m) => m[0].toLowerCase().replace(/\s+/g, " "),
  ],
  [/\bcertified\s+for\s+production\b/gi, () => "certified for production"],
  [
    /\ball\s+(?:planned\s+|core\s+)?features\s+(?:are\s+)?(?:complete|completed|implemented|done)\b/gi,
    () => "all features complete",
  ],
  [/\bno\s+(?:known\s+)?critical\s+(?:bugs|defects)\b/gi, () => "no critical bugs"],
  [
    /\bproduction\s+readiness\s+(?:certification\s+)?(?:achieved|certified|confirmed|verified|reached|attained)\b/gi,
    () => "production readiness achieved",
  ],
];
/** A status of what the project's programs produce ("generates production-ready Dockerfiles"). */
const OF_OUTPUT = /\b(produc(?:e|es|ing)|generat\w*|creat(?:e|es|ing)|emit\w*|output\w*)\s+$/i;
/** A status of one aspect, not of the project ("Security Status: Enterprise Ready"). */
const ASPECT = /\b(security|compliance|privacy|documentation|docs)\b/i;
const PERCENT_DONE = /^\s*\+?\s*(complete|completed|ready|done|operational)\b/i;
const READINESS_BEFORE = /\breadiness(?:\s+score)?\s*(?::|of|is|at|=|-)?\s*$/i;
const COMPLETION_LABEL = /\b(complete\w*|completion|readiness|score|code\s+quality)\b/i;
/** A percentage that names another rate ("Validation Score: 100% success rate"). */
const OTHER_RATE = /^\s*(?:success|pass(?:ing)?|hit|error|failure)\s+(?:rate|ratio)\b/i;
/** A percentage that is a change ("31% higher", "12% better"), not a state. */
const CHANGE =
  /^\s*(?:higher|lower|better|worse|faster|slower|more|less|improvement|increase|decrease|gain|reduction)\b/i;
/** Scores the project's programs compute (of a model, a prediction, a risk): not self-assessed. */
const COMPUTED_SCORE =
  /\b(confidence|accuracy|precision|recall|f1|bleu|rouge|similarity|relevance|sentiment|risk|anomaly|priority|credit|fairness|bias|health)\s+scores?\b/i;
/** What a percentage of tasks counts: the progress of a backlog, not the project's state. */
const TASK_LABEL = /\b(items?|tasks?|tickets?|issues?|stories|todos?|steps?)\b/i;
/** A self-assessed score out of 100: "Score: 95/100", "Quality score 72 / 100". */
const SCORE = /\bscore\b[^\d\n]{0,24}?(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*\/\s*100\b/gi;
/** A heading that opens a list of what the project is ready for ("🚀 READY FOR:"). */
const READY_FOR_HEADING = /^\W*ready\s+for\W*$/i;
const DEPLOYMENT_WORD = /\b(production|deployment|release|launch)\b/i;

/** Whether the sentence is a row of a table of scores (marked by `extract.ts`). */
function inScoreTable(scope: Scope): boolean {
  return scope.sentence.section.endsWith(SCORE_TABLE);
}

function percentStatus(scope: Scope): Draft[] {
  const text = scope.clause.text;
  const found: Draft[] = [];
  if (TASK_LABEL.test(scope.label) || COMPUTED_SCORE.test(scope.label)) return found;
  for (const q of scope.quantities) {
    if (q.unit !== "percent" || q.range || q.value > 100) continue;
    if (OTHER_RATE.test(text.slice(q.end)) || CHANGE.test(text.slice(q.end))) continue;
    const done = PERCENT_DONE.exec(text.slice(q.end));
    const readiness = READINESS_BEFORE.test(text.slice(0, q.start));
    const first = scope.quantities.find((x) => x.start > scope.labelEnd) === q;
    const scored = COMPLETION_LABEL.test(scope.label) || inScoreTable(scope);
    const labelled = first && q.start > scope.labelEnd && scored;
    if (done === null && !readiness && !labelled) continue;
    const word = (done?.[1] as string | undefined)?.toLowerCase();
    const subject = word !== undefined
      ? (word === "ready" || word === "operational" ? word : "complete")
      : /readiness/i.test(readiness ? text.slice(0, q.start) : scope.label)
      ? "readiness"
      : /score|code\s+quality/i.test(scope.label) || inScoreTable(scope)
      ? "score"
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
  for (const m of text.matchAll(SCORE)) {
    found.push({
      index: m.index,
      kind: "status",
      metric: "level",
      subject: "score",
      comparator: "=",
      value: Number(m[1]),
      unit: "percent",
    });
  }
  return found;
}

function phraseStatus(scope: Scope): Draft[] {
  const text = scope.clause.text;
  const found: Draft[] = [];
  if (ASPECT.test(scope.label)) return found;
  for (const [pattern, subject] of STATUS_PHRASES) {
    for (const m of text.matchAll(pattern)) {
      if (OF_OUTPUT.test(text.slice(0, m.index))) continue;
      found.push({ index: m.index, kind: "status", metric: "level", subject: subject(m) });
    }
  }
  const opens = scope.clause.start <= scope.labelEnd;
  if (opens && labelWords(scope.label) === "production readiness") {
    found.push({ index: 0, kind: "status", metric: "level", subject: "production readiness" });
  }
  const heading = scope.sentence.section.split("\n").pop() ?? "";
  if (
    !scope.sentence.heading && READY_FOR_HEADING.test(heading) && DEPLOYMENT_WORD.test(text) &&
    scope.clause.parent === undefined
  ) {
    found.push({ index: 0, kind: "status", metric: "level", subject: "ready for production" });
  }
  return found;
}

/**
 * Status phrases, completion or readiness percentages and self-assessed scores: one kind,
 * `status`, metric `level`. A percentage of tasks ("Completed Items: 3/3 (100%)"), a status of
 * what the programs produce, or of one aspect ("Security Status: Enterprise Ready") is none.
 */
export const statusRule: Rule = (scope) => [
  // A percentage in captured output is a program's progress line ("0% complete"), no status.
  ...(scope.sentence.outputContext === undefined ? percentStatus(scope) : []),
  ...phraseStatus(scope),
];
