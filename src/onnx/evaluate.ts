/**
 * One model's probe → its status, reason and measurements; every model's → the check's outcome.
 * Pure: reads the inventory, the worker's evidence and its report, never the disk.
 * @module
 */
import type { CheckOutcome, Finding, Measurement, Status } from "../check.ts";
import { slug } from "../claims/bindings.ts";
import type { Evidence } from "../evidence.ts";
import { formatBytes, formatDuration, formatValue } from "../report/format.ts";
import { summarize } from "../stats.ts";
import { batchNames, shapeMismatch } from "./inputs.ts";
import type { Inventory, TensorSpec } from "./inventory.ts";
import { type OutputSeen, parseWorkerReport, type WorkerReport } from "./protocol.ts";

/** What was learnt about one model before and while the worker ran. */
export interface ModelProbe {
  /** Path relative to the snapshot root. */
  path: string;
  bytes: number;
  sha256: string;
  /** The inventory, or why the file is not an ONNX model. */
  inventory: Inventory | { error: string };
  /** External data files the model names that are not in the snapshot. */
  missingExternal: readonly string[];
  /** Why no synthetic input could be built (the worker did not run). */
  inputError?: string;
  /** The worker's run: its evidence, its index in the check's evidence and its stdout. */
  worker?: { evidence: Evidence; index: number; stdout: string; stderr: string };
}

/** One model's verdict. */
export interface ModelResult {
  path: string;
  status: Status;
  reason: string;
  measurements: Measurement[];
  /** What the model declares, in words (`describeInventory`), when its file was read. */
  inventory?: string;
}

/** The metrics every model reports (suffixed `.<model slug>` per model). */
export const MODEL_METRICS = [
  "onnx.model.bytes",
  "onnx.model.nodes",
  "onnx.model.ops",
  "onnx.model.opset",
  "onnx.model.load",
  "onnx.model.latency.p50",
  "onnx.model.latency.p95",
  "onnx.model.peakBytes",
  "onnx.model.dynamicBatch",
] as const;
type ModelMetric = typeof MODEL_METRICS[number];

/** The key of `metric` for the model at `path`: `onnx.model.bytes.models-net-onnx`. */
export function modelMetric(metric: ModelMetric, path: string): string {
  return `${metric}.${slug(path)}`;
}

function specText(spec: TensorSpec): string {
  const shape = spec.shape === undefined ? "" : ` [${spec.shape.map((d) => d ?? "?").join(", ")}]`;
  return `${spec.name} ${spec.dtype}${shape}`;
}

/**
 * The inventory of a probed model in words: IR version, opsets, producer, inputs and outputs with
 * shapes, initializers, external data (and which files are missing), size and sha256.
 */
export function describeInventory(probe: ModelProbe): string {
  const file = `${formatBytes(probe.bytes)}, sha256 ${probe.sha256}`;
  if ("error" in probe.inventory) return `inventory: none (not an ONNX model); ${file}`;
  const inv = probe.inventory;
  const opsets = inv.opsets.map((o) => `${o.domain || "ai.onnx"} ${o.version}`).join(" + ");
  const parts = [
    `IR ${inv.irVersion}`,
    `opsets ${opsets || "none"}`,
    `producer ${inv.producer || "unnamed"}`,
    `inputs ${inv.inputs.map(specText).join(", ") || "none"}`,
    `outputs ${inv.outputs.map(specText).join(", ") || "none"}`,
    `${inv.initializers} initializer${inv.initializers === 1 ? "" : "s"} (${
      formatBytes(inv.initializerBytes)
    })`,
  ];
  if (inv.externalData.length > 0) {
    const missing = probe.missingExternal.length;
    parts.push(
      `external data ${[...new Set(inv.externalData.map((e) => e.location))].join(", ")}${
        missing > 0 ? ` (${missing} missing)` : ""
      }`,
    );
  }
  return `inventory: ${parts.join("; ")}; ${file}`;
}

/** The version of the default (`ai.onnx`) opset the model imports, if any. */
export function defaultOpset(inventory: Pick<Inventory, "opsets">): number | undefined {
  return inventory.opsets.find((o) => o.domain === "" || o.domain === "ai.onnx")?.version;
}

/** The key of the node count of `op` in the model at `path`: `onnx.model.op.MatMul.tiny-onnx`. */
export function opMetric(op: string, path: string): string {
  return `onnx.model.op.${op}.${slug(path)}`;
}

/** Load errors that name something this machine lacks (a locale), not a fault of the model. */
const MACHINE_LACKS = /Failed to construct locale|locale::facet|No such file or directory.*locale/i;

/** An op the runtime said it has no implementation of, with the version asked for when known. */
export interface MissingOp {
  /** The op as the inventory counts it: `Add`, or `domain:Op` for a custom domain. */
  op: string;
  /** The opset version of the node, when the runtime named one. */
  version?: number;
}

/** The op onnxruntime says it does not have, if its error says so. */
export function unsupportedOp(error: string): MissingOp | undefined {
  const registered = /(?:^|[\s:])([\w.]*):(\w+)\(-?\d+\) is not a registered function\/op/.exec(
    error,
  );
  if (registered) {
    const [, domain, op] = registered as unknown as [string, string, string];
    return { op: domain === "" || domain === "ai.onnx" ? op : `${domain}:${op}` };
  }
  const kernel = /Could not find an implementation for (\w+)\((\d+)\)/.exec(error);
  return kernel ? { op: kernel[1] as string, version: Number(kernel[2]) } : undefined;
}

function lastLine(text: string): string {
  return text.trim().split("\n").filter((l) => l.trim() !== "").pop()?.trim().slice(0, 300) ?? "";
}

/** The worker's failure that is no fault of the model, or undefined when it ran to its end. */
function workerFailure(
  e: Evidence,
  stderr: string,
): { status: Status; reason: string } | undefined {
  if (e.startError !== undefined) {
    return { status: "unverified", reason: `cannot start the model worker: ${e.startError}` };
  }
  if (e.timedOut) {
    return {
      status: "error",
      reason: `the model worker timed out after ${formatDuration(e.durationMs)} and was killed`,
    };
  }
  if (e.exitCode === null) {
    return {
      status: "error",
      reason: `the model worker was killed by ${
        e.signal ?? "a signal"
      } (a native crash or out of memory)`,
    };
  }
  if (e.exitCode === 0) return undefined;
  if (/not found in cache|--cached-only|error sending request/i.test(stderr)) {
    return {
      status: "unverified",
      reason: `onnxruntime-node is not cached for the worker: ${lastLine(stderr)}`,
    };
  }
  return {
    status: "error",
    reason: `the model worker exited ${e.exitCode}: ${lastLine(stderr) || "no output"}`,
  };
}

function inventoryMeasurements(probe: ModelProbe, inventory?: Inventory): Measurement[] {
  const m = (metric: ModelMetric, value: number, unit: Measurement["unit"]): Measurement => ({
    metric: modelMetric(metric, probe.path),
    value,
    unit,
  });
  const out = [m("onnx.model.bytes", probe.bytes, "bytes")];
  if (inventory === undefined) return out;
  out.push(m("onnx.model.nodes", inventory.nodes, "count"));
  for (const [op, n] of Object.entries(inventory.ops)) {
    out.push({ metric: opMetric(op, probe.path), value: n, unit: "count" });
  }
  const opset = defaultOpset(inventory);
  if (opset !== undefined) out.push(m("onnx.model.opset", opset, "count"));
  return out;
}

function checkOutputs(
  inventory: Inventory,
  outputs: readonly OutputSeen[],
  batch: number,
): string | undefined {
  const names = batchNames(inventory.inputs);
  for (const declared of inventory.outputs) {
    const got = outputs.find((o) => o.name === declared.name);
    if (got === undefined) return `output ${declared.name} is missing`;
    const why = shapeMismatch(declared, got.dims, names, batch);
    if (why !== undefined) return why;
  }
  return undefined;
}

function ranMeasurements(
  probe: ModelProbe,
  report: Extract<WorkerReport, { ok: true }>,
  index: number,
): Measurement[] {
  const stats = summarize(report.runsMs);
  const at = (metric: ModelMetric, value: number, unit: Measurement["unit"]): Measurement => ({
    metric: modelMetric(metric, probe.path),
    value,
    unit,
    evidence: index,
  });
  const out = [
    at("onnx.model.ops", 100, "percent"),
    at("onnx.model.load", report.loadMs, "ms"),
    { ...at("onnx.model.latency.p50", stats.median, "ms"), stats },
    at("onnx.model.latency.p95", stats.p95, "ms"),
    at("onnx.model.peakBytes", report.peakBytes, "bytes"),
  ];
  if (report.batches.length > 0) {
    const ok = report.batches.filter((b) => b.error === undefined).length;
    out.push(at("onnx.model.dynamicBatch", ok / report.batches.length, "ratio"));
  }
  return out;
}

function judgeRun(
  probe: ModelProbe,
  inventory: Inventory,
  report: Extract<WorkerReport, { ok: true }>,
): { status: Status; reason: string } {
  const stats = summarize(report.runsMs);
  const ops = Object.keys(inventory.ops).length;
  const head = `${inventory.nodes} nodes (${ops} op types), ${formatBytes(probe.bytes)}, load ${
    formatValue(Number(report.loadMs.toFixed(2)), "ms")
  }, latency p50 ${formatValue(Number(stats.median.toFixed(3)), "ms")} / p95 ${
    formatValue(Number(stats.p95.toFixed(3)), "ms")
  } over ${stats.runs} runs`;
  const mismatch = checkOutputs(inventory, report.outputs, 1);
  if (mismatch !== undefined) {
    return { status: "warn", reason: `${head}; on synthetic inputs ${mismatch}` };
  }
  const failedBatch = report.batches.find((b) => b.error !== undefined);
  if (failedBatch !== undefined) {
    return {
      status: "warn",
      reason: `${head}; the symbolic batch dimension rejects batch ${failedBatch.batch}: ${
        failedBatch.error?.slice(0, 200)
      }`,
    };
  }
  for (const b of report.batches) {
    const why = checkOutputs(inventory, b.outputs, b.batch);
    if (why !== undefined) {
      return { status: "warn", reason: `${head}; at batch ${b.batch}: ${why}` };
    }
  }
  const infinite = report.outputs.find((o) => !o.finite);
  if (infinite !== undefined) {
    return {
      status: "warn",
      reason: `${head}; output ${infinite.name} is not finite on synthetic inputs`,
    };
  }
  const batches = report.batches.length > 0
    ? `; batch ${report.batches.map((b) => b.batch).join(" and ")} accepted`
    : "";
  return { status: "pass", reason: `${head}${batches}` };
}

/**
 * The verdict on one model: `fail` when the file is not a loadable ONNX model (not protobuf,
 * missing external data, an op the runtime lacks, a model the runtime refuses); `warn` when it
 * loads but, on synthetic inputs (which may be invalid values for it), fails to run, gives outputs
 * of other shapes or non-finite values, or rejects a batch size; `error` when
 * the worker crashed, was killed or timed out; `unverified` when it could not run here.
 */
export function evaluateModel(probe: ModelProbe): ModelResult {
  const result = (status: Status, reason: string, measurements: Measurement[]): ModelResult => ({
    path: probe.path,
    status,
    reason,
    measurements,
    inventory: describeInventory(probe),
  });
  if ("error" in probe.inventory) {
    return result(
      "fail",
      `not an ONNX model: ${probe.inventory.error}`,
      inventoryMeasurements(probe),
    );
  }
  const inventory = probe.inventory;
  const base = inventoryMeasurements(probe, inventory);
  if (probe.missingExternal.length > 0) {
    return result("fail", `external data missing: ${probe.missingExternal.join(", ")}`, base);
  }
  if (probe.inputError !== undefined) return result("unverified", probe.inputError, base);
  if (probe.worker === undefined) return result("unverified", "the model worker did not run", base);
  const failure = workerFailure(probe.worker.evidence, probe.worker.stderr);
  if (failure !== undefined) return result(failure.status, failure.reason, base);
  let report: WorkerReport;
  try {
    report = parseWorkerReport(probe.worker.stdout);
  } catch (error) {
    return result("error", (error as Error).message, base);
  }
  if (!report.ok) {
    const missing = report.stage === "load" ? unsupportedOp(report.error) : undefined;
    if (missing !== undefined) {
      const accepted = inventory.nodes - (inventory.ops[missing.op] ?? 0);
      const share = inventory.nodes > 0 ? (accepted / inventory.nodes) * 100 : 0;
      base.push({
        metric: modelMetric("onnx.model.ops", probe.path),
        value: share,
        unit: "percent",
        evidence: probe.worker.index,
      });
      const version = missing.version === undefined ? "" : ` in opset version ${missing.version}`;
      return result(
        "fail",
        `${report.runtime} does not have the op ${missing.op}${version}: ${report.error}`,
        base,
      );
    }
    if (report.stage === "load" && MACHINE_LACKS.test(report.error)) {
      return result(
        "unverified",
        `${report.runtime} cannot load the model on this machine: ${report.error}`,
        base,
      );
    }
    if (report.stage === "load") {
      return result("fail", `${report.runtime} cannot load the model: ${report.error}`, base);
    }
    // Synthetic values may be invalid for the model (a shape tensor of zeros): not proof of a fault.
    return result(
      "warn",
      `${report.runtime} loaded the model, but it fails to run on synthetic inputs: ${report.error}`,
      base,
    );
  }
  const judged = judgeRun(probe, inventory, report);
  return result(judged.status, judged.reason, [
    ...base,
    ...ranMeasurements(probe, report, probe.worker.index),
  ]);
}

/** How the per-model values of a metric combine into the unsuffixed one: the worst model's. */
const WORST: Record<ModelMetric, "max" | "min"> = {
  "onnx.model.bytes": "max",
  "onnx.model.nodes": "max",
  "onnx.model.ops": "min",
  "onnx.model.opset": "min",
  "onnx.model.load": "max",
  "onnx.model.latency.p50": "max",
  "onnx.model.latency.p95": "max",
  "onnx.model.peakBytes": "max",
  "onnx.model.dynamicBatch": "min",
};

function worst(metric: ModelMetric, results: readonly ModelResult[]): Measurement | undefined {
  let best: Measurement | undefined;
  for (const r of results) {
    const m = r.measurements.find((x) => x.metric === modelMetric(metric, r.path));
    if (m === undefined) continue;
    const better = WORST[metric] === "max"
      ? m.value > (best?.value ?? -Infinity)
      : m.value < (best?.value ?? Infinity);
    if (better) best = m;
  }
  return best === undefined ? undefined : { ...best, metric };
}

const RANK: Record<Status, number> = {
  fail: 5,
  error: 4,
  unverified: 3,
  warn: 2,
  pass: 1,
  skip: 0,
};

/**
 * The check's outcome over every model: the worst status (fail, then error, unverified, warn),
 * one finding per model at its path, each model's measurements suffixed with its slug, and the
 * unsuffixed metrics taken from the worst model (largest size and latency, lowest op share,
 * opset and batch share) for claims that name no model.
 */
export function evaluateModels(results: readonly ModelResult[]): CheckOutcome {
  if (results.length === 0) {
    return {
      status: "skip",
      summary: "No ONNX model in the snapshot or produced by an export binding",
    };
  }
  const status = results.reduce<Status>(
    (s, r) => RANK[r.status] > RANK[s] ? r.status : s,
    "pass",
  );
  const findings: Finding[] = results.flatMap((r) => [
    { message: `${r.status}: ${r.reason}`, file: r.path },
    ...(r.inventory === undefined ? [] : [{ message: r.inventory, file: r.path }]),
  ]);
  const measurements = [
    ...MODEL_METRICS.flatMap((metric) => worst(metric, results) ?? []),
    ...results.flatMap((r) => r.measurements),
  ];
  const count = (s: Status) => results.filter((r) => r.status === s).length;
  const ran = count("pass") + count("warn");
  const total = `${results.length} model${results.length === 1 ? "" : "s"}`;
  const notRun = results.filter((r) => r.status !== "pass" && r.status !== "warn")
    .slice(0, 3).map((r) => `${r.path}: ${r.reason}`);
  const summary = `${ran} of ${total} loaded and ran${
    notRun.length > 0 ? `; ${notRun.join("; ")}` : ""
  }`;
  return { status, summary, measurements, findings };
}
