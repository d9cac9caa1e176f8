/**
 * Markdown → claims: parse a document with positions (mdast + GFM), cut headings, paragraphs,
 * list items, table rows and lines of captured output into sentences, read each with the rules
 * of `patterns.ts`, and place every claim at the source line it was read from.
 * @module
 */
import type {
  Code,
  Heading,
  List,
  Nodes,
  Paragraph,
  PhrasingContent,
  Root,
  Strong,
  Table,
  TableCell,
} from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import type { Claim } from "./claim.ts";
import { type HeadingScope, headingScope, isGuarded } from "./guards.ts";
import { type Draft, readClaims, type Sentence } from "./patterns.ts";
import { withListedBlocks } from "./listed_blocks.ts";
import { blockStarts, PARSE_BLOCK_CHARS } from "./parse_blocks.ts";
import { SCORE_TABLE } from "./score_table.ts";

/**
 * Inline text laid flat: each UTF-16 unit's source line, inline-code ranges, the ranges of link
 * text pointing outside the repository, and hard breaks.
 */
interface Flat {
  text: string;
  lines: number[];
  code: Array<[number, number]>;
  external: Array<[number, number]>;
  breaks: Set<number>;
  /** Links into the repository: where the link text starts, and the linked path. */
  local: Array<[number, string]>;
}

/** A sentence with the source line of each of its UTF-16 units. */
interface Placed extends Sentence {
  lines: readonly number[];
}

interface State {
  source: readonly string[];
  /** Whether the document is reference documentation (a README). */
  reference: boolean;
  /** Link definitions: identifier → URL. */
  links: ReadonlyMap<string, string>;
  headings: Array<{ depth: number; scope: HeadingScope; text: string }>;
  /** In an example's or tutorial's folder: captured output is the programs', not test runs. */
  programOutput: boolean;
  /** In a changelog: how many release headings were met (claims come from the first only). */
  releases?: number;
  out: Array<{ line: number; draft: Draft }>;
}

function emptyFlat(): Flat {
  return { text: "", lines: [], code: [], external: [], breaks: new Set(), local: [] };
}

function append(flat: Flat, text: string, line: number): void {
  let current = line;
  for (const char of text.split("")) {
    flat.text += char;
    flat.lines.push(current);
    if (char === "\n") current++;
  }
}

/**
 * `__init__`, `__main__` as written: markdown reads an unquoted `__init__.py` as a bold "init"
 * followed by ".py", but a lower-case word between double underscores is a Python name.
 */
function dunderName(state: State, node: Strong): string | undefined {
  const [only, ...rest] = node.children;
  if (only?.type !== "text" || rest.length > 0 || !/^[a-z][a-z0-9_]*$/.test(only.value)) {
    return undefined;
  }
  const start = node.position?.start;
  const opening = start && state.source[start.line - 1]?.slice(start.column - 1, start.column + 1);
  return opening === "__" ? `__${only.value}__` : undefined;
}

/** A URL with a scheme (`https:`, `mailto:`) points outside the repository. */
const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:/i;

function flatten(
  state: State,
  nodes: readonly PhrasingContent[],
  flat: Flat = emptyFlat(),
): Flat {
  for (const node of nodes) {
    const line = node.position?.start.line ?? flat.lines[flat.lines.length - 1] ?? 1;
    switch (node.type) {
      case "text":
        append(flat, node.value, line);
        break;
      case "inlineCode": {
        const start = flat.text.length;
        append(flat, node.value.replace(/\n/g, " "), line);
        flat.code.push([start, flat.text.length]);
        break;
      }
      case "break":
        flat.breaks.add(flat.text.length);
        append(flat, "\n", line);
        break;
      case "strong": {
        const dunder = dunderName(state, node);
        if (dunder !== undefined) append(flat, dunder, line);
        else flatten(state, node.children, flat);
        break;
      }
      case "emphasis":
      case "delete":
        flatten(state, node.children, flat);
        break;
      case "link":
      case "linkReference": {
        const url = node.type === "link" ? node.url : state.links.get(node.identifier) ?? "";
        const start = flat.text.length;
        flatten(state, node.children, flat);
        if (ABSOLUTE_URL.test(url)) flat.external.push([start, flat.text.length]);
        else if (flat.text.length > start) flat.local.push([start, url]);
        break;
      }
      default:
        break;
    }
  }
  return flat;
}

const ABBREVIATION = /\b(e\.g|i\.e|etc|vs|approx|ca|cf|incl|no|fig|dr|mr|mrs|ms)\.$/i;
const SENTENCE_START = /^\s+[A-Z0-9*"'`(\[✅✔❌⚠\p{Extended_Pictographic}]/u;
/** A source line that opens a new statement although no blank line or break precedes it. */
const OPENS_STATEMENT = /^(\*\*|__|[✅✔☑✓❌⚠•▪►→]|\p{Extended_Pictographic})/u;

/** Indices where `flat` splits into sentences: hard breaks, labelled lines, sentence ends. */
function boundaries(flat: Flat, source: readonly string[]): number[] {
  const cuts: number[] = [];
  for (let i = 0; i < flat.text.length; i++) {
    const char = flat.text[i];
    if (char === "\n") {
      const next = (source[(flat.lines[i + 1] ?? 0) - 1] ?? "").replace(/^[\s>]*/, "");
      if (flat.breaks.has(i) || OPENS_STATEMENT.test(next)) cuts.push(i + 1);
    } else if (char === "." || char === "!" || char === "?") {
      if (/[.!?]/.test(flat.text[i + 1] ?? "")) continue;
      const before = flat.text.slice(Math.max(0, i - 8), i + 1);
      if (ABBREVIATION.test(before)) continue;
      if (SENTENCE_START.test(flat.text.slice(i + 1, i + 4))) cuts.push(i + 1);
    }
  }
  return cuts;
}

/**
 * The entries of `entries` (sorted by their first element, as `flatten` pushes them) that start
 * in `[from, to)`, found by binary search: a paragraph's sentences each look at their own spans
 * only, so reading a long paragraph stays linear.
 */
function startingIn<T extends readonly [number, unknown]>(
  entries: readonly T[],
  from: number,
  to: number,
): T[] {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((entries[mid] as T)[0] < from) low = mid + 1;
    else high = mid;
  }
  const found: T[] = [];
  for (let i = low; i < entries.length && (entries[i] as T)[0] < to; i++) {
    found.push(entries[i] as T);
  }
  return found;
}

function sentencesOf(
  flat: Flat,
  source: readonly string[],
  base: Omit<Sentence, "text" | "codeSpans" | "externalSpans" | "links">,
): Placed[] {
  const cuts = [0, ...boundaries(flat, source), flat.text.length];
  const sentences: Placed[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const from = cuts[k] as number;
    const to = cuts[k + 1] as number;
    const raw = flat.text.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const start = from + lead;
    const end = from + raw.trimEnd().length;
    if (end <= start) continue;
    const text = flat.text.slice(start, end).replace(/\n/g, " ");
    const within = (ranges: ReadonlyArray<[number, number]>) =>
      startingIn(ranges, start, end + 1).filter(([, e]) => e <= end)
        .map(([s, e]) => [s - start, e - start] as const);
    sentences.push({
      ...base,
      text,
      codeSpans: within(flat.code),
      externalSpans: within(flat.external),
      links: startingIn(flat.local, start, end).map(([at, url]) => ({ index: at - start, url })),
      lines: flat.lines.slice(start, end),
    });
  }
  return sentences;
}

function inPlan(state: State): boolean {
  for (let i = state.headings.length - 1; i >= 0; i--) {
    const scope = state.headings[i]?.scope;
    if (scope === "plan") return true;
    if (scope === "done") return false;
  }
  return false;
}

function read(state: State, sentence: Placed): void {
  if ((state.releases ?? 0) > 1) return;
  for (const draft of readClaims(sentence)) {
    const line = sentence.lines[Math.min(draft.index, sentence.lines.length - 1)] ?? 1;
    state.out.push({ line, draft });
  }
}

/** The headings above the current point, outermost first, one per line. */
function sectionOf(state: State): string {
  return state.headings.map((h) => h.text).join("\n");
}

function readFlat(state: State, flat: Flat, done: boolean, heading = false, column = ""): void {
  const section = column === "" ? sectionOf(state) : `${sectionOf(state)}\n${column}`;
  const base = { done, plan: inPlan(state), heading, reference: state.reference, section };
  for (const sentence of sentencesOf(flat, state.source, base)) read(state, sentence);
}

/** A changelog heading that opens a release section: "## 2.1.0", "## [v1.4] - 2024-03-01". */
const RELEASE_HEADING = /\bv?\d+\.\d+(?:\.\d+)?\b|\bunreleased\b/i;
/** READMEs explain how to use files; see `Sentence.reference`. */
const README = /(^|\/)readme[^/]*$/i;
/** A paragraph that opens a release in a changelog without headings: "**2.1.0 / 2024-03-01**". */
const RELEASE_LINE = /^\s*\[?v?\d+\.\d+(?:\.\d+)?\]?\s*(?:$|[-–\/(:])/;
/** Documents that record history: only their first release section speaks of the present. */
const CHANGELOG = /(^|\/)(change[-_ ]?log|changes|history|news|release[-_ ]?notes)[^/]*$/i;

function visitHeading(state: State, node: Heading): void {
  const flat = flatten(state, node.children);
  while ((state.headings[state.headings.length - 1]?.depth ?? 0) >= node.depth) {
    state.headings.pop();
  }
  state.headings.push({ depth: node.depth, scope: headingScope(flat.text), text: flat.text });
  if (state.releases !== undefined && RELEASE_HEADING.test(flat.text)) state.releases++;
  readFlat(state, flat, false, true);
}

function visitList(state: State, node: List): void {
  for (const item of node.children) {
    if (item.checked === false) continue;
    for (const child of item.children) {
      if (child.type === "paragraph") {
        readFlat(state, flatten(state, child.children), item.checked === true);
      } else visit(state, child);
    }
  }
}

function cellFlat(state: State, cell: TableCell | undefined): Flat {
  return flatten(state, cell?.children ?? []);
}

/**
 * A table row as one sentence: "first cell: second | third …", leaving out goal columns; the
 * header of its first column joins the row's section.
 */
function visitTable(state: State, node: Table): void {
  const header = node.children[0];
  const goalColumns = new Set(
    (header?.children ?? []).flatMap((cell, i) => isGuarded(cellFlat(state, cell).text) ? [i] : []),
  );
  const firstColumn = header?.children.find((_, i) => !goalColumns.has(i));
  // A table that totals to a score ("**Overall Score** | 59% | 94%") is a table of scores.
  const scores = node.children.some((row, i) =>
    i > 0 && /\bscore\b/i.test(cellFlat(state, row.children[0]).text)
  );
  const column = cellFlat(state, firstColumn).text + (scores ? ` ${SCORE_TABLE}` : "");
  for (const row of node.children) {
    const flat = emptyFlat();
    const line = row.position?.start.line ?? 1;
    let kept = 0;
    row.children.forEach((cell, i) => {
      if (row !== header && goalColumns.has(i)) return;
      if (kept++ > 0) append(flat, kept === 2 ? ": " : " | ", line);
      const part = cellFlat(state, cell);
      const offset = flat.text.length;
      flat.text += part.text;
      flat.lines.push(...part.lines);
      const shift = ([s, e]: [number, number]): [number, number] => [s + offset, e + offset];
      flat.code.push(...part.code.map(shift));
      flat.external.push(...part.external.map(shift));
      flat.local.push(...part.local.map(([at, url]): [number, string] => [at + offset, url]));
    });
    readFlat(state, flat, false, false, row === header ? "" : column);
  }
}

const SOURCE_LANGS =
  /^(python|py|python3|javascript|js|typescript|ts|tsx|jsx|rust|rs|go|java|c|cpp|c\+\+|ruby|rb|php|swift|kotlin|scala|csharp|cs)$/;
const SHELL_LANGS =
  /^(bash|sh|shell|zsh|fish|console|terminal|shell-session|shellsession|powershell|ps1|pwsh|cmd|bat)$/;
const TEXT_LANGS = /^(|text|txt|plain|plaintext|output|log|logs|pytest|test|results?|none)$/;
const PROMPT = /^\s*(\$|>|%|PS>|❯)\s/;
const COMMENT = /^\s*(#|\/\/)\s?/;

/** Which lines of a code block are captured output, and their text without comment markers. */
function outputLines(node: Code): Array<{ index: number; text: string }> {
  const lang = (node.lang ?? "").toLowerCase();
  const lines = node.value.split("\n");
  const prompted = lines.some((l) => PROMPT.test(l));
  const keepLine = (line: string): string | undefined => {
    if (TEXT_LANGS.test(lang)) return line;
    if (SOURCE_LANGS.test(lang)) return COMMENT.test(line) ? line.replace(COMMENT, "") : undefined;
    if (SHELL_LANGS.test(lang)) {
      if (PROMPT.test(line)) return undefined;
      if (COMMENT.test(line)) return line.replace(COMMENT, "");
      return prompted ? line : undefined;
    }
    return undefined;
  };
  return lines.flatMap((line, index) => {
    const text = keepLine(line)?.trim();
    return text === undefined || text === "" ? [] : [{ index, text }];
  });
}

/** Folders of examples and tutorials: their captured output is the programs' output. */
const EXAMPLE_FOLDER = /(^|\/)(examples?|demos?|tutorials?|samples?|notebooks?)\//i;
/** A line of a test runner's summary, which stays a claim wherever it is captured. */
const TEST_RUN = /\b(passed|failed|tests?|errors?|skipped)\b/i;

/**
 * Characters of a code block that the context of each of its output lines holds (the command and
 * the first output; the whole block when it is shorter), so that a long block is read in linear
 * time.
 */
const OUTPUT_CONTEXT_CHARS = 4096;

function visitCode(state: State, node: Code): void {
  const start = node.position?.start.line ?? 1;
  const fenced = /^\s*(`{3,}|~{3,})/.test(state.source[start - 1] ?? "");
  const first = fenced ? start + 1 : start;
  const heading = state.headings[state.headings.length - 1]?.text ?? "";
  const outputContext = `${heading}\n${node.value.slice(0, OUTPUT_CONTEXT_CHARS)}`;
  for (const { index, text } of outputLines(node)) {
    if (state.programOutput && !TEST_RUN.test(text)) continue;
    const line = first + index;
    const sentence: Placed = {
      text,
      codeSpans: [],
      externalSpans: [],
      links: [],
      done: false,
      plan: inPlan(state),
      heading: false,
      reference: state.reference,
      section: sectionOf(state),
      outputContext,
      lines: text.split("").map(() => line),
    };
    read(state, sentence);
  }
}

/** Deeper than any heading: a lead's scope ends with its list. */
const LEAD_DEPTH = 7;

/**
 * The text of a paragraph that is only bold words and a colon ("**Scaling Triggers**:") and leads
 * a list: the list's heading, as a reader takes it.
 */
function leadOf(state: State, node: Nodes, next: Nodes | undefined): string | undefined {
  if (node.type !== "paragraph" || next?.type !== "list") return undefined;
  const [first, ...rest] = node.children;
  if (first?.type !== "strong" || rest.some((r) => r.type !== "text")) return undefined;
  const text = flatten(state, first.children).text;
  const tail = rest.map((r) => (r as { value: string }).value).join("");
  const colon = /^\s*:\s*$/.test(tail) || (tail.trim() === "" && /:\s*$/.test(text));
  return colon ? text.replace(/:\s*$/, "").trim() : undefined;
}

/** Block children in order; a list led by a bold line is read under it as under a heading. */
function visitChildren(state: State, children: readonly Nodes[]): void {
  for (let i = 0; i < children.length; i++) {
    const child = children[i] as Nodes;
    visit(state, child);
    const lead = leadOf(state, child, children[i + 1]);
    if (lead === undefined) continue;
    state.headings.push({ depth: LEAD_DEPTH, scope: headingScope(lead), text: lead });
    visit(state, children[++i] as Nodes);
    state.headings.pop();
  }
}

function visit(state: State, node: Nodes): void {
  switch (node.type) {
    case "heading":
      return visitHeading(state, node);
    case "paragraph": {
      const flat = flatten(state, (node as Paragraph).children);
      if (state.releases !== undefined && RELEASE_LINE.test(flat.text)) state.releases++;
      return readFlat(state, flat, false);
    }
    case "list":
      return visitList(state, node);
    case "table":
      return visitTable(state, node);
    case "code":
      return visitCode(state, node);
    case "root":
    case "blockquote":
    case "footnoteDefinition":
      return visitChildren(state, node.children);
    default:
      return;
  }
}

/** Characters of one source line read at most: a longer line is no prose a claim is read from. */
export const MAX_LINE_CHARS = 10_000;

/** Blank (in place) every line of `lines` longer than {@link MAX_LINE_CHARS}; their 1-based numbers. */
function blankLongLines(lines: string[]): number[] {
  const blanked: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if ((lines[i] as string).length > MAX_LINE_CHARS) {
      lines[i] = "";
      blanked.push(i + 1);
    }
  }
  return blanked;
}

const PARSE_OPTIONS = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] };

/** Parse markdown with positions, GitHub-flavoured (tables, task items, strikethrough). */
export function parseMarkdown(markdown: string): Root {
  return fromMarkdown(markdown, PARSE_OPTIONS);
}

function shiftLines(node: Nodes, by: number): void {
  if (node.position) {
    node.position.start.line += by;
    node.position.end.line += by;
  }
  if ("children" in node && Array.isArray(node.children)) {
    for (const child of node.children as Nodes[]) shiftLines(child, by);
  }
}

/** {@linkcode parseMarkdown} in blocks (see {@link PARSE_BLOCK_CHARS}), lines numbered in the whole. */
function parseBlocks(lines: readonly string[]): Root[] {
  const starts = blockStarts(lines);
  return starts.map((start, k) => {
    const tree = parseMarkdown(lines.slice(start, starts[k + 1] ?? lines.length).join("\n"));
    if (start > 0) shiftLines(tree, start);
    return tree;
  });
}

/**
 * The claims a markdown document makes about its repository, in document order. Each claim
 * carries `file`, the 1-based source `line` it was read from (inside multi-line paragraphs and
 * code blocks too), and `text`, that source line trimmed. Pure: no I/O.
 *
 * @example
 * ```ts
 * import { extractClaims } from "./extract.ts";
 * const [claim] = extractClaims("# Status\n\n- **Test Coverage**: 95.5%\n", "STATUS.md");
 * claim?.metric; // "coverage.lines"
 * claim?.line; // 3
 * ```
 */
export function extractClaims(
  markdown: string,
  file: string,
  onNote?: (note: string) => void,
): Claim[] {
  const source = markdown.split(/\r?\n|\r/);
  const long = blankLongLines(source);
  if (long.length > 0) {
    onNote?.(
      `${file}: ${long.length} line(s) over ${MAX_LINE_CHARS} characters skipped (line ${long[0]}${
        long.length > 1 ? ", …" : ""
      })`,
    );
  }
  const trees = source.length > 0 && markdown.length > PARSE_BLOCK_CHARS
    ? parseBlocks(source)
    : [parseMarkdown(long.length > 0 ? source.join("\n") : markdown)];
  const links = new Map<string, string>();
  for (const node of trees.flatMap((tree) => tree.children)) {
    if (node.type === "definition") links.set(node.identifier, node.url);
  }
  const reference = README.test(file);
  const programOutput = EXAMPLE_FOLDER.test(file);
  const state: State = { source, reference, links, headings: [], out: [], programOutput };
  if (CHANGELOG.test(file)) state.releases = 0;
  for (const tree of trees) visit(state, tree);
  const claims = state.out.map(({ line, draft }) => {
    const { index: _index, ...rest } = draft;
    return { file, line, text: (source[line - 1] ?? "").trim(), ...rest };
  });
  return withListedBlocks(claims, source, file);
}
