/**
 * `deno task bench` (part 3): reading the claims of a repository with 2,000 markdown documents of
 * about 10 kB each, cold (every document parsed) and warm (the extraction cache answers).
 * Goal: ≤ 1 s warm.
 * @module
 */
import { join } from "node:path";
import { collectClaims } from "../src/claims/collect.ts";
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
