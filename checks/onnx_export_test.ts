/**
 * A model no one here wrote by hand: `fixtures/py_onnx_export` binds `python3 export.py`, which
 * writes `model.onnx` with `torch.onnx.export`. torch is installed into a temporary venv from the
 * index pip is configured with (with onnx, which the exporter needs); where it cannot be installed the test says so and skips.
 * @module
 */
import { deepStrictEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import type { CheckContext, CheckOutcome, CheckResult } from "../src/check.ts";
import { extractClaims } from "../src/claims/extract.ts";
import { verifyClaims } from "../src/claims/verify.ts";
import { loadConfig } from "../src/config.ts";
import { walkTree } from "../src/tree_hash.ts";
import { onnxModels } from "./onnx_models.ts";
import { perfBindings } from "./perf_bindings.ts";
import { fixture } from "./_report_helpers.ts";
import { realContext } from "./_real_context.ts";

Deno.env.set("PIP_INDEX_URL", Deno.env.get("PIP_INDEX_URL") ?? "file:///opt/pypi/simple");

/** A venv with torch, or why there is none. */
async function torchVenv(): Promise<{ bin: string } | { why: string }> {
  const venv = await Deno.makeTempDir({ prefix: "claimcheck-torch-" });
  // The sandbox's unprivileged uid must be able to enter it (makeTempDir makes it 0700).
  await Deno.chmod(venv, 0o755);
  const run = (cmd: string, args: string[]) =>
    new Deno.Command(cmd, { args, stdout: "null", stderr: "piped" }).output();
  const made = await run("python3", ["-m", "venv", venv]);
  if (!made.success) {
    return { why: `python3 -m venv failed: ${new TextDecoder().decode(made.stderr)}` };
  }
  const pip = await run(join(venv, "bin/python"), ["-m", "pip", "install", "-q", "torch", "onnx"]);
  if (!pip.success) {
    const tail = new TextDecoder().decode(pip.stderr).trim().split("\n").slice(-2).join(" ");
    return { why: `pip install torch onnx failed: ${tail}` };
  }
  return { bin: join(venv, "bin") };
}

function resultOf(id: string, outcome: CheckOutcome): CheckResult {
  return {
    id,
    category: id === "onnx.models" ? "artifacts" : "perf",
    status: outcome.status,
    summary: outcome.summary,
    durationMs: 0,
    measurements: outcome.measurements ?? [],
    evidence: [],
    findings: outcome.findings ?? [],
  };
}

Deno.test("py_onnx_export: the exported model is timed, probed and its claims judged", async () => {
  const venv = await torchVenv();
  if ("why" in venv) {
    console.log(`py_onnx_export test skipped: cannot install torch and onnx here: ${venv.why}`);
    return;
  }
  const root = await Deno.makeTempDir({ prefix: "claimcheck-py-onnx-export-" });
  await walkTree(fixture("py_onnx_export"), root);
  const files = [...Deno.readDirSync(root)].map((e) => e.name).sort();
  const config = await loadConfig(root);
  const base = realContext(root, await Deno.makeTempDir(), files, config);
  base.options.timeoutMs = 120_000;
  const path = `${venv.bin}:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`;
  const withVenv: CheckContext = {
    ...base,
    exec: (argv, options) => base.exec(argv, { ...options, env: { ...options?.env, PATH: path } }),
  };
  const timed = await perfBindings.run(withVenv);
  equal(timed.status, "pass", timed.summary);
  const exported = resultOf("perf.bindings", timed);
  const models = await onnxModels.run({
    ...withVenv,
    dependency: (id) => id === "perf.bindings" ? { result: exported, data: undefined } : undefined,
  });
  equal(models.status, "pass", models.summary);
  const message = models.findings?.find((f) => f.file === "model.onnx")?.message ?? "";
  match(message, /^pass: \d+ nodes .* batch 1 and 4 accepted$/);
  const value = (m: string) => models.measurements?.find((x) => x.metric === m)?.value;
  equal(value("onnx.model.opset.model-onnx"), 17);
  equal(value("onnx.model.dynamicBatch.model-onnx"), 1);
  ok((value("onnx.model.op.Gemm.model-onnx") ?? 0) >= 1, "torch exports Linear as Gemm");
  const claims = extractClaims(await Deno.readTextFile(join(root, "STATUS.md")), "STATUS.md");
  const verdicts = verifyClaims({
    claims,
    checks: [exported, resultOf("onnx.models", models)],
    level: { value: 0, name: "None", blockers: [] },
    files,
    bindings: config.bindings,
  }).filter((v) => v.kind !== "exists").map((v) => [v.text, v.verdict]);
  deepStrictEqual(verdicts, [
    // torch alone takes longer than that to import.
    ["- ONNX export time <25ms", "contradicted"],
    ["- Exported with opset 17", "verified"],
    ["- ONNX model file size <1MB", "verified"],
    ["- Dynamic batch supported", "verified"],
    ["- Sub-200ms inference on the exported model", "verified"],
  ]);
});
