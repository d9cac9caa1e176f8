/**
 * `deno task bench:hostile [CASE…]`: audit every case of the hostile corpus (the slow ones too, and
 * those waiting for the sandbox), a few at a time, and print one table row per case with the rules
 * it broke.
 * @module
 */
import { CASES, NEEDS_OTHER, NEEDS_SANDBOX } from "../src/hostile_cases.ts";
import { runCase } from "../src/hostile_corpus.ts";

const AT_ONCE = Number(Deno.env.get("HOSTILE_AT_ONCE") ?? 2);
const chosen = Deno.args.length > 0 ? CASES.filter((c) => Deno.args.includes(c.name)) : CASES;
const queue = [...chosen];
const rows: string[] = [];
let broken = 0;

async function worker(): Promise<void> {
  for (let c = queue.shift(); c !== undefined; c = queue.shift()) {
    const started = Date.now();
    const failures = await runCase(c).catch((error: Error) => [`runner: ${error.message}`]);
    const waits = NEEDS_SANDBOX.has(c.name)
      ? "needs sandbox"
      : NEEDS_OTHER.get(c.name) ?? (c.slow ? "bench only" : "test");
    if (failures.length > 0) broken++;
    const outcome = failures.length === 0 ? "holds" : `BROKEN: ${failures.join("; ")}`;
    rows.push(
      `| ${c.name} | ${c.attacks} | ${c.expect} | ${outcome} | ${waits} | ${
        Date.now() - started
      } ms |`,
    );
    console.error(`${c.name}: ${failures.length === 0 ? "holds" : failures.join("; ")}`);
  }
}

await Promise.all(Array.from({ length: AT_ONCE }, worker));
console.log("| case | attacks | expected | outcome | where | time |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (const row of rows.sort()) console.log(row);
console.log(`\n${chosen.length} cases, ${broken} with broken rules`);
