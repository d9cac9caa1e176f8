/**
 * Absences: "no TODOs or FIXMEs", "zero warnings" (of a build, lint, type check or tests),
 * "no critical vulnerabilities".
 * @module
 */
import { count, type Draft, nearest, numberOf, type Rule, type Scope } from "./scope.ts";

const MARKERS =
  /\b(?:no|zero|0)\s+(?:(?:remaining|open|outstanding|leftover)\s+)?((?:TODO|FIXME|XXX|HACK)s?(?:\s*(?:,|\/|&|or|and|nor)\s*(?:TODO|FIXME|XXX|HACK)s?)*)(?!\w)/gi;
const PROBLEMS =
  /\b(?:(?:zero|no|0)\s+((?:[\w-]+\s+){0,2}?)|without\s+(?:any\s+)?((?:[\w-]+\s+)?))(warnings|errors|issues)\b/gi;
const VULNERABILITIES =
  /\b(?:no|zero|0)\s+((?:[\w-]+\s+){0,4}?)(?:vulnerabilit(?:y|ies)|security\s+(?:issues|problems|findings))\b/gi;
/** "No hardcoded secrets found", "zero leaked secrets". */
const SECRETS =
  /\b(?:no|zero|0)\s+(?:hard-?coded\s+|leaked\s+|exposed\s+|committed\s+)?secrets\b/gi;
/** "lint issues resolved", "all ruff warnings fixed": nothing of them is left. */
const RESOLVED =
  /\b(lint\w*|ruff|flake8|pylint|eslint|mypy|type[- ]?check\w*)\s+(issues|errors|warnings)\s+(?:(?:were|are|have\s+been|all)\s+)?(?:resolved|fixed)\b/gi;
/** "181 minor linting issues", "37 issues identified" (by a named tool): how many problems. */
const COUNTED =
  /(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)\s+((?:[\w-]+\s+){0,2}?)(issues|warnings|errors|findings)\b(?!\s+(?:[\w-]+\s+)?(?:auto-?fix\w*|fixed|resolved|addressed|remain\w*))/gi;
/** Tools and words naming a family of problems, security included (for counts). */
const COUNT_FAMILIES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:lint\w*|ruff|flake8|eslint|pylint)\b/gi, "lint"],
  [/\b(?:type[- ]?check\w*|mypy|pyright|tsc)\b/gi, "typecheck"],
  [/\b(?:bandit|safety|security|vulnerab\w*)\b/gi, "security"],
];
const FAMILIES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:build|builds|built|compil\w*|packag\w*|sdist|wheel)\b/gi, "build"],
  [/\b(?:lint\w*|ruff|flake8|eslint|pylint)\b/gi, "lint"],
  [/\b(?:type[- ]?check\w*|typing|mypy|pyright|tsc)\b/gi, "typecheck"],
  [/\b(?:tests?|testing|pytest|unittest|suite)\b/gi, "tests"],
];

function familyOf(scope: Scope, qualifiers: string, at: number): string | undefined {
  const own = nearest(FAMILIES, qualifiers, 0);
  if (own !== undefined) return own;
  if (qualifiers.trim() !== "") return undefined;
  return nearest(FAMILIES, scope.clause.text, at) ?? nearest(FAMILIES, scope.label, at) ??
    (scope.clause.parent === undefined
      ? undefined
      : nearest(FAMILIES, scope.clause.parent.text, at)) ??
    nearest(FAMILIES, scope.sentence.outputContext ?? "", 0);
}

/** What a problem word is counted as: issues and findings are the family's `issues`. */
function problemKey(what: string, family: string): string {
  const word = what.toLowerCase();
  return `${family}.${word === "findings" ? "issues" : word}`;
}

/** Counted problems and TODO markers: "181 linting issues", "18 TODO items identified". */
function countedProblems(scope: Scope): Draft[] {
  const text = scope.clause.text;
  const found: Draft[] = [];
  for (const m of text.matchAll(COUNTED)) {
    if (/\b(?:added|fixed|resolved|removed|of)\s+$/i.test(text.slice(0, m.index))) continue;
    const qualifiers = m[2] as string;
    const family = nearest(COUNT_FAMILIES, qualifiers, 0) ??
      (qualifiers.trim() === "" || /^(?:minor|major|critical|high|low|medium)\s+$/i.test(qualifiers)
        ? nearest(COUNT_FAMILIES, `${scope.label} ${text}`, m.index)
        : undefined);
    if (family === undefined) continue;
    found.push({
      index: m.index,
      kind: "problems",
      metric: problemKey(m[3] as string, family),
      ...count(numberOf(m[1] as string)),
    });
  }
  for (const m of text.matchAll(TODO_COUNT)) {
    found.push({ index: m.index, kind: "repo", metric: "repo.todos", ...count(Number(m[1])) });
  }
  return found;
}

/** "18 TODO items", "3 FIXME comments". */
const TODO_COUNT = /(?<![\w.,])(\d+)\s+(?:TODO|FIXME)s?\b(?:\s+(?:items?|comments?|markers?))?/g;

/**
 * "No TODOs or FIXMEs", "zero warnings", "no critical vulnerabilities", "no hardcoded secrets",
 * "lint issues resolved": things said to be absent; and counted problems ("181 lint issues").
 */
export const absenceRule: Rule = (scope) => {
  const text = scope.clause.text;
  const found: Draft[] = countedProblems(scope);
  for (const m of text.matchAll(SECRETS)) {
    found.push({
      index: m.index,
      kind: "absence",
      metric: "security.secrets",
      subject: "secrets",
      ...count(0),
    });
  }
  for (const m of text.matchAll(RESOLVED)) {
    const family = nearest(FAMILIES, m[1] as string, 0) ?? "lint";
    const what = (m[2] as string).toLowerCase() === "issues"
      ? "errors"
      : (m[2] as string).toLowerCase();
    found.push({
      index: m.index,
      kind: "absence",
      metric: `${family}.${what}`,
      subject: what,
      ...count(0),
    });
  }
  for (const m of text.matchAll(MARKERS)) {
    for (const marker of (m[1] as string).match(/TODO|FIXME|XXX|HACK/gi) ?? []) {
      found.push({
        index: m.index,
        kind: "absence",
        metric: "repo.todos",
        subject: marker.toUpperCase(),
        ...count(0),
      });
    }
  }
  for (const m of text.matchAll(PROBLEMS)) {
    const word = (m[3] as string).toLowerCase();
    const what = word === "issues" ? "errors" : word;
    const family = familyOf(scope, m[1] ?? m[2] ?? "", m.index);
    if (family === undefined) continue;
    if (family === "tests" && what === "errors") {
      found.push({ index: m.index, kind: "tests", metric: "tests.errors", ...count(0) });
    } else {
      found.push({
        index: m.index,
        kind: "absence",
        metric: `${family}.${what}`,
        subject: what,
        ...count(0),
      });
    }
  }
  for (const m of text.matchAll(VULNERABILITIES)) {
    const qualifiers = (m[1] as string).toLowerCase();
    const severity = /\bcritical\b/.test(qualifiers)
      ? ".critical"
      : /\bhigh\b/.test(qualifiers)
      ? ".high"
      : "";
    found.push({
      index: m.index,
      kind: "absence",
      metric: `security.vulnerabilities${severity}`,
      subject: "vulnerabilities",
      ...count(0),
    });
  }
  return found;
};
