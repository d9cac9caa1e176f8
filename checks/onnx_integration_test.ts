/**
 * End to end: a real audit of `fixtures/onnx` (generated models, broken ones among them) — the
 * `onnx.models` result in the JSON report, its model claims, and the markdown per-model table.
 * @module
 */
import { deepStrictEqual, equal, match, ok } from "node:assert/strict";
import { audit } from "../src/audit.ts";
import { renderMarkdown } from "../src/report/markdown.ts";
import { check, fixture, values } from "./_report_helpers.ts";

Deno.test("audit() of fixtures/onnx: every model judged, model claims verified or contradicted", async () => {
  const report = await audit({ target: fixture("onnx"), only: ["onnx.models"] });
  const models = check(report, "onnx.models");
  equal(models.status, "fail", models.summary);
  match(models.summary, /^2 of 6 models loaded and ran; /);
  deepStrictEqual(
    models.findings.filter((f) => !f.message.startsWith("inventory:"))
      .map((f) => [f.file, f.message.split(":")[0]]),
    [
      ["custom_op.onnx", "fail"],
      ["dynamic_batch.onnx", "pass"],
      ["external_missing.onnx", "fail"],
      ["random.onnx", "fail"],
      ["tiny.onnx", "pass"],
      ["truncated.onnx", "fail"],
    ],
  );
  const inventory = models.findings.find((f) =>
    f.file === "external_missing.onnx" && f.message.startsWith("inventory:")
  );
  match(
    inventory?.message ?? "",
    /; external data weights\.bin \(1 missing\); 179 B, sha256 [0-9a-f]{64}$/,
  );
  const measured = values(models);
  equal(measured["onnx.model.bytes.tiny-onnx"], 218);
  equal(measured["onnx.model.op.MatMul.tiny-onnx"], 1);
  equal(measured["onnx.model.ops.custom-op-onnx"], 50);
  ok(models.evidence.length === 3, "one worker per model that could be run");
  const verdicts = Object.fromEntries(
    report.claims.filter((c) => c.kind === "model").map((c) => [c.metric, c.verdict]),
  );
  deepStrictEqual(verdicts, {
    "onnx.model.ops": "contradicted",
    "onnx.model.opset": "verified",
    "onnx.model.bytes": "verified",
    "onnx.model.latency.p50": "verified",
    "onnx.model.dynamicBatch": "verified",
  });
  const markdown = renderMarkdown(report);
  match(markdown, /## Models\n\n\| Model \| Status \| Size \|/);
  match(
    markdown,
    /\| `tiny\.onnx` \| pass \| 218 B \| 2 \| Add 1, MatMul 1 \| 17 \| 100 % \| [\d.]+ ms \|/,
  );
  match(markdown, /\| `dynamic_batch\.onnx` \| pass \| .* \| 2 of 2 \|$/m);
  match(markdown, /\| `random\.onnx` \| fail \| 256 B \| — \|/);
});
