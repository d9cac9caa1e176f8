/**
 * `deno task bench:onnx`: three figures for the `onnx.models` check.
 *
 * 1. Latency agreement: claimcheck's median latency of `fixtures/onnx/tiny.onnx` (worker process,
 *    through the executor) against a direct onnxruntime-node loop in this process with the same
 *    session options and run policy (`timeRuns`); per round and as the median of rounds. Goal: ≤ 5 %.
 * 2. Audit time of targets without models, with the registry without `onnx.models` ("before") and
 *    with it ("after"), alternating. Goal: unchanged within noise.
 * 3. Real models no one here wrote: the test models the `onnx` Python package ships
 *    (`onnx/backend/test/data/<group>/<case>/model.onnx`), installed into a temporary venv from
 *    the index pip is configured with (`PIP_INDEX_URL`); how many load and run, and why the others
 *    do not. `BENCH_ONNX_REAL=0` skips it.
 * @module
 */
import { basename, dirname, join, relative } from "node:path";
import * as ort from "onnxruntime-node";
import { checks } from "../checks/mod.ts";
import { audit } from "../src/audit.ts";
import type { CheckResult } from "../src/check.ts";
import { formatValue } from "../src/report/format.ts";
import { RUN_POLICY, timeRuns } from "../src/onnx/timing.ts";
import { summarize } from "../src/stats.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const ROUNDS = Number(Deno.env.get("BENCH_RUNS") ?? 5);
const NO_MODEL = (Deno.env.get("BENCH_FIXTURES") ?? "empty,deno_ok").split(",");

function onnxResult(checksRun: readonly CheckResult[]): CheckResult {
  const found = checksRun.find((c) => c.id === "onnx.models");
  if (found === undefined) throw new Error("Cannot read the audit: no onnx.models result");
  return found;
}

async function directMedian(model: string): Promise<number> {
  const session = await ort.InferenceSession.create(model, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  const feeds = { X: new ort.Tensor("float32", new Float32Array(4).fill(0.5), [1, 4]) };
  await session.run(feeds);
  const runs = await timeRuns(() => session.run(feeds), { ...RUN_POLICY, budgetMs: 5000 });
  await session.release();
  return summarize(runs).median;
}

async function latencyAgreement(): Promise<void> {
  const target = await Deno.makeTempDir({ prefix: "claimcheck-bench-onnx-" });
  await Deno.copyFile(join(ROOT, "fixtures/onnx/tiny.onnx"), join(target, "tiny.onnx"));
  const ours: number[] = [];
  const direct: number[] = [];
  console.log("## Latency agreement on tiny.onnx (median of the timed runs per round)\n");
  console.log("| round | claimcheck p50 | direct loop p50 | difference |");
  console.log("| --- | --- | --- | --- |");
  for (let round = 1; round <= ROUNDS; round++) {
    const report = await audit({ target, only: ["onnx.models"] });
    const m = onnxResult(report.checks).measurements.find((x) =>
      x.metric === "onnx.model.latency.p50.tiny-onnx"
    );
    if (m === undefined) throw new Error("Cannot read the audit: no latency of tiny.onnx");
    ours.push(m.value);
    direct.push(await directMedian(join(target, "tiny.onnx")));
    const d = ((m.value - direct.at(-1)!) / direct.at(-1)!) * 100;
    console.log(
      `| ${round} | ${(m.value * 1000).toFixed(2)} µs | ${
        (direct.at(-1)! * 1000).toFixed(2)
      } µs | ${d.toFixed(1)} % |`,
    );
  }
  const a = summarize(ours).median;
  const b = summarize(direct).median;
  console.log(
    `\nmedian of rounds: claimcheck ${(a * 1000).toFixed(2)} µs, direct ${
      (b * 1000).toFixed(2)
    } µs, difference ${(((a - b) / b) * 100).toFixed(1)} % (goal ≤ 5 %)\n`,
  );
  await Deno.remove(target, { recursive: true });
}

async function auditTime(): Promise<void> {
  const without = checks.filter((c) => c.id !== "onnx.models");
  console.log("## Audit time of targets without models (ms, median ± MAD)\n");
  console.log("| fixture | before (no onnx.models) | after | difference |");
  console.log("| --- | --- | --- | --- |");
  for (const fixture of NO_MODEL) {
    const target = join(ROOT, "fixtures", fixture);
    await audit({ target, checks: without });
    await audit({ target, checks });
    const before: number[] = [];
    const after: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [set, into] of [[without, before], [checks, after]] as const) {
        const t0 = performance.now();
        await audit({ target, checks: set });
        into.push(performance.now() - t0);
      }
    }
    const b = summarize(before);
    const a = summarize(after);
    console.log(
      `| ${fixture} | ${b.median.toFixed(0)} ± ${b.mad.toFixed(0)} | ${a.median.toFixed(0)} ± ${
        a.mad.toFixed(0)
      } | ${(((a.median - b.median) / b.median) * 100).toFixed(1)} % |`,
    );
  }
  console.log("");
}

/** Install `onnx` into a fresh venv; the folder of its backend test data. */
async function onnxTestData(work: string): Promise<string> {
  const venv = join(work, "venv");
  const python = join(venv, "bin/python");
  const run = async (cmd: string, args: string[]) => {
    const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
    if (!out.success) {
      throw new Error(
        `Cannot run ${cmd} ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`,
      );
    }
    return new TextDecoder().decode(out.stdout).trim();
  };
  await run("python3", ["-m", "venv", venv]);
  await run(python, ["-m", "pip", "install", "-q", "onnx"]);
  const version = await run(python, ["-c", "import onnx; print(onnx.__version__)"]);
  const pkg = await run(python, ["-c", "import onnx, os; print(os.path.dirname(onnx.__file__))"]);
  console.log(`onnx ${version} installed into a temporary venv\n`);
  return join(pkg, "backend/test/data");
}

async function findModels(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) out.push(...await findModels(path));
    else if (entry.isFile && entry.name.endsWith(".onnx")) out.push(path);
  }
  return out.sort();
}

/** A reason with paths, numbers and names blanked, so alike reasons group together. */
function reasonKind(message: string): string {
  return message.replace(/^\w+: /, "").replace(/\/[^\s:]+/g, "<path>").replace(/\d+(\.\d+)?/g, "N")
    .slice(0, 140);
}

async function realModels(): Promise<void> {
  const work = await Deno.makeTempDir({ prefix: "claimcheck-bench-onnx-real-" });
  const data = await onnxTestData(work);
  const target = join(work, "target");
  const models = await findModels(data);
  for (const model of models) {
    // <group>/<case>/model.onnx → <group>/<case>.onnx; other models keep their paths.
    const rel = basename(model) === "model.onnx"
      ? `${relative(data, dirname(model))}.onnx`
      : relative(data, model);
    await Deno.mkdir(dirname(join(target, rel)), { recursive: true });
    await Deno.copyFile(model, join(target, rel));
  }
  const t0 = performance.now();
  const report = await audit({ target, only: ["onnx.models"] });
  const elapsed = performance.now() - t0;
  const result = onnxResult(report.checks);
  const verdicts = result.findings.filter((f) => !f.message.startsWith("inventory:"));
  const byStatus = new Map<string, number>();
  const reasons = new Map<string, { count: number; example: string }>();
  for (const f of verdicts) {
    const status = f.message.split(":")[0] ?? "?";
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    if (status === "pass") continue;
    const kind = `${status}: ${reasonKind(f.message)}`;
    const seen = reasons.get(kind) ?? { count: 0, example: f.file ?? "" };
    seen.count++;
    reasons.set(kind, seen);
  }
  const groups = new Map<string, number>();
  for (const f of verdicts) {
    const group = (f.file ?? "").split("/")[0] ?? "";
    groups.set(group, (groups.get(group) ?? 0) + 1);
  }
  console.log(`## The onnx package's test models (${models.length} in ${groups.size} groups)\n`);
  console.log(
    `groups: ${[...groups].map(([g, n]) => `${g} ${n}`).join(", ")}; audit took ${
      formatValue(Math.round(elapsed), "ms")
    }\n`,
  );
  console.log(`statuses: ${[...byStatus].map(([s, n]) => `${s} ${n}`).join(", ")}\n`);
  console.log("| models | reason (kind) | e.g. |");
  console.log("| --- | --- | --- |");
  for (const [kind, { count, example }] of [...reasons].sort((a, b) => b[1].count - a[1].count)) {
    console.log(`| ${count} | ${kind.replace(/\|/g, "\\|")} | \`${example}\` |`);
  }
  console.log("");
  await Deno.remove(work, { recursive: true });
}

await latencyAgreement();
await auditTime();
if (Deno.env.get("BENCH_ONNX_REAL") !== "0") await realModels();
