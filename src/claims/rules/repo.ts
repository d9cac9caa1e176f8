/**
 * Repository counts: "30+ examples", "5 workflows", "60+ modules", "10,000+ lines of code",
 * "4 extensions", "Documentation Pages: 35+".
 * @module
 */
import { qualityOf } from "./qualities.ts";
import { count, type Draft, labelWords, QUALIFIER_STOP, type Rule } from "./scope.ts";

const REPO_NOUN =
  /^\s+((?:[A-Za-z][\w-]*\s+){0,2}?)(examples?|demos?|demonstrations?|workflows?|modules?|files?|functions?|classes|services?|guides?|tutorials?|docs|documents|commands|tools?|scripts?|lines\s+of\s+(?:[\w-]+\s+)?code|loc|notebooks?|extensions|plugins)(?![\w/-])/i;
/** A count after a verb of activity counts work done, not what the repository holds. */
const ACTIVITY =
  /\b(changed|touched|moved|modified|edited|reviewed|updated|deleted|removed|added|created|renamed|refactored|fixed|rewrote|rewritten|migrated|converted|merged|split|cleaned|deprecated)\s+(?:[\w-]+\s+)?$/i;
const REPO_LABEL =
  /^(?:total\s+)?(examples|workflows|modules|files|test files|cli tools|commands|functions|classes|services|lines of code|loc|documentation pages|docs pages)$/;

/** Adjectives that praise what is counted without narrowing it to a subset. */
const PRAISE =
  /^(sophisticated|working|runnable|complete|comprehensive|detailed|documented|tested|well-tested|well-documented|production-ready|production-grade|ready-to-run|ready-to-use|real-world|practical|standalone|independent|separate|different|distinct|total|extensive|full|fully|functional|interactive|executable|reusable|modular|in-depth|step-by-step|self-contained|end-to-end|useful)$/;
/** Words that belong to a noun ("code examples", "CLI tools", "Python files"), per noun. */
const NOUN_PARTS: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [/^(examples?|demos?|demonstrations?)$/, /^(code|usage|demo|demonstration|example)$/],
  [/^scripts?$/, /^(demo|demonstration|example)$/],
  [
    /^files?$/,
    /^(test|implementation|source|code|python|py|typescript|ts|javascript|js|markdown|md|yaml|yml|json|onnx|notebook)$/,
  ],
  [/^(tools?|commands)$/, /^(cli|command-line)$/],
  [/^(guides?|tutorials?|docs|documents)$/, /^(api|user|developer|deployment|architecture|usage)$/],
  [/^workflows?$/, /./],
];

/** The metric a counted noun names, or undefined when its qualifiers narrow it to a subset. */
function repoMetric(qualifiers: string, noun: string, context: string): string | undefined {
  const words = qualifiers.trim().toLowerCase().split(/\s+/).filter((w) => w !== "");
  const n = noun.toLowerCase().replace(/\s+/g, " ");
  const parts = NOUN_PARTS.find(([nouns]) => nouns.test(n))?.[1];
  if (!words.every((w) => PRAISE.test(w) || parts?.test(w) === true)) return undefined;
  const last = words.filter((w) => !PRAISE.test(w)).pop() ?? "";
  if (/^(examples?|demos?|demonstrations?)$/.test(n)) return "repo.examples";
  if (/^scripts?$/.test(n)) {
    return /example|demo/i.test(`${qualifiers} ${context}`) ? "repo.examples" : undefined;
  }
  if (/^workflows?$/.test(n)) return "repo.workflows";
  if (/^modules?$/.test(n)) return "repo.modules";
  if (/^files?$/.test(n)) {
    if (last === "test") return "repo.tests";
    if (/^(implementation|source|code)$/.test(last)) return "repo.modules";
    if (last !== "") return `repo.files.${last}`;
    return "repo.files";
  }
  if (/^functions?$/.test(n)) return "repo.functions";
  if (n === "classes") return "repo.classes";
  if (/^services?$/.test(n)) return "repo.services";
  if (/^(guides?|tutorials?|docs|documents)$/.test(n)) return "repo.docs";
  if (n === "commands" || /^tools?$/.test(n)) {
    return n === "commands" || last !== "" ? "repo.commands" : undefined;
  }
  if (n.startsWith("lines") || n === "loc") return "repo.linesOfCode";
  if (/^notebooks?$/.test(n)) return "repo.files.notebooks";
  if (n === "extensions" || n === "plugins") return `repo.${n}`;
  return undefined;
}

/** Counts of what the repository holds: examples, workflows, modules, files, lines of code. */
export const repoRule: Rule = (scope) => {
  const text = scope.clause.text;
  const found: Draft[] = [];
  for (const q of scope.quantities) {
    const before = text.slice(0, q.start);
    if (q.unit !== "count" || q.range || /[/.]$/.test(before.trimEnd())) continue;
    if (ACTIVITY.test(before)) continue;
    const m = REPO_NOUN.exec(text.slice(q.end));
    let metric: string | undefined;
    if (m !== null && !QUALIFIER_STOP.test(m[1] as string)) {
      metric = repoMetric(m[1] as string, m[2] as string, `${scope.label} ${text}`);
    } else if (m === null && q.start > scope.labelEnd && scope.clause.start <= scope.labelEnd) {
      const first = scope.quantities.find((x) => x.start > scope.labelEnd) === q;
      const label = REPO_LABEL.exec(labelWords(scope.label));
      if (first && label !== null && /^\s*(?:$|[,;.✅✔])/.test(text.slice(q.end))) {
        metric = repoMetric("", (label[1] as string).split(" ").pop() as string, scope.label);
        if (label[1] === "test files") metric = "repo.tests";
        if (label[1] === "cli tools") metric = "repo.commands";
        if (label[1] === "lines of code" || label[1] === "loc") metric = "repo.linesOfCode";
        if (/pages$/.test(label[1] as string)) metric = "repo.docs";
      }
    }
    if (metric === undefined) continue;
    const quality = m === null ? undefined : qualityOf(m[1] as string);
    found.push({
      index: q.start,
      kind: "repo",
      metric,
      ...count(q.value, q.comparator),
      ...(quality === undefined ? {} : { quality }),
    });
  }
  return found;
};
