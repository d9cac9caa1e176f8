/**
 * The model worker: a separate Deno process (`--allow-read --allow-ffi` only) that loads one ONNX
 * model with onnxruntime-node, feeds it synthetic inputs, times warm-up and timed runs, and prints
 * one JSON line (`WorkerReport`). A native crash here ends this process, never the audit.
 *
 * Usage: `deno run --allow-read --allow-ffi src/onnx/worker.ts '<WorkerRequest JSON>'`
 * @module
 */
import * as ort from "onnxruntime-node";
import type { InputPlan } from "./inputs.ts";
import { type OutputSeen, type WorkerReport, WorkerRequestSchema } from "./protocol.ts";
import { timeRuns } from "./timing.ts";

/** Half-precision 0.5. */
const HALF_0_5 = 0x3800;

function elements(dims: readonly number[]): number {
  return dims.reduce((n, d) => n * d, 1);
}

/** A tensor of small, valid values: 0.5 for floats, 0 for integers, false, "". */
function tensor(plan: InputPlan): ort.Tensor {
  const n = elements(plan.dims);
  const dims = plan.dims;
  switch (plan.dtype) {
    case "float32":
      return new ort.Tensor("float32", new Float32Array(n).fill(0.5), dims);
    case "float64":
      return new ort.Tensor("float64", new Float64Array(n).fill(0.5), dims);
    case "float16":
      return new ort.Tensor("float16", new Uint16Array(n).fill(HALF_0_5), dims);
    case "int64":
      return new ort.Tensor("int64", new BigInt64Array(n), dims);
    case "uint64":
      return new ort.Tensor("uint64", new BigUint64Array(n), dims);
    case "bool":
      return new ort.Tensor("bool", new Uint8Array(n), dims);
    case "string":
      return new ort.Tensor("string", new Array<string>(n).fill(""), dims);
    case "int32":
      return new ort.Tensor("int32", new Int32Array(n), dims);
    case "uint32":
      return new ort.Tensor("uint32", new Uint32Array(n), dims);
    case "int16":
      return new ort.Tensor("int16", new Int16Array(n), dims);
    case "uint16":
      return new ort.Tensor("uint16", new Uint16Array(n), dims);
    case "int8":
      return new ort.Tensor("int8", new Int8Array(n), dims);
    case "uint8":
      return new ort.Tensor("uint8", new Uint8Array(n), dims);
    default:
      throw new TypeError(`Cannot build input ${plan.name}: element type ${plan.dtype}`);
  }
}

function feeds(plans: readonly InputPlan[]): Record<string, ort.Tensor> {
  return Object.fromEntries(plans.map((p) => [p.name, tensor(p)]));
}

function isFinite(t: ort.Tensor): boolean {
  const data = t.data;
  if (data instanceof Float32Array || data instanceof Float64Array) {
    for (const x of data) if (!Number.isFinite(x)) return false;
  }
  return true;
}

function seen(outputs: ort.InferenceSession.OnnxValueMapType): OutputSeen[] {
  return Object.entries(outputs).map(([name, value]) => {
    const t = value as ort.Tensor;
    return { name, dtype: String(t.type), dims: [...(t.dims ?? [])], finite: isFinite(t) };
  });
}

/** A field of /proc/self/status in bytes (VmRSS, VmHWM); 0 where it cannot be read. */
function statusBytes(field: string): number {
  try {
    const text = Deno.readTextFileSync("/proc/self/status");
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text)?.[1];
    return kb === undefined ? 0 : Number(kb) * 1024;
  } catch {
    return 0;
  }
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim();
}

async function probe(raw: string): Promise<WorkerReport> {
  const request = WorkerRequestSchema.parse(JSON.parse(raw));
  const runtime = `onnxruntime-node ${ort.env.versions.common ?? "?"}`;
  const before = statusBytes("VmRSS");
  const peakBefore = statusBytes("VmHWM");
  const start = performance.now();
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(request.model, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
    });
  } catch (error) {
    return { ok: false, runtime, stage: "load", error: message(error) };
  }
  const loadMs = performance.now() - start;
  const loaded = statusBytes("VmRSS");
  let outputs: OutputSeen[];
  const runsMs: number[] = [];
  try {
    const input = feeds(request.inputs);
    outputs = seen(await session.run(input));
    runsMs.push(...await timeRuns(() => session.run(input), request.policy));
  } catch (error) {
    return { ok: false, runtime, stage: "run", error: message(error) };
  }
  const batches = [];
  for (const { batch, inputs } of request.batches) {
    try {
      batches.push({ batch, outputs: seen(await session.run(feeds(inputs))) });
    } catch (error) {
      batches.push({ batch, outputs: [], error: message(error) });
    }
  }
  // The peak only counts once it passed the peak before loading; resident sizes are sampled too.
  const peak = statusBytes("VmHWM");
  const highest = Math.max(loaded, statusBytes("VmRSS"), peak > peakBefore ? peak : 0);
  const peakBytes = Math.max(0, highest - before);
  await session.release();
  return { ok: true, runtime, loadMs, runsMs, outputs, batches, peakBytes };
}

if (import.meta.main) {
  const report = await probe(Deno.args[0] ?? "");
  console.log(JSON.stringify(report));
}
