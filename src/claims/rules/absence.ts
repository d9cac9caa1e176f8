/**
 * Absences: "no TODOs or FIXMEs", "zero warnings" (of a build, lint, type check or tests),
 * "no critical vulnerabilities".
 * @module
 */
import { count, type Draft, nearest, type Rule, type Scope } from "./scope.ts";

const MARKERS =
  /\b(?:no|zero|0)\s+(?:(?:remaining|open|outstanding|leftover)\s+)?((?:TODO|FIXME|XXX|HACK)s?(?:\s*(?:,|\/|&|or|and|nor)\s*(?:TODO|FIXME|XXX|HACK)s?)*)(?!\w)/gi;
const PROBLEMS =
  /\b(?:(?:zero|no|0)\s+((?:[\w-]+\s+){0,2}?)|without\s+(?:any\s+)?((?:[\w-]+\s+)?))(warnings|errors)\b/gi;
const VULNERABILITIES = /\b(?:no|zero|0)\s+((?:[\w-]+\s+){0,4}?)vulnerabilit(?:y|ies)\b/gi;
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

/** "No TODOs or FIXMEs", "zero warnings", "no critical vulnerabilities": things said to be absent. */
export const absenceRule: Rule = (scope) => {
  const text = scope.clause.text;
  const found: Draft[] = [];
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
    const what = (m[3] as string).toLowerCase();
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
