/**
 * The inventory of an ONNX model, read from its protobuf without running anything: IR version,
 * opset imports, producer, inputs and outputs with dtypes and shapes (symbolic dims by name), node
 * and op-type counts, initializers and their bytes, and external-data references. Pure.
 * @module
 */
import { onnx } from "./proto.ts";

/** One dimension: a size, a symbolic name, or unknown (`null`). */
export type Dim = number | string | null;

/** A graph input or output: its name, element type (onnxruntime's name) and shape. */
export interface TensorSpec {
  name: string;
  /** `float32`, `int64`, … or `unsupported:<N>` for a type synthetic inputs cannot be built for. */
  dtype: string;
  /** Undefined when the model declares no shape. */
  shape?: Dim[];
}

/** An opset the model imports (`""` is the default `ai.onnx` domain). */
export interface Opset {
  domain: string;
  version: number;
}

/** A tensor whose data lies in another file. */
export interface ExternalRef {
  tensor: string;
  /** The file, relative to the model's folder. */
  location: string;
}

/** What a model declares, read from its protobuf. */
export interface Inventory {
  irVersion: number;
  opsets: Opset[];
  producer: string;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  /** Nodes of the main graph (subgraphs of If/Loop not counted). */
  nodes: number;
  /** Op type → node count; ops of a non-default domain are `domain:Op`. */
  ops: Record<string, number>;
  initializers: number;
  /** Bytes of initializer data, inline or external. */
  initializerBytes: number;
  externalData: ExternalRef[];
}

const DTYPES: Record<number, [string, number]> = {
  1: ["float32", 4],
  2: ["uint8", 1],
  3: ["int8", 1],
  4: ["uint16", 2],
  5: ["int16", 2],
  6: ["int32", 4],
  7: ["int64", 8],
  8: ["string", 0],
  9: ["bool", 1],
  10: ["float16", 2],
  11: ["float64", 8],
  12: ["uint32", 4],
  13: ["uint64", 8],
  14: ["complex64", 8],
  15: ["complex128", 16],
  16: ["bfloat16", 2],
};

/** Element types onnxruntime-node can build a tensor of. */
const FEEDABLE = new Set([
  "float32",
  "uint8",
  "int8",
  "uint16",
  "int16",
  "int32",
  "int64",
  "string",
  "bool",
  "float16",
  "float64",
  "uint32",
  "uint64",
]);

/** The plain-object form of the parts of the schema read here (longs as numbers). */
interface PlainDim {
  dimValue?: number;
  dimParam?: string;
}
interface PlainValueInfo {
  name?: string;
  type?: { tensorType?: { elemType?: number; shape?: { dim?: PlainDim[] } } };
}
interface PlainTensor {
  name?: string;
  dims?: number[];
  dataType?: number;
  rawData?: ArrayLike<number>;
  stringData?: ArrayLike<number>[];
  dataLocation?: number;
  externalData?: Array<{ key?: string; value?: string }>;
}
interface PlainModel {
  irVersion?: number;
  producerName?: string;
  producerVersion?: string;
  opsetImport?: Array<{ domain?: string; version?: number }>;
  graph?: {
    node?: Array<{ opType?: string; domain?: string }>;
    initializer?: PlainTensor[];
    input?: PlainValueInfo[];
    output?: PlainValueInfo[];
  };
}

/** onnxruntime's name of an ONNX element type; `unsupported:<N>` where it has none. */
export function dtypeName(elemType: number): string {
  const name = DTYPES[elemType]?.[0];
  return name !== undefined && FEEDABLE.has(name) ? name : `unsupported:${elemType}`;
}

function spec(info: PlainValueInfo): TensorSpec {
  const tensor = info.type?.tensorType;
  const out: TensorSpec = { name: info.name ?? "", dtype: dtypeName(tensor?.elemType ?? 0) };
  const dims = tensor?.shape?.dim;
  if (dims !== undefined) {
    out.shape = dims.map((d) =>
      d.dimValue !== undefined ? d.dimValue : d.dimParam !== undefined ? d.dimParam : null
    );
  }
  return out;
}

function external(t: PlainTensor): string | undefined {
  if (t.dataLocation !== onnx.TensorProto.DataLocation.EXTERNAL) return undefined;
  return t.externalData?.find((e) => e.key === "location")?.value ?? "";
}

function tensorBytes(t: PlainTensor): number {
  const length = t.externalData?.find((e) => e.key === "length")?.value;
  if (external(t) !== undefined && length !== undefined && /^\d+$/.test(length)) {
    return Number(length);
  }
  if (t.rawData !== undefined && t.rawData.length > 0) return t.rawData.length;
  if (t.stringData !== undefined) return t.stringData.reduce((n, s) => n + s.length, 0);
  const elements = (t.dims ?? []).reduce((n, d) => n * d, 1);
  return elements * (DTYPES[t.dataType ?? 0]?.[1] ?? 0);
}

/**
 * Read the inventory of the model in `bytes`. Throws a `TypeError` ("Cannot parse model: …")
 * when the bytes are not an ONNX model: not protobuf, or a message without a graph.
 *
 * @example
 * ```ts
 * import { readInventory } from "./inventory.ts";
 * const bytes = await Deno.readFile(new URL("../../fixtures/onnx/tiny.onnx", import.meta.url));
 * readInventory(bytes).ops; // { MatMul: 1, Add: 1 }
 * ```
 */
export function readInventory(bytes: Uint8Array): Inventory {
  let model: PlainModel;
  try {
    const message = onnx.ModelProto.decode(bytes);
    model = onnx.ModelProto.toObject(message, { longs: Number, enums: Number }) as PlainModel;
  } catch (error) {
    throw new TypeError(`Cannot parse model: ${(error as Error).message}`);
  }
  const graph = model.graph;
  if (graph === undefined || !(model.irVersion! > 0)) {
    throw new TypeError("Cannot parse model: no graph and IR version (not an ONNX model)");
  }
  const initializers = graph.initializer ?? [];
  const initialized = new Set(initializers.map((t) => t.name));
  const ops: Record<string, number> = {};
  for (const node of graph.node ?? []) {
    const domain = node.domain ?? "";
    const op = domain === "" || domain === "ai.onnx"
      ? node.opType ?? ""
      : `${domain}:${node.opType ?? ""}`;
    ops[op] = (ops[op] ?? 0) + 1;
  }
  const externalData: ExternalRef[] = [];
  for (const t of initializers) {
    const location = external(t);
    if (location !== undefined) externalData.push({ tensor: t.name ?? "", location });
  }
  return {
    irVersion: model.irVersion ?? 0,
    opsets: (model.opsetImport ?? []).map((o) => ({
      domain: o.domain ?? "",
      version: o.version ?? 0,
    })),
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(" "),
    // Before IR 4, initializers were listed among the inputs too; they are not fed.
    inputs: (graph.input ?? []).filter((i) => !initialized.has(i.name)).map(spec),
    outputs: (graph.output ?? []).map(spec),
    nodes: graph.node?.length ?? 0,
    ops,
    initializers: initializers.length,
    initializerBytes: initializers.reduce((n, t) => n + tensorBytes(t), 0),
    externalData,
  };
}
