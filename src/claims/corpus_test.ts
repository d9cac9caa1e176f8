/**
 * Extraction against real status documents (the shared corpus, outside the repository) and the
 * claims a careful reader listed for each: `testdata/corpus_expected.json` (the first five) and
 * `testdata/corpus_more_expected.json` (corpus/more/: claims and the lines that are not claims).
 * Reports precision and recall per document and overall.
 */
import assert from "node:assert/strict";
import type { Claim } from "./claim.ts";
import { readDocument } from "./documents.ts";
import { extractClaims } from "./extract.ts";

const CORPUS = new URL("../../../shared/corpus/", import.meta.url);
const SETS = [
  { folder: "", labels: new URL("./testdata/corpus_expected.json", import.meta.url) },
  { folder: "more/", labels: new URL("./testdata/corpus_more_expected.json", import.meta.url) },
];

/** One claim a reader listed: its line, metric or kind and subject, and value when it has one. */
interface Expected {
  line: number;
  metric?: string;
  kind?: Claim["kind"];
  subject?: string;
  comparator?: Claim["comparator"];
  value?: number;
}

/** A line a reader found to make no claim, and why (goal, plan, example, output, …). */
interface NonClaim {
  line: number;
  why: string;
}

/** A labelled document: the claims on it and the lines that are not claims. */
interface Labelled {
  name: string;
  /** Its file name in its repository (`X__README.md` → `README.md`: READMEs are read as such). */
  path: string;
  expected: Expected[];
  nonClaims: NonClaim[];
  text: string;
}

function corpusPresent(): boolean {
  try {
    return Deno.statSync(CORPUS).isDirectory;
  } catch {
    return false;
  }
}

function matches(claim: Claim, want: Expected): boolean {
  if (claim.line !== want.line) return false;
  if (want.metric !== undefined && claim.metric !== want.metric) return false;
  if (want.kind !== undefined && claim.kind !== want.kind) return false;
  if (want.subject !== undefined && claim.subject !== want.subject) return false;
  if (want.comparator !== undefined && claim.comparator !== want.comparator) return false;
  if (want.value === undefined) return claim.value === undefined;
  return claim.value !== undefined && Math.abs(claim.value - want.value) < 1e-6;
}

interface Score {
  extracted: number;
  expected: number;
  matched: number;
  falsePositives: Claim[];
  missed: Expected[];
}

function score(claims: readonly Claim[], expected: readonly Expected[]): Score {
  const used = new Set<number>();
  const missed: Expected[] = [];
  for (const want of expected) {
    const hit = claims.findIndex((c, i) => !used.has(i) && matches(c, want));
    if (hit < 0) missed.push(want);
    else used.add(hit);
  }
  return {
    extracted: claims.length,
    expected: expected.length,
    matched: used.size,
    falsePositives: claims.filter((_, i) => !used.has(i)),
    missed,
  };
}

/** Precision and recall as fractions; a document with nothing to find or nothing found scores 1. */
function rates(s: Score): { precision: number; recall: number } {
  return {
    precision: s.extracted === 0 ? 1 : s.matched / s.extracted,
    recall: s.expected === 0 ? 1 : s.matched / s.expected,
  };
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}

async function loadCorpus(): Promise<Labelled[]> {
  const documents: Labelled[] = [];
  for (const { folder, labels } of SETS) {
    const { files } = JSON.parse(await Deno.readTextFile(labels)) as {
      files: Record<string, Expected[] | { claims: Expected[]; nonClaims: NonClaim[] }>;
    };
    for (const [file, entry] of Object.entries(files)) {
      const name = `${folder}${file}`;
      const text = await readDocument(new URL(name, CORPUS).pathname);
      const [expected, nonClaims] = Array.isArray(entry)
        ? [entry, []]
        : [entry.claims, entry.nonClaims];
      const path = file.includes("__") ? file.slice(file.indexOf("__") + 2) : file;
      documents.push({ name, path, expected, nonClaims, text });
    }
  }
  return documents;
}

const present = corpusPresent();
if (!present) console.log(`corpus_test: skipped, no corpus at ${CORPUS.pathname}`);

Deno.test({
  name:
    "extractClaims() finds the corpus claims with 100 % precision and ≥ 90 % recall, per document",
  ignore: !present,
  fn: async () => {
    const documents = await loadCorpus();
    const total: Score = { extracted: 0, expected: 0, matched: 0, falsePositives: [], missed: [] };
    const below: string[] = [];
    for (const { name, path, expected, nonClaims, text } of documents) {
      const claims = extractClaims(text, path);
      const s = score(claims, expected);
      const r = rates(s);
      console.log(
        `${name}: ${s.extracted} extracted, ${s.expected} expected, ${s.matched} matched; ` +
          `precision ${percent(r.precision)}, recall ${percent(r.recall)}`,
      );
      const nonLines = new Map(nonClaims.map((n) => [n.line, n.why]));
      for (const c of s.falsePositives) {
        const why = nonLines.get(c.line);
        console.log(
          `  unexpected ${c.line}${why === undefined ? "" : ` (not a claim: ${why})`}: ` +
            `${c.kind} ${c.metric ?? ""} ${c.subject ?? ""} ${c.comparator ?? ""} ${c.value ?? ""}`,
        );
      }
      for (const m of s.missed) {
        console.log(
          `  missed ${m.line}: ${m.metric ?? m.kind} ${m.subject ?? ""} ${m.comparator ?? ""} ${
            m.value ?? ""
          }`,
        );
      }
      if (r.precision < 1 || r.recall < 0.9) below.push(name);
      total.extracted += s.extracted;
      total.expected += s.expected;
      total.matched += s.matched;
      total.falsePositives.push(...s.falsePositives);
      total.missed.push(...s.missed);
    }
    const overall = rates(total);
    console.log(
      `overall: precision ${percent(overall.precision)}, recall ${percent(overall.recall)} ` +
        `(${total.matched}/${total.expected} expected, ${total.extracted} extracted) in ` +
        `${documents.length} documents`,
    );
    assert.deepEqual(below, [], "every document: precision 100 % and recall ≥ 90 %");
    assert.deepEqual(total.falsePositives, [], "every extracted claim is one a reader listed");
    assert.ok(overall.recall >= 0.9, "recall is at least 90 %");
  },
});
