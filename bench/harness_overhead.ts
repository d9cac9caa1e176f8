/**
 * `deno task bench`: how much claimcheck adds over the commands it runs.
 *
 * For each fixture: audit it (after one warm-up audit), then run the very commands the report
 * recorded directly, one after another, in a fresh copy, without the sandbox; report
 * audit wall time ÷ direct wall time (median of the runs). Goal: ≤ 1.05 without concurrency gains.
 * @module
 */
import { dirname, join } from "node:path";
import { audit, cacheRoot } from "../src/audit.ts";
import type { Report } from "../src/report/schema.ts";
import { summarize } from "../src/stats.ts";
import { walkTree } from "../src/tree_hash.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const RUNS = Number(Deno.env.get("BENCH_RUNS") ?? 3);
const FIXTURES = (Deno.env.get("BENCH_FIXTURES") ?? "deno_ok,py_ok").split(",");

function placeholders(text: string, snapshot: string, tmp: string): string {
  return text.replaceAll("$SNAPSHOT", snapshot).replaceAll("$AUDIT_TMP", tmp);
}

/** Run the report's recorded commands directly, in order; returns the wall time in ms. */
async function replayDirectly(report: Report, source: string): Promise<number> {
  const work = await Deno.makeTempDir({ prefix: "claimcheck-bench-" });
  const snapshot = join(work, "snapshot");
  const tmp = join(work, "tmp");
  await walkTree(source, snapshot);
  const commands = report.checks.flatMap((c) => c.evidence).map((e) => ({
    argv: e.argv.map((a) => placeholders(a, snapshot, tmp)),
    cwd: placeholders(e.cwd, snapshot, tmp),
  }));
  for (const { argv, cwd } of commands) {
    await Deno.mkdir(cwd, { recursive: true });
    for (const arg of argv) {
      const at = arg.indexOf(tmp);
      if (at >= 0) await Deno.mkdir(dirname(arg.slice(at)), { recursive: true });
    }
  }
  // The audit's pip cache, as the sandboxed install used it (DENO_DIR stays the user's, also warm).
  const env = { PIP_CACHE_DIR: join(cacheRoot(), "pip") };
  const began = performance.now();
  for (const { argv, cwd } of commands) {
    const [program, ...args] = argv as [string, ...string[]];
    await new Deno.Command(program, {
      args,
      cwd,
      env,
      stdout: "null",
      stderr: "null",
      stdin: "null",
    })
      .output().catch(() => undefined);
  }
  const elapsed = performance.now() - began;
  await Deno.remove(work, { recursive: true });
  return elapsed;
}

for (const fixture of FIXTURES) {
  const target = join(ROOT, "fixtures", fixture);
  await audit({ target }); // warm-up: caches, installs
  const sequential: number[] = [];
  const concurrent: number[] = [];
  const directs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let began = performance.now();
    const report = await audit({ target, concurrency: 1 });
    sequential.push(performance.now() - began);
    directs.push(await replayDirectly(report, target));
    began = performance.now();
    await audit({ target });
    concurrent.push(performance.now() - began);
  }
  const s = summarize(sequential).median;
  const c = summarize(concurrent).median;
  const d = summarize(directs).median;
  console.log(
    `${fixture}: the recorded commands run directly, one after another: ${d.toFixed(0)} ms; ` +
      `audit with one check at a time: ${s.toFixed(0)} ms (overhead ratio ${
        (s / d).toFixed(3)
      }); ` +
      `audit with concurrent checks: ${c.toFixed(0)} ms (ratio ${
        (c / d).toFixed(3)
      }); median of ${RUNS}`,
  );
}
