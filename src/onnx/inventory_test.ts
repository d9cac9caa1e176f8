import { deepStrictEqual, equal, throws } from "node:assert/strict";
import { defaultOpset } from "./evaluate.ts";
import { dtypeName, readInventory } from "./inventory.ts";
import { onnx } from "./proto.ts";

const fixture = (name: string) =>
  Deno.readFile(new URL(`../../fixtures/onnx/${name}`, import.meta.url));

Deno.test("readInventory() reads the tiny model's graph, ops and initializers", async () => {
  const inv = readInventory(await fixture("tiny.onnx"));
  deepStrictEqual(inv, {
    irVersion: 8,
    opsets: [{ domain: "", version: 17 }],
    producer: "claimcheck-fixtures 1",
    inputs: [{ name: "X", dtype: "float32", shape: [1, 4] }],
    outputs: [{ name: "Y", dtype: "float32", shape: [1, 3] }],
    nodes: 2,
    ops: { MatMul: 1, Add: 1 },
    initializers: 2,
    initializerBytes: 12 * 4 + 3 * 4,
    externalData: [],
  });
  equal(defaultOpset(inv), 17);
});

Deno.test("readInventory() names symbolic dims, custom domains and external data", async () => {
  deepStrictEqual(readInventory(await fixture("dynamic_batch.onnx")).inputs[0]?.shape, [
    "batch",
    4,
  ]);
  const custom = readInventory(await fixture("custom_op.onnx"));
  deepStrictEqual(custom.ops, { Relu: 1, "com.example.custom:Frobnicate": 1 });
  const external = readInventory(await fixture("external_missing.onnx"));
  deepStrictEqual(external.externalData, [{ tensor: "W", location: "weights.bin" }]);
  equal(external.initializerBytes, 48);
});

Deno.test("readInventory() throws a TypeError on bytes that are not a model", async (t) => {
  for (const name of ["truncated.onnx", "random.onnx"]) {
    await t.step(name, async () => {
      const bytes = await fixture(name);
      throws(
        () => readInventory(bytes),
        (e) => e instanceof TypeError && /^Cannot parse model: /.test(e.message),
      );
    });
  }
  await t.step("an empty message", () => {
    throws(() => readInventory(new Uint8Array()), /no graph and IR version/);
  });
});

Deno.test("readInventory() leaves out initializers listed among the inputs (IR < 4)", () => {
  const bytes = onnx.ModelProto.encode({
    irVersion: 3,
    opsetImport: [{ version: 8 }],
    graph: {
      node: [{ opType: "Add", input: ["X", "B"], output: ["Y"] }],
      initializer: [{ name: "B", dims: [2], dataType: 1, rawData: new Uint8Array(8) }],
      input: [{ name: "X" }, { name: "B" }],
      output: [{ name: "Y" }],
    },
  }).finish();
  const inv = readInventory(bytes);
  deepStrictEqual(inv.inputs, [{ name: "X", dtype: "unsupported:0" }]);
  equal(inv.initializerBytes, 8);
});

Deno.test("dtypeName() maps ONNX element types to onnxruntime's names", () => {
  const rows: Array<[number, string]> = [
    [1, "float32"],
    [7, "int64"],
    [9, "bool"],
    [10, "float16"],
    [11, "float64"],
    [14, "unsupported:14"],
    [16, "unsupported:16"],
    [99, "unsupported:99"],
  ];
  for (const [type, name] of rows) equal(dtypeName(type), name);
});
