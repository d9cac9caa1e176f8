/**
 * The dependencies a project declares, merged from every manifest it has.
 * @module
 */
import type { Pyproject } from "./pyproject.ts";
import type { Requirement } from "./requirements.ts";
import { isDevName, requirementName } from "./requirements.ts";
import type { SetupCfg } from "./setup_cfg.ts";
import type { SetupPyScan } from "./scan.ts";

/** Declared dependencies by role. */
export interface Declared {
  /** Required at run time. */
  runtime: Requirement[];
  /** Optional at run time (extras that are not development groups). */
  optional: Requirement[];
  /** Development only: test/dev/lint/docs extras and groups, dev requirements files, tests_require. */
  dev: Requirement[];
}

/** A requirements file as read, with whether it is a development file. */
export interface RequirementsSource {
  path: string;
  requirements: Requirement[];
  dev: boolean;
}

/** The manifests of one project, as parsed. */
export interface DeclaredInputs {
  pyproject?: Pyproject;
  setupCfg?: SetupCfg;
  setupPy?: SetupPyScan;
  requirements?: readonly RequirementsSource[];
}

function fromSpecs(specs: readonly string[], source: string): Requirement[] {
  return specs.flatMap((raw) => {
    const name = requirementName(raw);
    return name === undefined ? [] : [{ name, raw, source }];
  });
}

function split(
  groups: Record<string, Requirement[]>,
): { optional: Requirement[]; dev: Requirement[] } {
  const entries = Object.entries(groups);
  return {
    optional: entries.filter(([g]) => !isDevName(g)).flatMap(([, r]) => r),
    dev: entries.filter(([g]) => isDevName(g)).flatMap(([, r]) => r),
  };
}

/**
 * Merge every manifest's declarations. `setupPySource` is the path recorded on requirements read
 * from `setup.py`.
 */
export function collectDeclared(inputs: DeclaredInputs, setupPySource = "setup.py"): Declared {
  const declared: Declared = { runtime: [], optional: [], dev: [] };
  const add = (d: Partial<Declared>) => {
    declared.runtime.push(...d.runtime ?? []);
    declared.optional.push(...d.optional ?? []);
    declared.dev.push(...d.dev ?? []);
  };
  for (const manifest of [inputs.pyproject, inputs.setupCfg]) {
    if (!manifest) continue;
    add({ runtime: manifest.dependencies, ...split(manifest.optional) });
    add({ dev: Object.values(manifest.dev).flat() });
  }
  const setupPy = inputs.setupPy;
  if (setupPy?.readable) {
    const extras = Object.fromEntries(
      Object.entries(setupPy.extrasRequire).map(([k, v]) => [k, fromSpecs(v, setupPySource)]),
    );
    add({ runtime: fromSpecs(setupPy.installRequires, setupPySource), ...split(extras) });
    add({ dev: fromSpecs(setupPy.testsRequire, setupPySource) });
  }
  for (const file of inputs.requirements ?? []) {
    add(file.dev ? { dev: file.requirements } : { runtime: file.requirements });
  }
  return declared;
}
