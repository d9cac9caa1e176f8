import { deepStrictEqual, equal, throws } from "node:assert/strict";
import { batchNames, hasSymbolicBatch, planInputs, shapeMismatch } from "./inputs.ts";
import type { TensorSpec } from "./inventory.ts";

Deno.test("planInputs() makes a symbolic leading dim the batch and others 1", async (t) => {
  const rows: Array<[TensorSpec, number, number[]]> = [
    [{ name: "a", dtype: "float32", shape: [1, 4] }, 4, [1, 4]],
    [{ name: "b", dtype: "float32", shape: ["N", 3, "H"] }, 4, [4, 3, 1]],
    [{ name: "c", dtype: "int64", shape: [null, 0] }, 2, [2, 1]],
    [{ name: "d", dtype: "bool" }, 4, []],
  ];
  for (const [spec, batch, dims] of rows) {
    await t.step(spec.name, () => deepStrictEqual(planInputs([spec], batch)[0]?.dims, dims));
  }
});

Deno.test("planInputs() throws naming an input of an unsupported type", () => {
  throws(
    () => planInputs([{ name: "z", dtype: "unsupported:16", shape: [1] }]),
    { name: "TypeError", message: "Cannot build input z: element type 16 is not supported" },
  );
});

Deno.test("hasSymbolicBatch() and batchNames() read the leading dims", () => {
  equal(hasSymbolicBatch([{ name: "x", dtype: "float32", shape: [1, 4] }]), false);
  equal(hasSymbolicBatch([{ name: "x", dtype: "float32", shape: [] }]), false);
  equal(hasSymbolicBatch([{ name: "x", dtype: "float32", shape: [null, 4] }]), true);
  deepStrictEqual(
    batchNames([{ name: "x", dtype: "float32", shape: ["batch", 4] }]),
    new Set(["batch"]),
  );
});

Deno.test("shapeMismatch() compares rank, fixed sizes and the batch dim", async (t) => {
  const names = new Set(["batch"]);
  const rows: Array<[TensorSpec["shape"], number[], number, boolean]> = [
    [[1, 3], [1, 3], 1, true],
    [[1, 3], [1, 4], 1, false],
    [[1, 3], [3], 1, false],
    [["batch", 3], [4, 3], 4, true],
    [["batch", 3], [1, 3], 4, false],
    [["seq", 3], [7, 3], 4, true],
    [undefined, [7, 3], 4, true],
  ];
  for (const [shape, dims, batch, ok] of rows) {
    await t.step(`${JSON.stringify(shape)} vs ${JSON.stringify(dims)}`, () => {
      const declared: TensorSpec = { name: "Y", dtype: "float32" };
      if (shape !== undefined) declared.shape = shape;
      equal(shapeMismatch(declared, dims, names, batch) === undefined, ok);
    });
  }
  equal(
    shapeMismatch({ name: "Y", dtype: "float32", shape: [1, 3] }, [1, 4], names, 1),
    "output Y has shape [1, 4], declared [1, 3]",
  );
});
