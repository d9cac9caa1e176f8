/**
 * Extraction against real status documents (the shared corpus, outside the repository) and the
 * claims a careful reader listed for each in `testdata/corpus_expected.json`.
 */
import assert from "node:assert/strict";
import type { Claim } from "./claim.ts";
import { readDocument } from "./documents.ts";
import { extractClaims } from "./extract.ts";

const CORPUS = new URL("../../../shared/corpus/", import.meta.url);
const EXPECTED = new URL("./testdata/corpus_expected.json", import.meta.url);

/** One claim a reader listed: its line, metric or kind and subject, and value when it has one. */
interface Expected {
  line: number;
  metric?: string;
  kind?: Claim["kind"];
  subject?: string;
  comparator?: Claim["comparator"];
  value?: number;
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
  return claim.value !== undefined && Math.abs(claim.value - want.value) < 1e-9;
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

function percent(part: number, whole: number): string {
  return whole === 0 ? "n/a" : `${((part / whole) * 100).toFixed(1)} %`;
}

const present = corpusPresent();
if (!present) console.log(`corpus_test: skipped, no corpus at ${CORPUS.pathname}`);

Deno.test({
  name: "extractClaims() finds the corpus claims with 100 % precision and ≥ 90 % recall",
  ignore: !present,
  fn: async () => {
    const { files } = JSON.parse(await Deno.readTextFile(EXPECTED)) as {
      files: Record<string, Expected[]>;
    };
    const documents = await Promise.all(
      Object.entries(files).map(async ([name, expected]) => ({
        name,
        expected,
        text: await readDocument(new URL(name, CORPUS).pathname),
      })),
    );
    const total: Score = { extracted: 0, expected: 0, matched: 0, falsePositives: [], missed: [] };
    for (const { name, expected, text } of documents) {
      const s = score(extractClaims(text, name), expected);
      console.log(
        `${name}: ${s.extracted} extracted, ${s.expected} expected, ${s.matched} matched; ` +
          `precision ${percent(s.matched, s.extracted)}, recall ${percent(s.matched, s.expected)}`,
      );
      for (const c of s.falsePositives) {
        console.log(
          `  unexpected ${c.line}: ${c.kind} ${c.metric ?? ""} ${c.subject ?? ""} ${c.value ?? ""}`,
        );
      }
      for (const m of s.missed) {
        console.log(
          `  missed ${m.line}: ${m.metric ?? m.kind} ${m.subject ?? ""} ${m.value ?? ""}`,
        );
      }
      total.extracted += s.extracted;
      total.expected += s.expected;
      total.matched += s.matched;
      total.falsePositives.push(...s.falsePositives);
      total.missed.push(...s.missed);
    }
    const runs = [1, 2, 3].map(() => {
      const start = performance.now();
      for (const { name, text } of documents) extractClaims(text, name);
      return performance.now() - start;
    });
    const best = Math.min(...runs);
    console.log(
      `overall: precision ${percent(total.matched, total.extracted)}, ` +
        `recall ${percent(total.matched, total.expected)} ` +
        `(${total.matched}/${total.expected} expected, ${total.extracted} extracted); ` +
        `all five documents in ${runs.map((r) => r.toFixed(0)).join(" / ")} ms`,
    );
    assert.deepEqual(total.falsePositives, [], "every extracted claim is one a reader listed");
    assert.ok(total.matched / total.expected >= 0.9, "recall is at least 90 %");
    assert.ok(best < 1000, `extracting the corpus took at best ${best.toFixed(0)} ms`);
  },
});
