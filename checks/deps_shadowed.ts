/**
 * deps.shadowed: files and packages on the import path (root, `src/`, the folders pytest inserts
 * for tests) named like a standard-library or installed third-party module. The names come from the
 * project's environment (`module_names.py` through the executor), else the machine's python3 (the
 * standard library only).
 * @module
 */
import type { Check, CheckContext, CheckOutcome } from "../src/check.ts";
import { runScript } from "../src/integrity/run_script.ts";
import {
  evaluateShadowed,
  findShadowing,
  importPathDirs,
  ModuleNamesSchema,
  shadowCandidates,
} from "../src/integrity/shadowing.ts";
import { INSTALL_CHECK, pythonEnvOf } from "../src/python/env.ts";
import { pythonLayout } from "../src/python/layout.ts";
import { readManifests } from "../src/python/manifests.ts";

const NAMES_TIMEOUT_MS = 60_000;

async function projectName(ctx: CheckContext): Promise<string | null> {
  try {
    return (await readManifests(ctx.facts.root, ctx.facts.manifests)).pyproject?.name ?? null;
  } catch {
    return null;
  }
}

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const { facts } = ctx;
  const env = pythonEnvOf(ctx, false);
  const python = typeof env === "string" ? facts.interpreters.python?.path : env.python;
  if (python === undefined) {
    return {
      status: "unverified",
      summary: "No Python interpreter was found to list module names",
    };
  }
  const names = await runScript(ctx, {
    python,
    script: "module_names.py",
    helpers: [new URL("../src/python/scan_imports.py", import.meta.url)],
    request: { project: await projectName(ctx) },
    schema: ModuleNamesSchema,
    timeoutMs: NAMES_TIMEOUT_MS,
    doing: "list the module names",
  });
  if ("failure" in names) return names.failure;
  const candidates = shadowCandidates(facts.files, importPathDirs(facts.files));
  const layout = pythonLayout(facts.files);
  const firstParty = new Set([...layout.packages, ...layout.modules]);
  // Without the project's environment, the machine's installed packages say nothing about it.
  const known = typeof env === "string" ? { ...names.value, distributions: null } : names.value;
  const found = findShadowing(candidates, known, firstParty);
  const thirdParty = typeof env === "string"
    ? env
    : names.value.distributions === null
    ? "the environment's Python has no importlib.metadata"
    : undefined;
  return evaluateShadowed(found, candidates.length, names.evidence, thirdParty);
}

/** deps.shadowed: modules on the import path that hide a standard-library or installed module. */
export const depsShadowed: Check = {
  id: "deps.shadowed",
  category: "docs",
  needs: [INSTALL_CHECK],
  applies: (facts) => facts.ecosystems.includes("python"),
  run,
};
