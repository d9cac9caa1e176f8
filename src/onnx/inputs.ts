/**
 * Synthetic inputs: concrete shapes for a model's declared inputs (a symbolic leading dimension
 * becomes the batch size, any other symbolic or unknown dimension 1), and the check of an
 * output's shape against its declaration. Pure.
 * @module
 */
import type { Dim, TensorSpec } from "./inventory.ts";

/** One input to build: its name, element type and concrete dims. */
export interface InputPlan {
  name: string;
  dtype: string;
  dims: number[];
}

/** The batch sizes a symbolic batch dimension is tried with. */
export const BATCH_SIZES: readonly number[] = [1, 4];

function concrete(dim: Dim, leading: boolean, batch: number): number {
  if (typeof dim === "number" && dim > 0) return dim;
  return leading ? batch : 1;
}

/**
 * The inputs to feed for `batch`. Throws a `TypeError` naming the first input whose element type
 * no synthetic tensor can be built for.
 *
 * @example
 * ```ts
 * import { planInputs } from "./inputs.ts";
 * planInputs([{ name: "X", dtype: "float32", shape: ["batch", 4] }], 4)[0]?.dims; // [4, 4]
 * ```
 */
export function planInputs(inputs: readonly TensorSpec[], batch = 1): InputPlan[] {
  return inputs.map((input) => {
    if (input.dtype.startsWith("unsupported:")) {
      throw new TypeError(
        `Cannot build input ${input.name}: element type ${input.dtype.slice(12)} is not supported`,
      );
    }
    const dims = (input.shape ?? []).map((d, i) => concrete(d, i === 0, batch));
    return { name: input.name, dtype: input.dtype, dims };
  });
}

/** Whether some input's leading dimension is symbolic (named or unknown): a batch dimension. */
export function hasSymbolicBatch(inputs: readonly TensorSpec[]): boolean {
  return inputs.some((i) =>
    i.shape !== undefined && i.shape.length > 0 &&
    typeof i.shape[0] !== "number"
  );
}

/**
 * Why an output of `dims` does not match its declared shape, or undefined when it does: the rank
 * and every fixed size must agree; a symbolic dimension named like an input's batch dimension
 * must equal `batch`; any other symbolic dimension may take any size.
 */
export function shapeMismatch(
  declared: TensorSpec,
  dims: readonly number[],
  batchNames: ReadonlySet<string>,
  batch: number,
): string | undefined {
  const shape = declared.shape;
  if (shape === undefined) return undefined;
  const show = (d: readonly unknown[]) => `[${d.map((x) => x ?? "?").join(", ")}]`;
  const why = `output ${declared.name} has shape ${show(dims)}, declared ${show(shape)}`;
  if (shape.length !== dims.length) return why;
  const bad = shape.some((d, i) =>
    (typeof d === "number" && d > 0 && d !== dims[i]) ||
    (typeof d === "string" && batchNames.has(d) && dims[i] !== batch)
  );
  return bad ? why : undefined;
}

/** The names of the symbolic leading dimensions of `inputs`. */
export function batchNames(inputs: readonly TensorSpec[]): Set<string> {
  return new Set(inputs.flatMap((i) => typeof i.shape?.[0] === "string" ? [i.shape[0]] : []));
}
