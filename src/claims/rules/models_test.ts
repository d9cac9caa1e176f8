import { deepStrictEqual, equal, match } from "node:assert/strict";
import type { CheckResult } from "../../check.ts";
import type { Claim } from "../claim.ts";
import { labelOf } from "../describe.ts";
import { extractClaims } from "../extract.ts";
import { verifyClaims } from "../verify.ts";

type Row = [string, Array<[Claim["kind"], string, Claim["comparator"], number, Claim["unit"]]>];

const rows: Row[] = [
  ["- ✅ 100% operation coverage", [["model", "onnx.model.ops", "=", 100, "percent"]]],
  ["- 11/11 auxiliary operations handled", [["model", "onnx.model.ops", "=", 100, "percent"]]],
  ["- 9/12 ops supported", [["model", "onnx.model.ops", "=", 75, "percent"]]],
  ["- Export time <25ms", [["timing", "perf.command.export", "<", 25, "ms"]]],
  ["- ONNX model file size <1MB", [["model", "onnx.model.bytes", "<", 1e6, "bytes"]]],
  ["- Model memory footprint <1MB", [["model", "onnx.model.peakBytes", "<", 1e6, "bytes"]]],
  ["- Sub-200ms inference on the exported model", [[
    "model",
    "onnx.model.latency.p50",
    "<",
    200,
    "ms",
  ]]],
  ["- p95 latency 31 ms for the ONNX model", [["model", "onnx.model.latency.p95", "=", 31, "ms"]]],
  ["- The model loads in 40ms", [["model", "onnx.model.load", "=", 40, "ms"]]],
  ["- Exported with opset 17", [["model", "onnx.model.opset", "=", 17, "count"]]],
  ["- ONNX export uses opset 13+", [["model", "onnx.model.opset", "≥", 13, "count"]]],
  ["- Dynamic batch supported", [["model", "onnx.model.dynamicBatch", "=", 1, "ratio"]]],
  // Not about a model: the general metric stays.
  ["- Memory footprint <1MB", [["size", "size.memory", "<", 1e6, "bytes"]]],
  // A server's feature, a goal, a plan, a negation: no model claim.
  ["- Dynamic batch sizing", []],
  ["- Goal: 100% operation coverage", []],
  ["- We plan to support opset 18", []],
  ["- Dynamic batch: not supported", []],
  ["- No dynamic batch support yet", []],
  ["- Static batch only (no dynamic batch)", []],
];

Deno.test("extractClaims() reads model claims and only in their context", async (t) => {
  for (const [line, want] of rows) {
    await t.step(line, () => {
      const got = extractClaims(`${line}\n`, "STATUS.md")
        .map((c) => [c.kind, c.metric, c.comparator, c.value, c.unit]);
      deepStrictEqual(got, want);
    });
  }
});

function modelCheck(measurements: CheckResult["measurements"]): CheckResult {
  return {
    id: "onnx.models",
    category: "artifacts",
    status: "pass",
    summary: "1 of 1 model loaded and ran",
    durationMs: 1,
    measurements,
    evidence: [],
    findings: [],
  };
}

Deno.test("verifyClaims() judges model claims by the onnx.models measurements", () => {
  const stats = { median: 0.4, p95: 0.6, mad: 0.05, min: 0.3, max: 0.7, runs: 30 };
  const check = modelCheck([
    { metric: "onnx.model.bytes", value: 2_000_000, unit: "bytes" },
    { metric: "onnx.model.ops", value: 50, unit: "percent" },
    { metric: "onnx.model.opset", value: 17, unit: "count" },
    { metric: "onnx.model.latency.p50", value: 0.4, unit: "ms", stats },
    { metric: "onnx.model.dynamicBatch", value: 1, unit: "ratio" },
  ]);
  const doc = [
    "- ONNX model file size <1MB",
    "- 100% operation coverage",
    "- Exported with opset 17",
    "- Sub-200ms inference on the exported model",
    "- Dynamic batch supported",
    "- Model memory footprint <1MB",
  ].join("\n");
  const verdicts = verifyClaims({
    claims: extractClaims(doc, "STATUS.md"),
    checks: [check],
    level: { value: 3, name: "Tested", blockers: [] },
    files: [],
  }).map((v) => [v.metric, v.verdict]);
  deepStrictEqual(verdicts, [
    ["onnx.model.bytes", "contradicted"],
    ["onnx.model.ops", "contradicted"],
    ["onnx.model.opset", "verified"],
    ["onnx.model.latency.p50", "verified"],
    ["onnx.model.dynamicBatch", "verified"],
    ["onnx.model.peakBytes", "unverified"],
  ]);
});

Deno.test("verifyClaims() quotes onnx.models when it measured nothing", () => {
  const failed = { ...modelCheck([]), status: "fail" as const, summary: "0 of 1 models loaded" };
  const [v] = verifyClaims({
    claims: extractClaims("- Sub-200ms inference on the exported model\n", "STATUS.md"),
    checks: [failed],
    level: { value: 3, name: "Tested", blockers: [] },
    files: [],
  });
  equal(v?.verdict, "unverified");
  match(v?.reason ?? "", /onnx\.models fail: 0 of 1 models loaded/);
});

Deno.test("labelOf() names model metrics, per model too", () => {
  equal(labelOf("onnx.model.bytes"), "model size");
  equal(labelOf("onnx.model.latency.p50.tiny-onnx"), "model latency (median) of tiny-onnx");
  equal(labelOf("onnx.model.peakBytes.net-onnx"), "model peak memory of net-onnx");
});
