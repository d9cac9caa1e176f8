import { deepStrictEqual, throws } from "node:assert/strict";
import { parseWorkerReport } from "./protocol.ts";

Deno.test("parseWorkerReport() reads the last line of the worker's stdout", () => {
  const failed = { ok: false, runtime: "onnxruntime-node 1.30.0", stage: "load", error: "bad" };
  deepStrictEqual(parseWorkerReport(`noise\n${JSON.stringify(failed)}\n\n`), failed);
});

Deno.test("parseWorkerReport() throws a TypeError on a missing or malformed report", async (t) => {
  const rows = ["", "Segmentation fault", JSON.stringify({ ok: true, runtime: "x" })];
  for (const stdout of rows) {
    await t.step(JSON.stringify(stdout), () => {
      throws(
        () => parseWorkerReport(stdout),
        (e) => e instanceof TypeError && /^Cannot read the worker's report: /.test(e.message),
      );
    });
  }
});
