import { equal } from "node:assert/strict";
import type { Claim } from "./claim.ts";
import { bindingMetric, bindingServes, bindingUnit, slug } from "./bindings.ts";

Deno.test("slug() keeps letters and digits, joined by dashes", async (t) => {
  const rows: Array<[string, string]> = [
    ["export time", "export-time"],
    ["  Export  Time (ONNX) ", "export-time-onnx"],
    ["model.onnx", "model-onnx"],
    ["<5ms", "5ms"],
    ["≤ ≥", "binding"],
  ];
  for (const [phrase, expected] of rows) {
    await t.step(phrase, () => equal(slug(phrase), expected));
  }
});

Deno.test("bindingMetric() names a command's timing and a file's size", async (t) => {
  const rows: Array<[Parameters<typeof bindingMetric>[0], string]> = [
    [{ claim: "export time", command: ["python", "x.py"] }, "perf.command.export-time"],
    [{ claim: "perf.command.export", command: ["python", "x.py"] }, "perf.command.export"],
    [{ claim: "model size", file: "model.onnx" }, "size.model-size"],
    [{ claim: "size.model", file: "model.onnx" }, "size.model"],
    [{ claim: "size.model", command: ["true"] }, "perf.command.size-model"],
  ];
  for (const [binding, expected] of rows) {
    await t.step(binding.claim, () => equal(bindingMetric(binding), expected));
  }
  equal(bindingUnit({ claim: "x", command: ["true"] }), "ms");
  equal(bindingUnit({ claim: "x", file: "a" }), "bytes");
});

Deno.test("bindingServes() matches a phrase in the text or the metric, in the binding's unit", async (t) => {
  const claim = (text: string, unit: Claim["unit"], metric?: string): Claim => ({
    file: "STATUS.md",
    line: 1,
    text,
    kind: "timing",
    ...(unit ? { unit } : {}),
    ...(metric ? { metric } : {}),
  });
  const command = { claim: "Export Time", command: ["python", "-m", "pkg.export"] };
  const byMetric = { claim: "perf.command.export", command: ["python", "-m", "pkg.export"] };
  const file = { claim: "model file", file: "model.onnx" };
  const rows: Array<[string, Parameters<typeof bindingServes>[0], Claim, boolean]> = [
    ["phrase, any case", command, claim("- ONNX export time: <5ms", "ms"), true],
    ["phrase absent", command, claim("- Import time: <5ms", "ms"), false],
    ["wrong unit", command, claim("- export time: 3 MB", "bytes"), false],
    ["no unit", command, claim("- export time is fast", undefined), false],
    [
      "metric equals phrase",
      byMetric,
      claim("- Exports in <5ms", "ms", "perf.command.export"),
      true,
    ],
    [
      "metric equals binding metric",
      command,
      claim("- Exports in <5ms", "ms", "perf.command.export-time"),
      true,
    ],
    ["file phrase", file, claim("- Model file under 1 MB", "bytes"), true],
  ];
  for (const [name, binding, c, expected] of rows) {
    await t.step(name, () => equal(bindingServes(binding, c), expected));
  }
});
