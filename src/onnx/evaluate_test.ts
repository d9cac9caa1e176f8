import { deepStrictEqual, equal, match, ok } from "node:assert/strict";
import { fakeEvidence } from "../../checks/_fake_evidence.ts";
import type { Evidence } from "../evidence.ts";
import {
  evaluateModel,
  evaluateModels,
  modelMetric,
  type ModelProbe,
  unsupportedOp,
} from "./evaluate.ts";
import type { Inventory } from "./inventory.ts";
import type { WorkerReport } from "./protocol.ts";

const INVENTORY: Inventory = {
  irVersion: 8,
  opsets: [{ domain: "", version: 17 }],
  producer: "test",
  inputs: [{ name: "X", dtype: "float32", shape: ["batch", 4] }],
  outputs: [{ name: "Y", dtype: "float32", shape: ["batch", 3] }],
  nodes: 4,
  ops: { MatMul: 1, Relu: 2, "com.x:Odd": 1 },
  initializers: 1,
  initializerBytes: 48,
  externalData: [],
};
const RUNTIME = "onnxruntime-node 1.30.0";
const Y = (dims: number[], finite = true) => ({ name: "Y", dtype: "float32", dims, finite });
const RAN: WorkerReport = {
  ok: true,
  runtime: RUNTIME,
  loadMs: 12,
  runsMs: [1, 2, 3, 2, 2],
  outputs: [Y([1, 3])],
  batches: [{ batch: 1, outputs: [Y([1, 3])] }, { batch: 4, outputs: [Y([4, 3])] }],
  peakBytes: 2048,
};

function probe(
  report: WorkerReport | string | undefined,
  evidence: Partial<Evidence> = {},
  stderr = "",
): ModelProbe {
  const stdout = typeof report === "string" ? report : JSON.stringify(report);
  return {
    path: "models/net.onnx",
    bytes: 1000,
    sha256: "ab",
    inventory: INVENTORY,
    missingExternal: [],
    worker: { evidence: fakeEvidence(evidence), index: 3, stdout, stderr },
  };
}

Deno.test("evaluateModel() passes a model that loaded and ran, with its measurements", () => {
  const result = evaluateModel(probe(RAN));
  equal(result.status, "pass");
  match(
    result.reason,
    /^4 nodes \(3 op types\), 1\.00 kB, load 12 ms, latency p50 2 ms \/ p95 2\.8 ms over 5 runs; batch 1 and 4 accepted$/,
  );
  const value = (m: string) => result.measurements.find((x) => x.metric === `${m}.models-net-onnx`);
  equal(value("onnx.model.bytes")?.value, 1000);
  equal(value("onnx.model.nodes")?.value, 4);
  equal(value("onnx.model.opset")?.value, 17);
  equal(value("onnx.model.ops")?.value, 100);
  equal(value("onnx.model.load")?.value, 12);
  const stats = value("onnx.model.latency.p50")?.stats;
  deepStrictEqual([stats?.median, stats?.mad, stats?.min, stats?.max, stats?.runs], [
    2,
    0,
    1,
    3,
    5,
  ]);
  equal(value("onnx.model.latency.p95")?.stats, undefined);
  equal(value("onnx.model.peakBytes")?.value, 2048);
  equal(value("onnx.model.dynamicBatch")?.value, 1);
  equal(value("onnx.model.latency.p50")?.evidence, 3);
});

Deno.test("evaluateModel() names what broke, with the right status", async (t) => {
  const rows: Array<[string, ModelProbe, string, RegExp]> = [
    [
      "crash",
      probe("", { exitCode: null, signal: "SIGSEGV" }),
      "error",
      /killed by SIGSEGV \(a native crash or out of memory\)/,
    ],
    [
      "out of memory",
      probe("", { exitCode: null, signal: "SIGKILL" }),
      "error",
      /killed by SIGKILL/,
    ],
    [
      "timeout",
      probe("", { exitCode: null, timedOut: true, durationMs: 2000 }),
      "error",
      /timed out after 2\.0 s and was killed/,
    ],
    [
      "no deno",
      probe(undefined, { exitCode: null, startError: "No such file" }),
      "unverified",
      /cannot start the model worker: No such file/,
    ],
    [
      "not cached",
      probe("", { exitCode: 1 }, 'error: npm package not found in cache: "onnxruntime-node"'),
      "unverified",
      /not cached/,
    ],
    [
      "other exit",
      probe("", { exitCode: 1 }, "error: Uncaught boom\n"),
      "error",
      /exited 1: error: Uncaught boom/,
    ],
    ["no report", probe("garbage"), "error", /Cannot read the worker's report/],
    [
      "run failure",
      probe({ ok: false, runtime: RUNTIME, stage: "run", error: "Got invalid dimensions" }),
      "warn",
      /fails to run on synthetic inputs: Got invalid dimensions/,
    ],
    [
      "missing locale",
      probe({
        ok: false,
        runtime: RUNTIME,
        stage: "load",
        error: "Exception during initialization: Failed to construct locale with name:en_US.UTF-8",
      }),
      "unverified",
      /cannot load the model on this machine: .*locale/,
    ],
    [
      "load failure",
      probe({ ok: false, runtime: RUNTIME, stage: "load", error: "Protobuf parsing failed." }),
      "fail",
      /cannot load the model: Protobuf/,
    ],
    [
      "wrong shape",
      probe({ ...RAN, outputs: [Y([1, 5])] }),
      "warn",
      /on synthetic inputs output Y has shape \[1, 5\], declared \[batch, 3\]/,
    ],
    ["missing output", probe({ ...RAN, outputs: [] }), "warn", /output Y is missing/],
    [
      "batch rejected",
      probe({
        ...RAN,
        batches: [{ batch: 1, outputs: [Y([1, 3])] }, { batch: 4, outputs: [], error: "dims" }],
      }),
      "warn",
      /rejects batch 4: dims/,
    ],
    [
      "wrong batch",
      probe({ ...RAN, batches: [{ batch: 4, outputs: [Y([1, 3])] }] }),
      "warn",
      /at batch 4: output Y/,
    ],
    [
      "not finite",
      probe({ ...RAN, outputs: [Y([1, 3], false)] }),
      "warn",
      /not finite on synthetic inputs/,
    ],
  ];
  for (const [name, input, status, reason] of rows) {
    await t.step(name, () => {
      const result = evaluateModel(input);
      equal(result.status, status);
      match(result.reason, reason);
      if (status === "error" || status === "unverified") {
        ok(!result.measurements.some((m) => m.metric.startsWith("onnx.model.latency")));
      }
    });
  }
});

Deno.test("evaluateModel() fails a file that is no model or lacks its external data", () => {
  const base = { path: "m.onnx", bytes: 9, sha256: "", missingExternal: [] };
  const bad = evaluateModel({ ...base, inventory: { error: "Cannot parse model: x" } });
  equal(bad.status, "fail");
  equal(bad.reason, "not an ONNX model: Cannot parse model: x");
  deepStrictEqual(bad.measurements, [{
    metric: "onnx.model.bytes.m-onnx",
    value: 9,
    unit: "bytes",
  }]);
  const missing = evaluateModel({
    ...base,
    inventory: INVENTORY,
    missingExternal: ["w.bin (tensor W)"],
  });
  equal(missing.status, "fail");
  equal(missing.reason, "external data missing: w.bin (tensor W)");
  const input = evaluateModel({ ...base, inventory: INVENTORY, inputError: "Cannot build input" });
  equal(input.status, "unverified");
});

Deno.test("evaluateModel() counts the share of nodes whose op the runtime has", () => {
  const error = "Load model failed:Fatal error: com.x:Odd(-1) is not a registered function/op";
  const result = evaluateModel(probe({ ok: false, runtime: RUNTIME, stage: "load", error }));
  equal(result.status, "fail");
  match(result.reason, /does not have the op com\.x:Odd/);
  equal(result.measurements.find((m) => m.metric === "onnx.model.ops.models-net-onnx")?.value, 75);
});

Deno.test("unsupportedOp() reads the op from onnxruntime's messages", () => {
  deepStrictEqual(
    unsupportedOp("Fatal error: com.x:Odd(-1) is not a registered function/op"),
    { op: "com.x:Odd" },
  );
  deepStrictEqual(unsupportedOp("Fatal error: :Frob(-1) is not a registered function/op"), {
    op: "Frob",
  });
  deepStrictEqual(
    unsupportedOp("Could not find an implementation for Add(6) node with name ''"),
    { op: "Add", version: 6 },
  );
  equal(unsupportedOp("Protobuf parsing failed."), undefined);
});

Deno.test("evaluateModels() takes the worst status and the worst model's values", () => {
  const fast = evaluateModel(probe(RAN));
  const slowProbe = probe({ ...RAN, runsMs: [9, 10, 11], loadMs: 3, batches: [] });
  slowProbe.path = "b.onnx";
  slowProbe.bytes = 5000;
  const slow = evaluateModel(slowProbe);
  const broken = evaluateModel({
    ...slowProbe,
    path: "c.onnx",
    inventory: { error: "x" },
    bytes: 1,
  });
  const outcome = evaluateModels([fast, slow, broken]);
  equal(outcome.status, "fail");
  match(outcome.summary, /^2 of 3 models loaded and ran; c\.onnx: not an ONNX model: x$/);
  const top = (metric: string) => outcome.measurements?.find((m) => m.metric === metric);
  equal(top("onnx.model.bytes")?.value, 5000);
  equal(top("onnx.model.latency.p50")?.value, 10);
  equal(top("onnx.model.load")?.value, 12);
  equal(top("onnx.model.dynamicBatch")?.value, 1);
  deepStrictEqual(outcome.findings?.map((f) => [f.file, f.message.split(":")[0]]), [
    ["models/net.onnx", "pass"],
    ["models/net.onnx", "inventory"],
    ["b.onnx", "pass"],
    ["b.onnx", "inventory"],
    ["c.onnx", "fail"],
    ["c.onnx", "inventory"],
  ]);
  equal(
    outcome.findings?.[1]?.message,
    "inventory: IR 8; opsets ai.onnx 17; producer test; inputs X float32 [batch, 4]; " +
      "outputs Y float32 [batch, 3]; 1 initializer (48 B); 1.00 kB, sha256 ab",
  );
  equal(outcome.findings?.[5]?.message, "inventory: none (not an ONNX model); 1 B, sha256 ab");
  equal(modelMetric("onnx.model.bytes", "b.onnx"), "onnx.model.bytes.b-onnx");
  equal(evaluateModels([fast]).status, "pass");
  equal(evaluateModels([]).status, "skip");
});
