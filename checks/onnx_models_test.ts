import { equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import type { CheckContext, CheckOutcome } from "../src/check.ts";
import type { Binding } from "../src/config.ts";
import { slowModel } from "../fixtures/onnx/make_models.ts";
import { onnxModels } from "./onnx_models.ts";
import { realContext } from "./_real_context.ts";

const FIXTURES = new URL("../fixtures/onnx/", import.meta.url).pathname;

/** A context over a copy of the ONNX fixtures that lists `models` as the snapshot's models. */
async function modelContext(
  models: string[],
  options: { timeoutMs?: number; bindings?: Binding[] } = {},
): Promise<{ ctx: CheckContext; root: string; commands: string[][] }> {
  const root = await Deno.makeTempDir({ prefix: "claimcheck-onnx-" });
  for (const entry of Deno.readDirSync(FIXTURES)) {
    if (entry.isFile && entry.name.endsWith(".onnx")) {
      await Deno.copyFile(join(FIXTURES, entry.name), join(root, entry.name));
    }
  }
  await Deno.mkdir(join(root, "slow"));
  await Deno.writeFile(join(root, "slow/slow.onnx"), slowModel());
  const temp = await Deno.makeTempDir({ prefix: "claimcheck-onnx-tmp-" });
  const base = realContext(root, temp, [...models], { bindings: options.bindings ?? [] });
  base.facts.models = models;
  if (options.timeoutMs !== undefined) base.options.timeoutMs = options.timeoutMs;
  const commands: string[][] = [];
  const ctx: CheckContext = {
    ...base,
    exec: (argv, opts) => {
      commands.push(argv);
      return base.exec(argv, opts);
    },
  };
  return { ctx, root, commands };
}

function finding(outcome: CheckOutcome, file: string): string {
  return outcome.findings?.find((f) => f.file === file)?.message ?? "";
}

function value(outcome: CheckOutcome, metric: string): number | undefined {
  return outcome.measurements?.find((m) => m.metric === metric)?.value;
}

Deno.test("onnxModels loads, runs and times each generated fixture for real", async (t) => {
  const rows: Array<[string, string, RegExp]> = [
    ["tiny.onnx", "pass", /^pass: 2 nodes \(2 op types\), 218 B, load .* over \d+ runs$/],
    ["dynamic_batch.onnx", "pass", /batch 1 and 4 accepted$/],
    ["custom_op.onnx", "fail", /does not have the op com\.example\.custom:Frobnicate/],
    ["truncated.onnx", "fail", /not an ONNX model: Cannot parse model: index out of range/],
    ["random.onnx", "fail", /not an ONNX model: Cannot parse model: invalid wire type/],
    ["external_missing.onnx", "fail", /external data missing: weights\.bin \(tensor W\)/],
  ];
  for (const [model, status, reason] of rows) {
    await t.step(model, async () => {
      const { ctx } = await modelContext([model]);
      const outcome = await onnxModels.run(ctx);
      equal(outcome.status, status, outcome.summary);
      match(finding(outcome, model), reason);
    });
  }
});

Deno.test("onnxModels reports size, nodes, opset, op share, load and latency per model", async () => {
  const { ctx, commands } = await modelContext(["tiny.onnx", "dynamic_batch.onnx"]);
  const outcome = await onnxModels.run(ctx);
  equal(outcome.status, "pass", outcome.summary);
  equal(commands.length, 2);
  equal(value(outcome, "onnx.model.bytes.tiny-onnx"), 218);
  equal(value(outcome, "onnx.model.nodes.tiny-onnx"), 2);
  equal(value(outcome, "onnx.model.opset.tiny-onnx"), 17);
  equal(value(outcome, "onnx.model.ops.tiny-onnx"), 100);
  equal(value(outcome, "onnx.model.dynamicBatch.dynamic-batch-onnx"), 1);
  equal(value(outcome, "onnx.model.dynamicBatch.tiny-onnx"), undefined);
  equal(value(outcome, "onnx.model.bytes"), 218);
  const p50 = outcome.measurements?.find((m) => m.metric === "onnx.model.latency.p50.tiny-onnx");
  ok(p50 !== undefined && p50.value > 0, `p50 ${p50?.value}`);
  ok((p50.stats?.runs ?? 0) >= 3);
  ok((value(outcome, "onnx.model.load.tiny-onnx") ?? 0) > 0);
  ok((value(outcome, "onnx.model.peakBytes.tiny-onnx") ?? -1) >= 0);
  equal(outcome.summary, "2 of 2 models loaded and ran");
});

Deno.test("onnxModels kills a worker past the timeout and goes on with the next model", async () => {
  const { ctx } = await modelContext(["slow/slow.onnx", "tiny.onnx"], { timeoutMs: 3000 });
  const outcome = await onnxModels.run(ctx);
  equal(outcome.status, "error", outcome.summary);
  match(
    finding(outcome, "slow/slow.onnx"),
    /^error: the model worker timed out after \d+\.\d s and was killed$/,
  );
  match(finding(outcome, "tiny.onnx"), /^pass: /);
});

Deno.test("onnxModels probes the model an export binding writes", async () => {
  const bindings: Binding[] = [{
    claim: "export time",
    command: ["sh", "-c", "mkdir -p out && cp tiny.onnx out/model.onnx"],
    produces: ["out/model.onnx"],
    runs: 1,
  }, {
    claim: "broken export",
    command: ["sh", "-c", "exit 3"],
    produces: ["out/never.onnx"],
    runs: 1,
  }];
  const { ctx, commands } = await modelContext([], { bindings });
  const outcome = await onnxModels.run(ctx);
  equal(outcome.status, "fail", outcome.summary);
  match(finding(outcome, "out/model.onnx"), /^pass: 2 nodes/);
  equal(finding(outcome, "out/never.onnx"), "fail: not produced: sh -c exit 3 exited 3");
  equal(commands.length, 3);
});

Deno.test("onnxModels applies to models or a config, and skips without either", async () => {
  const { ctx, commands } = await modelContext([]);
  equal(onnxModels.applies(ctx.facts), false);
  equal(onnxModels.applies({ ...ctx.facts, files: ["claimcheck.json"] }), true);
  equal(onnxModels.applies({ ...ctx.facts, models: ["m.onnx"] }), true);
  const outcome = await onnxModels.run(ctx);
  equal(outcome.status, "skip");
  equal(commands.length, 0);
});
