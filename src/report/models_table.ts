/**
 * The per-model table of the markdown report (ops, size, latency, memory, batch), read from the
 * `onnx.models` check's findings (one per model, at its path) and its suffixed measurements.
 * @module
 */
import type { CheckResult } from "../check.ts";
import { slug } from "../claims/bindings.ts";
import type { Measurement } from "../measurement.ts";
import { BATCH_SIZES } from "../onnx/inputs.ts";
import { formatValue } from "./format.ts";
import { cell } from "./markdown.ts";

const CHECK = "onnx.models";
const OP_PREFIX = "onnx.model.op.";
const MAX_OPS = 6;
/** A model's verdict finding (its inventory finding says `inventory: …`). */
const VERDICT = /^(pass|fail|warn|error|unverified):/;

/** Op counts of the model with `key` (its slug), most frequent first: "MatMul 3, Add 1". */
function opsText(measurements: readonly Measurement[], key: string): string {
  const ops = measurements.filter((m) =>
    m.metric.startsWith(OP_PREFIX) && m.metric.endsWith(`.${key}`)
  ).map((m) => [m.metric.slice(OP_PREFIX.length, -key.length - 1), m.value] as const)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (ops.length === 0) return "—";
  const shown = ops.slice(0, MAX_OPS).map(([op, n]) => `${op} ${n}`).join(", ");
  return ops.length > MAX_OPS ? `${shown}, +${ops.length - MAX_OPS} more` : shown;
}

/**
 * The "Models" section: one row per model with its status, size, nodes, op counts, opset, share
 * of nodes the runtime ran, load time, latency median and p95, peak memory and batch sizes
 * accepted. Empty when no `onnx.models` check reported a model.
 */
export function modelsSection(checks: readonly CheckResult[]): string[] {
  const check = checks.find((c) => c.id === CHECK);
  const models = check?.findings.filter((f) => f.file !== undefined && VERDICT.test(f.message)) ??
    [];
  if (check === undefined || models.length === 0) return [];
  const rows = models.map((f) => {
    const key = slug(f.file as string);
    const value = (metric: string) => {
      const m = check.measurements.find((x) => x.metric === `${metric}.${key}`);
      return m === undefined ? "—" : formatValue(Number(m.value.toPrecision(3)), m.unit);
    };
    const status = /^(\w+):/.exec(f.message)?.[1] ?? "?";
    const batch = check.measurements.find((x) => x.metric === `onnx.model.dynamicBatch.${key}`);
    const tried = BATCH_SIZES.length;
    const batches = batch === undefined ? "—" : `${Math.round(batch.value * tried)} of ${tried}`;
    return `| \`${cell(f.file as string)}\` | ${status} | ${value("onnx.model.bytes")} | ${
      value("onnx.model.nodes")
    } | ${cell(opsText(check.measurements, key))} | ${value("onnx.model.opset")} | ${
      value("onnx.model.ops")
    } | ${value("onnx.model.load")} | ${value("onnx.model.latency.p50")} | ${
      value("onnx.model.latency.p95")
    } | ${value("onnx.model.peakBytes")} | ${batches} |`;
  });
  return [
    "## Models",
    "",
    "| Model | Status | Size | Nodes | Ops | Opset | Nodes run | Load | Latency p50 | p95 | Peak memory | Batch 1 & 4 |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
    "Latency: median and 95th percentile of timed runs on synthetic inputs, one intra-op thread; " +
    "peak memory: growth of the worker's peak resident memory while loading and running; " +
    "batch: share of batch sizes 1 and 4 a symbolic batch dimension accepted.",
    "",
  ];
}
