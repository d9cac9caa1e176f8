/**
 * Classify a project's imports against its declared dependencies, like deptry: missing, unused,
 * development-only dependencies used at run time, and undeclared imports in tests and scripts.
 * @module
 */
import type { Declared } from "./declared.ts";
import { distributionCandidates, type ImportNames, normalizeName } from "./distributions.ts";
import type { FileRole } from "./layout.ts";
import type { Requirement } from "./requirements.ts";
import type { ImportRecord } from "./scan.ts";

/** A place where a module is imported. */
export interface ImportSite {
  file: string;
  line: number;
}

/** A third-party top-level module and every place it is imported. */
export interface ImportProblem {
  /** Top-level import name, e.g. `tenacity`. */
  module: string;
  sites: ImportSite[];
}

/** The result of the classification. */
export interface DepsClassification {
  /** Imported by shipped code, declared nowhere. */
  missing: ImportProblem[];
  /** Imported by shipped code, declared only as a development dependency. */
  devOnly: ImportProblem[];
  /** Imported by tests or scripts, declared nowhere. */
  undeclared: ImportProblem[];
  /** Required runtime dependencies that nothing imports. */
  unused: Requirement[];
}

/** What the classification needs. */
export interface ClassifyInput {
  imports: readonly ImportRecord[];
  /** Role of each scanned file (files not listed count as `other`). */
  roles: ReadonlyMap<string, FileRole>;
  declared: Declared;
  /** The interpreter's standard library names. */
  stdlib: ReadonlySet<string>;
  /** Whether a top-level name imported in a file is the project's own code. */
  isLocal: (name: string, file: string) => boolean;
  /** The project's own distribution name (a self-reference is never a dependency). */
  projectName?: string;
  /** Import name → distributions, from the installed environment (else the static table only). */
  importNames?: ImportNames;
}

function names(requirements: readonly Requirement[]): Set<string> {
  return new Set(requirements.map((r) => normalizeName(r.name)));
}

/** Distributions that install no importable module of their own name: never reported as unused. */
function importless(name: string): boolean {
  return /^types-|-stubs$/.test(normalizeName(name));
}

function group(records: readonly ImportRecord[]): ImportProblem[] {
  const byModule = new Map<string, ImportSite[]>();
  for (const r of records) {
    const sites = byModule.get(r.top) ?? [];
    sites.push({ file: r.file, line: r.line });
    byModule.set(r.top, sites);
  }
  return [...byModule].sort(([a], [b]) => a.localeCompare(b)).map(([module, sites]) => ({
    module,
    sites,
  }));
}

/**
 * Classify `input.imports`. Optional imports (guarded by `except ImportError`, a version or platform
 * test, or `TYPE_CHECKING`) are never missing, but they do count as uses of a declared dependency.
 * A fallback (imported in an `except ImportError:` handler) is needed only when none of its
 * alternatives (what the `try` imported) is in the standard library, first-party or declared.
 *
 * @example
 * ```ts
 * import { classifyDependencies } from "./classify.ts";
 * const c = classifyDependencies({
 *   imports: [{ module: "tenacity", top: "tenacity", file: "p/a.py", line: 1, optional: false, typeChecking: false }],
 *   roles: new Map([["p/a.py", "runtime"]]),
 *   declared: { runtime: [{ name: "requests", raw: "requests", source: "pyproject.toml" }], optional: [], dev: [] },
 *   stdlib: new Set(["os"]),
 *   isLocal: () => false,
 * });
 * c.missing[0]?.module; // "tenacity"
 * ```
 */
export function classifyDependencies(input: ClassifyInput): DepsClassification {
  const runtime = new Set([...names(input.declared.runtime), ...names(input.declared.optional)]);
  const dev = names(input.declared.dev);
  const self = input.projectName ? normalizeName(input.projectName) : undefined;
  const candidates = (module: string) => distributionCandidates(module, input.importNames);
  const declaredIn = (set: Set<string>, r: Pick<ImportRecord, "module">) =>
    candidates(r.module).some((c) => set.has(c) || c === self);
  const available = (top: string, file: string) =>
    input.stdlib.has(top) || input.isLocal(top, file) || declaredIn(runtime, { module: top }) ||
    declaredIn(dev, { module: top });
  const thirdParty = input.imports.filter((r) =>
    !input.stdlib.has(r.top) && !input.isLocal(r.top, r.file)
  );
  const required = thirdParty.filter((r) =>
    !r.optional && !r.typeChecking && !r.alternatives.some((top) => available(top, r.file))
  );
  const shipped = required.filter((r) => input.roles.get(r.file) === "runtime");
  const elsewhere = required.filter((r) => input.roles.get(r.file) !== "runtime");
  const used = new Set(thirdParty.flatMap((r) => candidates(r.module)));
  return {
    missing: group(shipped.filter((r) => !declaredIn(runtime, r) && !declaredIn(dev, r))),
    devOnly: group(shipped.filter((r) => !declaredIn(runtime, r) && declaredIn(dev, r))),
    undeclared: group(
      elsewhere.filter((r) => !declaredIn(runtime, r) && !declaredIn(dev, r)),
    ),
    unused: input.declared.runtime.filter((r, index, all) => {
      const name = normalizeName(r.name);
      const first = all.findIndex((o) => normalizeName(o.name) === name) === index;
      return first && !used.has(name) && !importless(r.name) && name !== self;
    }),
  };
}
