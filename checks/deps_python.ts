/**
 * deps.python: do the declared dependencies cover what the code imports? Static: the manifests are
 * read here, the imports by `scan_imports.py` (Python's `ast`, nothing executed) run through the
 * executor. When install.python made an environment, its interpreter runs the scan (so the standard
 * library is the project's) and its metadata says which distribution installs which import name;
 * without one, the machine's python3 and the static table are used.
 * @module
 */
import { join } from "node:path";
import { readProbeFile } from "../src/safe_read.ts";
import type { Check, CheckContext, CheckOutcome, Finding } from "../src/check.ts";
import { classifyDependencies } from "../src/python/classify.ts";
import { collectDeclared } from "../src/python/declared.ts";
import { depsOutcome } from "../src/python/deps_outcome.ts";
import {
  IMPORT_NAMES_SCRIPT,
  type ImportNames,
  parseImportNames,
} from "../src/python/distributions.ts";
import { INSTALL_CHECK, type PythonEnv, pythonEnvOf } from "../src/python/env.ts";
import { localImports, pythonLayout } from "../src/python/layout.ts";
import { type Manifests, readManifests } from "../src/python/manifests.ts";
import { failureLine } from "../src/python/output.ts";
import { parseScanOutput, type ScanRequest, scanScript } from "../src/python/scan.ts";

const SCAN_TIMEOUT_MS = 120_000;
const IMPORT_NAMES_TIMEOUT_MS = 60_000;

/** The environment's import names, or undefined when its probe did not finish. */
async function installedImportNames(
  ctx: CheckContext,
  env: PythonEnv,
): Promise<ImportNames | undefined> {
  const probe = await ctx.exec([env.python, "-c", IMPORT_NAMES_SCRIPT], {
    timeoutMs: IMPORT_NAMES_TIMEOUT_MS,
  });
  if (probe.evidence.exitCode !== 0) return undefined;
  return parseImportNames(await readProbeFile(probe.stdoutPath));
}

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const { facts } = ctx;
  const found = pythonEnvOf(ctx, false);
  const env = typeof found === "string" ? undefined : found;
  // The scan script needs Python 3; a Python 2 environment is scanned by the machine's python3.
  const python = env && !env.interpreter?.version.startsWith("2.")
    ? { path: env.python }
    : facts.interpreters.python;
  let manifests: Manifests;
  try {
    manifests = await readManifests(facts.root, facts.manifests);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    const where = /^Cannot parse ([^:]+):(\d+):/.exec(error.message);
    const finding: Finding = where
      ? { message: error.message, file: where[1] as string, line: Number(where[2]) }
      : { message: error.message };
    return { status: "error", summary: error.message, findings: [finding] };
  }
  if (!python) {
    return { status: "unverified", summary: "No Python interpreter was found to scan the imports" };
  }
  const layout = pythonLayout(facts.files);
  const dir = await ctx.tempDir("scan");
  const script = join(dir, "scan_imports.py");
  const request: ScanRequest = {
    root: facts.root,
    files: layout.sources.map((s) => s.path),
    setup: layout.setupPy ?? null,
  };
  await Deno.writeTextFile(script, await scanScript());
  await Deno.writeTextFile(join(dir, "request.json"), JSON.stringify(request));
  const scan = await ctx.exec([python.path, script, join(dir, "request.json")], {
    timeoutMs: SCAN_TIMEOUT_MS,
  });
  const e = scan.evidence;
  if (e.exitCode !== 0) {
    return { status: "error", summary: `Cannot scan the imports: ${failureLine(e)}` };
  }
  const result = parseScanOutput(await readProbeFile(scan.stdoutPath));
  const importNames = env ? await installedImportNames(ctx, env) : undefined;
  const notes: Finding[] = [];
  if (result.setup && !result.setup.readable) {
    notes.push({
      message: `setup.py's requirements could not be read statically (${
        result.setup.reason ?? ""
      })`,
      file: "setup.py",
    });
  }
  const declared = collectDeclared({
    ...manifests,
    ...(result.setup ? { setupPy: result.setup } : {}),
  });
  const declaresNothing =
    declared.runtime.length + declared.optional.length + declared.dev.length === 0;
  if (declaresNothing && notes.length > 0) {
    return {
      status: "unverified",
      summary: "The declared dependencies could not be read: setup.py is not statically readable",
      findings: notes,
    };
  }
  const classification = classifyDependencies({
    imports: result.imports,
    roles: new Map(layout.sources.map((s) => [s.path, s.role])),
    declared,
    stdlib: new Set(result.stdlib),
    isLocal: localImports(layout, facts.files),
    ...(manifests.pyproject?.name ? { projectName: manifests.pyproject.name } : {}),
    ...(importNames ? { importNames } : {}),
  });
  return depsOutcome({
    classification,
    parseErrors: result.parseErrors,
    notes,
    evidence: scan.index,
    installedNames: importNames !== undefined,
  });
}

/** deps.python: missing, unused and development-only dependencies of a Python project. */
export const depsPython: Check = {
  id: "deps.python",
  category: "deps",
  needs: [INSTALL_CHECK],
  applies: (facts) => facts.ecosystems.includes("python"),
  run,
};
