/**
 * The ONNX protobuf schema (onnx-proto, a CommonJS package): its runtime namespace and types.
 * @module
 */
import * as cjs from "onnx-proto";

/** The `onnx` namespace of onnx-proto: `onnx.ModelProto.decode()`, `.encode()`, the enums. */
export const onnx: typeof cjs.onnx = (cjs as unknown as { default: typeof cjs }).default.onnx;
export type { onnx as OnnxTypes } from "onnx-proto";
