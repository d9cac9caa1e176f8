/**
 * `onnx.models`: every ONNX model the snapshot ships or an export binding produces — its inventory
 * read from the protobuf, then loaded, run on synthetic inputs and timed with onnxruntime-node in
 * a separate worker process (so a native crash, a hang or running out of memory is that model's
 * `error`, and an audit without models never loads the runtime).
 * @module
 */
import { dirname, isAbsolute, join, normalize } from "node:path";
import type { Check, CheckContext, CheckOutcome } from "../src/check.ts";
import { CONFIG_FILE } from "../src/config.ts";
import { readOutput } from "../src/deno_target.ts";
import { hashFile } from "../src/file_hash.ts";
import {
  evaluateModel,
  evaluateModels,
  type ModelProbe,
  type ModelResult,
} from "../src/onnx/evaluate.ts";
import { BATCH_SIZES, hasSymbolicBatch, planInputs } from "../src/onnx/inputs.ts";
import type { Inventory } from "../src/onnx/inventory.ts";
import type { WorkerRequest } from "../src/onnx/protocol.ts";
import { workerArgv, workerEnv, workerRuntime, workerVisiblePaths } from "../src/onnx/runtime.ts";
import { RUN_POLICY } from "../src/onnx/timing.ts";
import { runFailure } from "./perf_bindings.ts";

/** Models larger than this are not read into the audit's own process. */
const MAX_MODEL_BYTES = 1024 ** 3;
/** The check that runs the export commands bound in claimcheck.json. */
const BINDINGS_CHECK = "perf.bindings";

/** `path` relative to the snapshot, or undefined when it leaves it. */
function inside(path: string): string | undefined {
  const rel = normalize(path).replace(/^\.\//, "");
  return isAbsolute(rel) || rel === ".." || rel.startsWith("../") ? undefined : rel;
}

/** Whether `rel` is a regular file of the snapshot (never followed through a link). */
async function isRegularFile(root: string, rel: string): Promise<boolean> {
  try {
    return (await Deno.lstat(join(root, rel))).isFile;
  } catch {
    return false;
  }
}

/** The external data files of `inventory` that are not regular files inside the snapshot. */
async function missingExternal(root: string, model: string, inventory: Inventory) {
  const missing: string[] = [];
  for (const ref of inventory.externalData) {
    const rel = inside(join(dirname(model), ref.location));
    if (rel === undefined) {
      missing.push(`${ref.location} (tensor ${ref.tensor}, outside the target)`);
    } else if (!(await isRegularFile(root, rel))) missing.push(`${rel} (tensor ${ref.tensor})`);
  }
  return missing;
}

/** The worker's task for a model: batch 1 timed, batch 1 and 4 tried when the batch is symbolic. */
function workerRequest(ctx: CheckContext, path: string, inventory: Inventory): WorkerRequest {
  const batches = hasSymbolicBatch(inventory.inputs)
    ? BATCH_SIZES.map((batch) => ({ batch, inputs: planInputs(inventory.inputs, batch) }))
    : [];
  return {
    model: path,
    inputs: planInputs(inventory.inputs, 1),
    batches,
    outputs: inventory.outputs,
    policy: { ...RUN_POLICY, budgetMs: Math.min(5000, ctx.options.timeoutMs / 4) },
  };
}

/** Inventory, external data and (when both are sound) one worker run of the model at `rel`. */
async function probeModel(ctx: CheckContext, rel: string): Promise<ModelResult> {
  const root = ctx.facts.root;
  const full = join(root, rel);
  const { bytes, sha256 } = await hashFile(full);
  const probe: ModelProbe = {
    path: rel,
    bytes,
    sha256,
    inventory: { error: "" },
    missingExternal: [],
  };
  if (bytes > MAX_MODEL_BYTES) {
    probe.inventory = {
      error: `${bytes} bytes is more than claimcheck reads (${MAX_MODEL_BYTES})`,
    };
    return { ...evaluateModel(probe), status: "unverified" };
  }
  // Loaded here, so an audit without models never loads the protobuf schema.
  const { readInventory } = await import("../src/onnx/inventory.ts");
  try {
    probe.inventory = readInventory(await Deno.readFile(full));
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    probe.inventory = { error: error.message };
    return evaluateModel(probe);
  }
  const inventory = probe.inventory;
  probe.missingExternal = await missingExternal(root, rel, inventory);
  if (probe.missingExternal.length > 0) return evaluateModel(probe);
  let request: WorkerRequest;
  try {
    request = workerRequest(ctx, rel, inventory);
  } catch (error) {
    probe.inputError = (error as Error).message;
    return evaluateModel(probe);
  }
  const runtime = workerRuntime(ctx.facts);
  const run = await ctx.exec(workerArgv(runtime, root, request), {
    cwd: root,
    env: workerEnv(runtime),
    visible: workerVisiblePaths(runtime),
    timeoutMs: ctx.options.timeoutMs,
  });
  const started = run.evidence.startError === undefined;
  probe.worker = {
    evidence: run.evidence,
    index: run.index,
    stdout: started ? await readOutput(run.stdoutPath) : "",
    stderr: started ? await readOutput(run.stderrPath) : "",
  };
  return evaluateModel(probe);
}

/** A model an export binding should have written but did not. */
function notProduced(path: string, why: string): ModelResult {
  return { path, status: "fail", reason: `not produced: ${why}`, measurements: [] };
}

/**
 * The `.onnx` files export bindings produce: present once `perf.bindings` ran the command; when
 * that check was not selected, the command is run once here. A file still absent is a failure.
 */
async function producedModels(ctx: CheckContext): Promise<Array<string | ModelResult>> {
  const out: Array<string | ModelResult> = [];
  const bindings = ctx.dependency(BINDINGS_CHECK);
  for (const binding of ctx.config.bindings) {
    const models = (binding.produces ?? []).filter((p) => p.endsWith(".onnx"));
    if (binding.command === undefined || models.length === 0) continue;
    const command = binding.command.join(" ");
    let failure: string | undefined;
    if (bindings === undefined) {
      const run = await ctx.exec(binding.command, {
        timeoutMs: ctx.options.timeoutMs,
        artifacts: models,
      });
      failure = runFailure(run.evidence);
    }
    for (const model of models) {
      const rel = inside(model);
      if (rel === undefined) {
        out.push(notProduced(model, `${model} lies outside the target`));
      } else if (await isRegularFile(ctx.facts.root, rel)) {
        out.push(rel);
      } else {
        const why = failure !== undefined
          ? `${command} ${failure}`
          : bindings !== undefined && bindings.result.status !== "pass"
          ? `${command} did not write it (${BINDINGS_CHECK} ${bindings.result.status}: ${bindings.result.summary})`
          : `${command} did not write it`;
        out.push(notProduced(rel, why));
      }
    }
  }
  return out;
}

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const produced = await producedModels(ctx);
  const paths = [
    ...new Set([...ctx.facts.models, ...produced.filter((p) => typeof p === "string")]),
  ];
  const results: ModelResult[] = produced.filter((p) => typeof p !== "string");
  for (const path of paths) results.push(await probeModel(ctx, path));
  return evaluateModels(results);
}

/**
 * `onnx.models`: inventory, load, synthetic run, latency, memory and size of every ONNX model the
 * target ships or exports, each model in its own sandboxed worker process.
 */
export const onnxModels: Check = {
  id: "onnx.models",
  category: "artifacts",
  needs: [BINDINGS_CHECK],
  applies: (facts) => facts.models.length > 0 || facts.files.includes(CONFIG_FILE),
  run,
};
