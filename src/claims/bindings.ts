/**
 * Claim bindings (`claimcheck.json` → `bindings`): which metric a binding's probe reports, and
 * which claims it serves. Shared by the `perf.bindings` check and claim verification so both
 * name a binding's measurement the same way.
 * @module
 */
import type { Binding } from "../config.ts";
import type { Unit } from "../measurement.ts";
import type { Claim } from "./claim.ts";

/** The part of a binding that decides its metric. */
export type BindingKey = Pick<Binding, "claim" | "command" | "file">;

/**
 * Lower-case `phrase`, runs of anything but letters and digits turned into one `-`, trimmed;
 * `"binding"` when nothing is left.
 *
 * @example
 * ```ts
 * import { slug } from "./bindings.ts";
 * slug("Export time (ONNX)"); // "export-time-onnx"
 * ```
 */
export function slug(phrase: string): string {
  const text = phrase.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return text === "" ? "binding" : text;
}

function prefixOf(binding: BindingKey): "perf.command" | "size" {
  return binding.command !== undefined ? "perf.command" : "size";
}

/**
 * The metric a binding's probe reports: the binding's `claim` itself when it already is a key of
 * the right family (`perf.command.*` for a command, `size.*` for a file), else
 * `perf.command.<slug>` or `size.<slug>` of the phrase.
 *
 * @example
 * ```ts
 * import { bindingMetric } from "./bindings.ts";
 * bindingMetric({ claim: "export time", command: ["python", "-m", "pkg.export"] });
 * // "perf.command.export-time"
 * ```
 */
export function bindingMetric(binding: BindingKey): string {
  const prefix = prefixOf(binding);
  return binding.claim.startsWith(`${prefix}.`)
    ? binding.claim
    : `${prefix}.${slug(binding.claim)}`;
}

/** The unit of a binding's measurement: `ms` for a command, `bytes` for a file. */
export function bindingUnit(binding: BindingKey): Unit {
  return binding.command !== undefined ? "ms" : "bytes";
}

/**
 * Whether `binding` serves `claim`: the claim is in the binding's unit and either its text
 * contains the binding's phrase (case-insensitive) or its metric equals the binding's phrase or
 * metric.
 */
export function bindingServes(binding: BindingKey, claim: Claim): boolean {
  if (claim.unit !== bindingUnit(binding)) return false;
  if (claim.metric !== undefined) {
    if (claim.metric === binding.claim || claim.metric === bindingMetric(binding)) return true;
  }
  return claim.text.toLowerCase().includes(binding.claim.toLowerCase());
}
