/**
 * Retrying a layer whose pip call failed because the index lacks a requirement: the layer without
 * it (or, for a test or development tool, with its pin relaxed to a version the index has), and
 * what was left out. Pure.
 * @module
 */
import { compare, explain, valid } from "@renovatebot/pep440";
import { isRelaxed, type LeftOut, RELAXED_REASON } from "./env.ts";
import { type Layer, type LayerRequirement, normalName } from "./install_plan.ts";
import type { MissingRequirement } from "./pip_failure.ts";
import { requirementName } from "./requirements.ts";

/** At most this many retries per layer. */
export const MAX_RETRIES = 8;

/** The next attempt: the changed layer and what it leaves out or relaxes. */
export interface Retry {
  layer: Layer;
  leftOut: LeftOut[];
}

const EXACT_PIN = /^([A-Za-z0-9][\w.-]*)(\[[^\]]*\])?\s*===?\s*([^\s;,*]+)\s*(;.*)?$/;

/**
 * The version of `available` nearest to `pinned`: the lowest one above it, else the highest below;
 * pre-releases only when the pin is one. Undefined when none is a valid version.
 *
 * @example
 * ```ts
 * import { nearestVersion } from "./layer_retry.ts";
 * nearestVersion("7.0.1", ["6.5.0", "7.6.4", "7.16.2"]); // "7.6.4"
 * ```
 */
export function nearestVersion(pinned: string, available: readonly string[]): string | undefined {
  const pre = explain(pinned)?.is_prerelease ?? false;
  const candidates = available.filter((v) => valid(v) && (pre || !explain(v)?.is_prerelease))
    .sort(compare);
  if (!valid(pinned)) return candidates.at(-1);
  return candidates.find((v) => compare(v, pinned) >= 0) ?? candidates.at(-1);
}

/** Who wanted a requirement, as a report line names it: `extra \`solvers\``, `test layer (tox.ini deps)`. */
export function wantedByLabel(layer: Layer, requirement: LayerRequirement): string {
  if (layer.kind === "extra" || layer.kind === "backend" || layer.kind === "tools") {
    return layer.name;
  }
  return `${layer.name} (${requirement.wantedBy})`;
}

/** One left-out line: "left out: fancysolver>=2, wanted by extra `solvers`: not on the configured index". */
export function leftOutLine(entry: LeftOut): string {
  return isRelaxed(entry)
    ? `relaxed ${entry.requirement} ${
      entry.reason.slice("relaxed ".length)
    } (wanted by ${entry.layer})`
    : `left out: ${entry.requirement}, wanted by ${entry.layer}: ${entry.reason}`;
}

function nameOf(spec: string | undefined): string | undefined {
  const name = spec === undefined ? undefined : requirementName(spec);
  return name === undefined ? undefined : normalName(name);
}

function findIn(list: readonly LayerRequirement[], names: readonly string[]) {
  for (const name of names) {
    const found = list.find((r) => nameOf(r.requirement) === name);
    if (found) return found;
  }
  return undefined;
}

/** The layer with the requirement that explains `missing` listed directly (expanding the project or a file). */
function exposing(layer: Layer, names: readonly string[]): Layer | undefined {
  if (findIn(layer.requirements, names)) return layer;
  if (layer.project && !layer.project.noDeps && findIn(layer.project.dependencies, names)) {
    return {
      ...layer,
      project: { ...layer.project, noDeps: true },
      requirements: [...layer.project.dependencies, ...layer.requirements],
    };
  }
  const file = layer.requirementsFiles.find((f) => findIn(layer.fileRequirements[f] ?? [], names));
  if (file !== undefined) return expandFiles(layer, [file]);
  return undefined;
}

/** The layer with `files` replaced by their own lines (what they include is left to its own layer). */
function expandFiles(layer: Layer, files: readonly string[]): Layer {
  return {
    ...layer,
    requirementsFiles: layer.requirementsFiles.filter((f) => !files.includes(f)),
    requirements: [...layer.requirements, ...files.flatMap((f) => layer.fileRequirements[f] ?? [])],
  };
}

/** A relaxed form of a test tool's requirement that the index can satisfy, with the reason. */
function relaxed(
  requirement: string,
  missing: MissingRequirement,
): { requirement: string; reason: string } | undefined {
  if (missing.versions.length === 0) return undefined;
  const pin = EXACT_PIN.exec(requirement.trim());
  if (pin) {
    const [, name, extras = "", version = "", marker = ""] = pin;
    const nearest = nearestVersion(version, missing.versions);
    if (nearest === undefined) return undefined;
    return {
      requirement: `${name}${extras}==${nearest}${marker ? ` ${marker}` : ""}`,
      reason: `${RELAXED_REASON} ${nearest}: ${version} is not on the index`,
    };
  }
  const name = requirementName(requirement);
  if (name === undefined || name.length === requirement.trim().length) return undefined;
  return {
    requirement: name,
    reason: `${RELAXED_REASON} any version (${
      missing.versions.at(-1)
    }): no version on the index satisfies it`,
  };
}

/**
 * The next attempt after pip could not find `missing`: each missing requirement is traced to the
 * layer's own requirement (itself, or the one pip says pulled it in), listing the project's
 * dependencies or a requirements file's lines directly when that is where it sits; that
 * requirement is then relaxed (a test or development tool whose version the index lacks, relaxed
 * once) or left out. Undefined when a missing requirement cannot be traced.
 */
export function retryWithout(
  layer: Layer,
  missing: readonly MissingRequirement[],
): Retry | undefined {
  if (missing.length === 0) return undefined;
  let current = layer;
  const leftOut: LeftOut[] = [];
  for (const m of missing) {
    const names = [nameOf(m.requirement), nameOf(m.from)].filter((n): n is string => !!n);
    const next = exposing(current, names);
    const target = next && findIn(next.requirements, names);
    if (!next || !target) {
      // Not traceable: it may come from a file another file includes (`-r requirements.txt`,
      // installed by its own layer), or pip did not say which dependency pulled it in: list the
      // files' own lines and the project's dependencies directly, and try again.
      if (leftOut.length > 0) return undefined;
      if (current.requirementsFiles.length > 0) {
        return { layer: expandFiles(current, current.requirementsFiles), leftOut };
      }
      if (current.project && !current.project.noDeps && current.project.dependencies.length > 0) {
        const project = { ...current.project, noDeps: true };
        const requirements = [...current.project.dependencies, ...current.requirements];
        return { layer: { ...current, project, requirements }, leftOut };
      }
      return undefined;
    }
    const direct = nameOf(target.requirement) === nameOf(m.requirement);
    const label = wantedByLabel(next, target);
    const relax = direct && next.relaxPins && !target.relaxed
      ? relaxed(target.requirement, m)
      : undefined;
    const others = next.requirements.filter((r) => r !== target);
    if (relax) {
      leftOut.push({ requirement: target.requirement, layer: label, reason: relax.reason });
      const replacement = { ...target, requirement: relax.requirement, relaxed: true };
      current = { ...next, requirements: [...others, replacement] };
    } else {
      const reason = direct
        ? "not on the configured index"
        : `needs ${m.requirement}, which is not on the configured index`;
      leftOut.push({ requirement: target.requirement, layer: label, reason });
      current = { ...next, requirements: others };
    }
  }
  return { layer: current, leftOut };
}
