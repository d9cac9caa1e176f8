/**
 * `deno task bench` (part 3): reading the claims of a repository with 2,000 markdown documents of
 * about 10 kB each, cold (every document parsed) and warm (the extraction cache answers).
 * Goal: ≤ 1 s warm. Then one claim-dense document of 0.5 MiB and of 2 MiB (the document cap) in each
 * shape — sections, one list, one table, one paragraph, one code block — timed alone (CPU time of
 * this process, which load on the machine disturbs less than wall time). Goal: near-linear, the
 * 2 MiB document at most 4× the 0.5 MiB one.
 * @module
 */
import process from "node:process";
import { join } from "node:path";
import { collectClaims } from "../src/claims/collect.ts";
import { extractClaims } from "../src/claims/extract.ts";
import { openExtractionCache } from "../src/claims/extraction_cache.ts";
import { summarize } from "../src/stats.ts";

const DOCUMENTS = Number(Deno.env.get("BENCH_DOCUMENTS") ?? 2000);
const BYTES = 10_000;
const RUNS = Number(Deno.env.get("BENCH_RUNS") ?? 5);
const GOAL_MS = 1000;

/** A status-like document of about `BYTES` characters, different for each `i`. */
function document(i: number): string {
  const sections = [
    `# Module ${i} notes\n\n**Status:** ${i % 3 === 0 ? "production ready" : "in progress"}\n`,
  ];
  for (let s = 0; sections.join("\n").length < BYTES; s++) {
    sections.push(
      `## Part ${s}\n\n- ${(i * 7 + s) % 300} tests pass, ${s % 4} failed\n` +
        `- **Coverage**: ${(i + s) % 100}%\n- Export takes ${(i + s) % 90} ms per file\n` +
        `- \`src/pkg/mod_${(i + s) % 50}.py\` — helpers for part ${s}\n` +
        `- Target: p95 latency below ${100 + s} ms\n\n` +
        `The ${s}th part reads its input, checks it and writes a report; see ` +
        `[the guide](docs/guide_${s % 9}.md) for the options it takes.\n\n` +
        "```console\n$ pytest -q\n" + `${s + 10} passed in 0.${s % 10}s\n` + "```\n",
    );
  }
  return sections.join("\n");
}

const root = await Deno.makeTempDir({ prefix: "claimcheck-bench-claims-" });
const cacheDir = join(root, ".cache");
const files: string[] = [];
await Deno.mkdir(join(root, "docs"));
await Promise.all(Array.from({ length: DOCUMENTS }, (_, i) => {
  const path = `docs/note_${i}.md`;
  files.push(path);
  return Deno.writeTextFile(join(root, path), document(i));
}));

async function timed(): Promise<[number, number]> {
  const start = performance.now();
  const claims = await collectClaims(root, files, [], openExtractionCache(cacheDir));
  return [performance.now() - start, claims.length];
}

const [cold, claims] = await timed();
const warm: number[] = [];
for (let i = 0; i < RUNS; i++) warm.push((await timed())[0]);
const stats = summarize(warm);
const verdict = stats.median <= GOAL_MS ? "meets" : "misses";
console.log(
  `claims of ${DOCUMENTS} documents of ~${BYTES / 1000} kB (${claims} claims): cold ${
    (cold / 1000).toFixed(1)
  } s; warm median ${stats.median.toFixed(0)} ms (min ${stats.min.toFixed(0)}, max ${
    stats.max.toFixed(0)
  }; ${RUNS} runs) — ${verdict} the ${GOAL_MS} ms goal`,
);
await Deno.remove(root, { recursive: true });

/** One line of each shape of a claim-dense document, numbered `s`. */
const SHAPES: Record<string, { head: string; line: (s: number) => string; tail: string }> = {
  sections: { head: "", line: (s) => document(s).slice(0, 2_000), tail: "" },
  list: {
    head: "",
    line: (s) =>
      `- ${s % 300} tests pass, ${s % 4} failed; **Coverage**: ${s % 100}% in \`m_${s}.py\`\n`,
    tail: "",
  },
  table: {
    head: "| module | tests | coverage |\n| --- | --- | --- |\n",
    line: (s) => `| mod_${s} | ${s % 300} tests pass | ${s % 100}% coverage |\n`,
    tail: "",
  },
  paragraph: {
    head: "",
    line: (s) =>
      `Part ${s} has ${s % 300} tests passing and \`m_${s}.py\` is at ${s % 100}% coverage.\n`,
    tail: "",
  },
  "code block": {
    head: "```console\n$ pytest -q\n",
    line: (s) => `${s % 300} passed, ${s % 4} failed in 0.${s % 10}s\n`,
    tail: "```\n",
  },
};

/** A status document of about `bytes` characters in `shape`. */
function shaped(shape: keyof typeof SHAPES, bytes: number): string {
  const { head, line, tail } = SHAPES[shape]!;
  const parts = ["# Status\n\n", head];
  for (let s = 0, size = 0; size < bytes; s++) {
    const text = line(s);
    parts.push(shape === "sections" ? `${text}\n\n` : text);
    size += text.length;
  }
  parts.push(tail);
  return parts.join("");
}

/** CPU ms (user + system) of extracting the claims of `markdown`, and how many there are. */
function cpuTimed(markdown: string): [number, number] {
  const before = process.cpuUsage();
  const claims = extractClaims(markdown, "STATUS.md").length;
  const used = process.cpuUsage(before);
  return [(used.user + used.system) / 1000, claims];
}

/** The document cap (2 MiB) and a quarter of it. */
const LARGE = 2 * 1024 * 1024;
const SMALL = LARGE / 4;
console.log(
  "\n| document shape | 0.5 MiB CPU ms | 2 MiB CPU ms | ratio (goal ≤ 4) | claims (2 MiB) |",
);
console.log("| --- | --- | --- | --- | --- |");
for (const shape of Object.keys(SHAPES)) {
  const [small] = cpuTimed(shaped(shape, SMALL));
  const [large, count] = cpuTimed(shaped(shape, LARGE));
  const ratio = large / small;
  console.log(
    `| ${shape} | ${small.toFixed(0)} | ${large.toFixed(0)} | ${ratio.toFixed(2)}${
      ratio <= 4 ? "" : " (over)"
    } | ${count} |`,
  );
}
