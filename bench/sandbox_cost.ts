/**
 * `deno run -A bench/sandbox_cost.ts`: what the sandbox costs per probe — the median wall time of
 * `true` through the executor under each isolation this machine offers, and under bwrap with the
 * installs' user-mode network.
 * @module
 */
import { createExecutor } from "../src/exec/executor.ts";
import { probeSandbox } from "../src/exec/isolation.ts";
import type { Isolation } from "../src/evidence.ts";
import { summarize } from "../src/stats.ts";

const RUNS = Number(Deno.env.get("BENCH_RUNS") ?? 20);
const probe = await probeSandbox();
const modes: { name: string; isolation: Isolation; network: boolean }[] = [
  { name: "none (process group only)", isolation: "none", network: false },
  { name: "unshare + setpriv (the fallback)", isolation: "unshare", network: false },
  ...(probe.isolation === "bwrap"
    ? [
      { name: "bwrap, network off", isolation: "bwrap" as const, network: false },
      {
        name: `bwrap, install network (${probe.installNetwork})`,
        isolation: "bwrap" as const,
        network: true,
      },
    ]
    : []),
];
for (const mode of modes) {
  const tempRoot = await Deno.makeTempDir({ prefix: "claimcheck-bench-" });
  const snapshotRoot = await Deno.makeTempDir({ prefix: "claimcheck-bench-" });
  const exec = createExecutor({
    tempRoot,
    snapshotRoot,
    defaultTimeoutMs: 30_000,
    isolation: mode.isolation,
  });
  await exec(["true"], { network: mode.network }); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const began = performance.now();
    await exec(["true"], { network: mode.network });
    times.push(performance.now() - began);
  }
  const s = summarize(times);
  console.log(`${mode.name}: median ${s.median.toFixed(1)} ms per probe (mad ${s.mad.toFixed(1)})`);
  await Deno.remove(tempRoot, { recursive: true });
  await Deno.remove(snapshotRoot, { recursive: true });
}
