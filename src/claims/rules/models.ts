/**
 * Claims about ONNX models: operation coverage ("100% operation coverage", "11/11 auxiliary
 * operations handled"), the opset ("opset 17"), dynamic batch support, and — where the sentence
 * is about a model — its size, memory footprint, inference latency and load time, which the
 * general rules read as file sizes and command timings.
 * @module
 */
import type { Draft, Rule, Scope } from "./scope.ts";

/** Words naming a model or the ONNX format. */
const MODEL_CONTEXT = /\bonnx\b|\bmodels?\b/i;
const OPS = String.raw`(?:operations?|ops|operators?)`;
const OP_COVERAGE = new RegExp(
  String
    .raw`\b${OPS}\s+(?:coverage|support(?:ed)?|handled)\b|\bcoverage\s+of\s+(?:\w+\s+)?${OPS}\b|\b${OPS}\s+(?:are\s+)?(?:covered|supported|handled)\b`,
  "i",
);
const OP_FRACTION = new RegExp(
  String.raw`\b(\d+)\s*/\s*(\d+)\s+(?:[A-Za-z-]+\s+){0,2}${OPS}\b`,
  "gi",
);
const OPSET = /\bopset(?:[_ ]version)?\s*[:=]?\s*(\d{1,2})(\+)?(?![\d.])/gi;
const DYNAMIC_BATCH =
  /\bdynamic\s+batch(?:ing|\s+sizes?|\s+dim(?:ension)?s?|\s+axis|\s+support)?\b|\bvariable\s+batch\s+sizes?\b/gi;

/** Words saying that something is supported (a feature list of a server's "dynamic batch sizing" is not). */
const SUPPORTED = /\bsupport(?:s|ed)?\b|\benabled\b|\bworks\b|\baccept(?:s|ed)?\b/i;

/** Words before "dynamic batch" that deny it ("no dynamic batch support yet", "static, not dynamic"). */
const DENIED = /\b(no|not|without|lacks?|lacking|missing|instead of)\b/i;

/** General metrics that, in a sentence about a model, are the model's own. */
const RETARGET: Record<string, string> = {
  "size.file": "onnx.model.bytes",
  "size.model": "onnx.model.bytes",
  "size.memory": "onnx.model.peakBytes",
  "perf.command.inference": "onnx.model.latency.p50",
  "perf.latency": "onnx.model.latency.p50",
  "perf.latency.p50": "onnx.model.latency.p50",
  "perf.latency.p95": "onnx.model.latency.p95",
  "perf.command.load": "onnx.model.load",
};

const LABELS: Record<string, string> = {
  "onnx.model.bytes": "model size",
  "onnx.model.nodes": "model nodes",
  "onnx.model.ops": "share of model nodes the runtime runs",
  "onnx.model.opset": "opset",
  "onnx.model.load": "model load time",
  "onnx.model.latency.p50": "model latency (median)",
  "onnx.model.latency.p95": "model latency (p95)",
  "onnx.model.peakBytes": "model peak memory",
  "onnx.model.dynamicBatch": "share of batch sizes 1 and 4 accepted",
};

/** Words for an `onnx.model.*` metric, per model when suffixed with its slug; undefined otherwise. */
export function modelLabel(metric: string): string | undefined {
  if (!metric.startsWith("onnx.model.")) return undefined;
  const base = Object.keys(LABELS).filter((k) => metric === k || metric.startsWith(`${k}.`))
    .sort((a, b) => b.length - a.length)[0];
  if (base === undefined) return undefined;
  const label = LABELS[base] as string;
  return metric === base ? label : `${label} of ${metric.slice(base.length + 1)}`;
}

function isAboutModels(scope: Scope): boolean {
  return MODEL_CONTEXT.test(scope.clause.text) || MODEL_CONTEXT.test(scope.label) ||
    MODEL_CONTEXT.test(scope.clause.parent?.text ?? "");
}

/** Operation coverage, opsets and dynamic batch support, read from one clause. */
export const modelRule: Rule = (scope) => {
  const text = scope.clause.text;
  const found: Draft[] = [];
  const around = `${text}\n${scope.label}`;
  if (OP_COVERAGE.test(around)) {
    for (const q of scope.quantities) {
      if (q.unit !== "percent" || q.range || q.value > 100) continue;
      found.push({
        index: q.start,
        kind: "model",
        metric: "onnx.model.ops",
        comparator: q.comparator,
        value: q.value,
        unit: "percent",
      });
    }
  }
  for (const m of text.matchAll(OP_FRACTION)) {
    const [done, total] = [Number(m[1]), Number(m[2])];
    if (total === 0 || done > total) continue;
    const value = Number(((done / total) * 100).toFixed(2));
    found.push({
      index: m.index,
      kind: "model",
      metric: "onnx.model.ops",
      comparator: "=",
      value,
      unit: "percent",
    });
  }
  for (const m of text.matchAll(OPSET)) {
    found.push({
      index: m.index,
      kind: "model",
      metric: "onnx.model.opset",
      comparator: m[2] === "+" ? "≥" : "=",
      value: Number(m[1]),
      unit: "count",
    });
  }
  const batch = DYNAMIC_BATCH.exec(text);
  DYNAMIC_BATCH.lastIndex = 0;
  const denied = batch !== null && DENIED.test(text.slice(0, batch.index));
  if (batch !== null && !denied && (SUPPORTED.test(text) || isAboutModels(scope))) {
    found.push({
      index: batch.index,
      kind: "model",
      metric: "onnx.model.dynamicBatch",
      comparator: "=",
      value: 1,
      unit: "ratio",
    });
  }
  return found;
};

/**
 * `drafts` of one clause with the general size, memory and timing metrics turned into the model's
 * own (`size.file` → `onnx.model.bytes`, `perf.command.inference` → `onnx.model.latency.p50`, …)
 * when the clause, its label or its parent names a model or ONNX; other drafts as they are.
 */
export function retargetModelDrafts(scope: Scope, drafts: readonly Draft[]): Draft[] {
  if (!isAboutModels(scope)) return [...drafts];
  return drafts.map((d) => {
    const metric = d.metric === undefined ? undefined : RETARGET[d.metric];
    return metric === undefined ? d : { ...d, kind: "model", metric };
  });
}
