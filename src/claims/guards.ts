/**
 * What makes text NOT a claim about the target: goals and targets, plans, negations, conditions,
 * comparisons with other things, history, questions, tasks in the imperative. Precision first:
 * a clause that trips any guard yields no claim.
 * @module
 */

/** Words of goals, plans and requirements ("Target: < 200ms", "should", "requires Python ≥ 3.8"). */
const GOAL =
  /\b(targets?|targeted|targeting|goals?|aims?|aiming|objectives?|should|will|would|could|might|expected to|plans?|planned|planning|intend\w*|wants?|wish|hope|ensure|in order to|to achieve|to reach|to make|to get|to become|must|needs?|needed|need to|requires?|required|requirements?|thresholds?|budgets?|defaults?|maximum|minimum|up to|desired|ideally|estimated|estimate|projected|enforc\w*)\b|\bfail(?:s|ing)?\s+(?:below|under|above|over|if|when|at|unless)\b/i;
/** A goal word followed by its fulfilment is a claim again ("Performance targets achieved"). */
const GOAL_MET =
  /\b(targets?|goals?|thresholds?|budgets?|requirements?|objectives?)\s+(?:were\s+|are\s+|have\s+been\s+|all\s+)?(achieved|met|reached|exceeded|satisfied|passed|hit)\b|\b(?:achiev\w*|meets|exceed(?:s|ed|ing)?|surpass\w*)\s+(?:all\s+)?(?:(?:the|our|its|[\w-]+,?|and)\s+){0,5}(?:targets?|goals?|objectives?|requirements?)\b/gi;
/** A negated negation is an affirmation ("no missing pieces", "nothing missing"). */
const DOUBLE_NEGATION = /\b(?:no|nothing|none)\s+(?:[\w-]+\s+)?missing\b/gi;
/** Negations and doubt ("not yet production ready", "coverage is not measured", "cannot verify"). */
const NEGATION =
  /\b(not|never|no longer|cannot|unable|unverifi\w*|unverified|incorrect|false|wrong|overestimat\w*|fail(?:s|ed)? to|yet to|lacks?|lacking|missing|pending|blocked|broken|n't)\b|n't\b/i;
/** Conditions, suppositions ("say we'd bundle it") and questions. */
const CONDITION =
  /\b(if|unless|once|until|whether|when\s+(?:we|you|it|the)|suppose|supposing|imagine|assume|assuming|say\s+(?:we|you))\b|\w['’]d\b|\?/i;
/**
 * Comparisons with other things and changes by an amount ("2x faster than X", "33% reduction",
 * "reduced by 40%"); a change *to* a value ("coverage climbed to 87%") states that value.
 */
const COMPARISON =
  /\b(faster|slower|smaller|larger|bigger|better|worse|vs\.?|versus|compared|relative to|improvements?|speed-?ups?|savings?)\b|\b(?:reduc\w*|increas\w*|decreas\w*|(?<!self-)improv\w*|dropp?\w*|grew|rose|climb\w*|shr[ai]nk\w*|slimm?\w*|gain\w*|cut)\b(?![^,;]*?\bto\b)|\bfrom\s+[~<>≤≥]?\s*\d[\d.,]*\s*[a-z%]*\s+to\b|\d\s*[x×](?!\w)|×/i;
/** Reported speech: someone else's claim quoted or judged ("claimed 707 passed; measured 0"). */
const REPORTED = /\b(claim(?:s|ed)?|alleg\w*|reportedly|supposedly|purported\w*)\b/i;
/** History: what was, not what is. */
const HISTORY =
  /\b(previous(?:ly)?|formerly|originally|initially|used to|earlier|prior|before|pre-(?:enhancement|release|refactor\w*|migration))\b/i;

/** Markers of a present, measured state that outweigh an inherited guard or a plan scope. */
const ASSERTION = /\b(currently|already|presently|as of now|now at|measured|actually achiev\w*)\b/i;

/** Marks of a finished item: ✅ ✔ ☑ ✓ and a checked box. */
export const DONE_MARK = /[✅✔☑✓]|\[[xX]\]/;

/** Whether a clause states a goal, a negation, a condition, a comparison, history or reported speech. */
export function isGuarded(clause: string): boolean {
  const text = clause.replace(GOAL_MET, " ").replace(DOUBLE_NEGATION, " ");
  return GOAL.test(text) || NEGATION.test(text) || CONDITION.test(text) ||
    COMPARISON.test(text) || HISTORY.test(text) || REPORTED.test(text);
}

/** Whether a clause asserts a present state ("currently achieving sub-200ms"). */
export function isAssertion(clause: string): boolean {
  return ASSERTION.test(clause);
}

/** Verbs that open a task, never a statement ("Add tests", "Execute the release"). */
const IMPERATIVE =
  /^(add|create|implement|execute|achieve|generate|deploy|fix|remove|refactor|configure|verify|ensure|improve|increase|reduce|optimi[sz]e|investigate|consider|migrate|publish|integrate|enable|install|upgrade|standardi[sz]e|enhance|validate|perform|conduct|establish|prepare|define|explore|evaluate|research|schedule|write|collect|gather|identify|engage|announce|leverage|expand|continue|keep|follow|apply|make|get|replace|rename|reach|finish|bump|port|rewrite|introduce|setup|set up|try|aim|avoid|raise|lower)\b/i;
/** Words that are verbs only when an object follows ("Test the export", not "Test coverage: 95%"). */
const AMBIGUOUS_VERB =
  /^(test|build|release|support|design|update|plan|profile|monitor|document|scale|check|review|benchmark|measure|use|run|start|track|deliver|ship|harden|package|clean|split|move|debug|expose|wire|mock|cache|seed|tune|audit)\s+(the|a|an|all|more|with|for|to|in|on|our|any|new|each|every|existing|first|from|up|it|them|this|that|these|those|against|across|remaining|additional|other|real)\b/i;

/** Whether a statement opens with a verb of command, i.e. it is a task rather than a claim. */
export function isImperative(statement: string): boolean {
  const start = statement.replace(/^[^A-Za-z]+/, "");
  return IMPERATIVE.test(start) || AMBIGUOUS_VERB.test(start);
}

/**
 * Whether a sentence opens as a statement of present state: "The package is ready …", or speaks
 * of the present release: "This production-ready release enables: …".
 */
export function isCopulaStatement(sentence: string): boolean {
  return /^[^A-Za-z]*(the|this|our|it)\b[^.:]{0,60}?\b(is|are)\b/i.test(sentence) ||
    /^[^A-Za-z]*(?:this|the\s+current)\s+(?:[\w-]+\s+){0,3}(?:release|version|build)\s+[a-z]+s\b/i
      .test(sentence);
}

/**
 * Headings opening a scope of plans, goals, requirements, thresholds, triggers and indicators
 * ("Next Steps", "Roadmap", "Alert Thresholds", "Scaling Triggers", "KPIs", "Severity Levels"), or
 * of a past state ("Baseline (Before)", "Pre-Release").
 */
const PLAN_HEADING =
  /\b(next\s+(?:steps?|actions?|phases?|iterations?|sprints?)|future|roadmap|to-?dos?|planned|plans?|upcoming|backlog|follow[- ]?ups?|recommend\w*|wish\s*list|ideas|remaining|priorit(?:y|ies)|requirements?|goals?|targets?|objectives?|tasks?|open\s+questions|thresholds?|alert\w*|triggers?|kpis?|indicators|slas?|slos?|standards?|severity|escalation|before|pre-\w+|previous|original)\b/i;
/** Headings that declare their section finished ("Immediate (Completed ✅)", "Priorities Met"). */
const DONE_HEADING =
  /[✅✔☑✓]|\b(met|achieved|satisfied|completed?|done|delivered|accomplished|passed|enhanced|implemented|added|executed)\b/i;

/** How a heading scopes the text under it. */
export type HeadingScope = "plan" | "done" | "none";

/** Whether a heading opens a plan scope, declares its section done, or neither. */
export function headingScope(heading: string): HeadingScope {
  if (DONE_HEADING.test(heading)) return "done";
  return PLAN_HEADING.test(heading) ? "plan" : "none";
}
