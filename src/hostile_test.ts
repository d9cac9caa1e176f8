/**
 * The hostile corpus in `deno task test`: every fast case audited by a child claimcheck, a few at
 * a time; the slow ones run in `deno task bench:hostile`. Cases in NEEDS_SANDBOX / NEEDS_OTHER are
 * ignored until the change they wait for lands (their rules are not weakened).
 */
import { deepStrictEqual } from "node:assert/strict";
import { CASES, NEEDS_OTHER, NEEDS_SANDBOX } from "./hostile_cases.ts";
import { runCase } from "./hostile_corpus.ts";

const AT_ONCE = 3;
const waiting = (name: string) => NEEDS_SANDBOX.has(name) || NEEDS_OTHER.has(name);
const fast = CASES.filter((c) => !c.slow && !waiting(c.name));

/** Start the fast cases, `AT_ONCE` at a time; each test awaits its own. */
function startAll(): Map<string, Promise<string[]>> {
  const results = new Map<string, Promise<string[]>>();
  let chain: Array<Promise<unknown>> = [];
  for (const c of fast) {
    const previous = chain.length >= AT_ONCE ? chain[chain.length - AT_ONCE] : undefined;
    const run = (previous ?? Promise.resolve()).catch(() => {}).then(() => runCase(c));
    results.set(c.name, run);
    chain = [...chain, run];
  }
  return results;
}

let started: Map<string, Promise<string[]>> | undefined;

for (const c of CASES) {
  Deno.test({
    name: `hostile corpus: ${c.name} (${c.attacks}) → ${c.expect}`,
    ignore: c.slow === true || waiting(c.name),
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async () => {
      started ??= startAll();
      deepStrictEqual(await started.get(c.name), []);
    },
  });
}

Deno.test("hostile corpus: at least 40 cases, each with a fixture folder", async () => {
  deepStrictEqual(CASES.length >= 40, true);
  for (const c of CASES) {
    const info = await Deno.stat(new URL(`../fixtures/hostile/${c.name}`, import.meta.url));
    deepStrictEqual(info.isDirectory, true, c.name);
  }
});
