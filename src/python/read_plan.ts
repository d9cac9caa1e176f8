/**
 * Reading the test plan from a snapshot: the workflow, tox, nox, Makefile, pytest and requirements
 * files are read (regular files only, size-capped); the INI files and noxfiles go through
 * `plan_sources.py` (Python's `configparser` and `ast`, nothing executed) by the executor; then
 * {@link planTests}.
 * @module
 */
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";
import type { CheckContext } from "../check.ts";
import type { Finding } from "../finding.ts";
import { failureLine } from "./output.ts";
import { readProbeFile } from "../safe_read.ts";
import {
  parsePlanSources,
  type PlanSources,
  type PlanSourcesRequest,
  planSourcesScript,
  type SourceText,
} from "./plan_sources.ts";
import { isTestRequirementsFile } from "./test_deps.ts";
import { planTests, type TestPlan, type TextFile } from "./test_plan.ts";
import { legacyToxIni } from "./tox.ts";

/** Largest source file read. */
const MAX_BYTES = 512 * 1024;
/** Most requirements files read. */
const MAX_REQUIREMENTS = 40;
const SCRIPT_TIMEOUT_MS = 60_000;

const INI_FILES = ["tox.ini", "setup.cfg", "pytest.ini", ".pytest.ini"];
const MAKEFILES = ["Makefile", "makefile", "GNUmakefile"];

/** The files of the snapshot that the plan reads, by role. */
export interface PlanFiles {
  workflows: string[];
  ini: string[];
  nox?: string;
  pyproject?: string;
  toxToml?: string;
  pytestToml: string[];
  makefile?: string;
  requirements: string[];
}

/** Pick the plan's files from the snapshot's file list. */
export function planFiles(files: readonly string[]): PlanFiles {
  const has = new Set(files);
  const first = (names: readonly string[]) => names.find((n) => has.has(n));
  const nox = first(["noxfile.py"]);
  const makefile = first(MAKEFILES);
  return {
    workflows: files.filter((f) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(f)),
    ini: INI_FILES.filter((f) => has.has(f)),
    ...(nox ? { nox } : {}),
    ...(has.has("pyproject.toml") ? { pyproject: "pyproject.toml" } : {}),
    ...(has.has("tox.toml") ? { toxToml: "tox.toml" } : {}),
    pytestToml: ["pytest.toml", ".pytest.toml"].filter((f) => has.has(f)),
    ...(makefile ? { makefile } : {}),
    requirements: files.filter((f) =>
      isTestRequirementsFile(f) ||
      (/^(requirements\/)?[^/]*req[^/]*\.(txt|in)$/i.test(f))
    ).slice(0, MAX_REQUIREMENTS),
  };
}

/** A file's text; a problem instead when it is not a regular file inside the root, or too large. */
async function readSource(
  root: string,
  path: string,
  problems: Finding[],
): Promise<TextFile | undefined> {
  const full = join(root, path);
  try {
    const info = await Deno.lstat(full);
    const inside = (await Deno.realPath(full)).startsWith(`${await Deno.realPath(root)}/`);
    if (!info.isFile || !inside) {
      problems.push({
        message: `${path} is not a regular file inside the tree; not read`,
        file: path,
      });
      return undefined;
    }
    if (info.size > MAX_BYTES) {
      problems.push({ message: `${path} is larger than ${MAX_BYTES} bytes; not read`, file: path });
      return undefined;
    }
    return { path, text: new TextDecoder().decode(await Deno.readFile(full)) };
  } catch (error) {
    problems.push({
      message: `${path} could not be read: ${(error as Error).message}`,
      file: path,
    });
    return undefined;
  }
}

/** Run `plan_sources.py` on the INI texts and noxfiles; problems when it cannot. */
async function readWithPython(
  ctx: CheckContext,
  request: PlanSourcesRequest,
  problems: Finding[],
): Promise<PlanSources> {
  const empty = { ini: [], nox: [] };
  if (request.ini.length + request.nox.length === 0) return empty;
  const python = ctx.facts.interpreters.python;
  const names = [...request.ini, ...request.nox].map((s) => s.file).join(", ");
  if (!python) {
    problems.push({ message: `No Python interpreter to read ${names}; left out of the plan` });
    return empty;
  }
  const dir = await ctx.tempDir("plan");
  const script = join(dir, "plan_sources.py");
  await Deno.writeTextFile(script, await planSourcesScript());
  await Deno.writeTextFile(join(dir, "request.json"), JSON.stringify(request));
  const run = await ctx.exec([python.path, script, join(dir, "request.json")], {
    timeoutMs: SCRIPT_TIMEOUT_MS,
  });
  if (run.evidence.exitCode !== 0) {
    problems.push({ message: `Cannot read ${names}: ${failureLine(run.evidence)}` });
    return empty;
  }
  try {
    return parsePlanSources(await readProbeFile(run.stdoutPath));
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    problems.push({ message: error.message });
    return empty;
  }
}

/** pyproject's `legacy_tox_ini`, as an INI text for the script; undefined when absent or not TOML. */
function legacyIni(pyproject: TextFile | undefined): SourceText | undefined {
  if (!pyproject) return undefined;
  try {
    const legacy = legacyToxIni(parseToml(pyproject.text), pyproject.text);
    return legacy && { file: pyproject.path, ...legacy };
  } catch {
    return undefined; // planTests reports the TOML error.
  }
}

/** The test plan of the snapshot in `ctx.facts`; never throws for bad target files. */
export async function readTestPlan(ctx: CheckContext): Promise<TestPlan> {
  const { root, files } = ctx.facts;
  const problems: Finding[] = [];
  const chosen = planFiles(files);
  const read = async (path: string | undefined) =>
    path === undefined ? undefined : await readSource(root, path, problems);
  const all = async (paths: readonly string[]) =>
    (await Promise.all(paths.map(read))).filter((f): f is TextFile => f !== undefined);
  const pyproject = await read(chosen.pyproject);
  const toxToml = await read(chosen.toxToml);
  const makefile = await read(chosen.makefile);
  const pytestToml = await all(chosen.pytestToml);
  const ini = await all(chosen.ini);
  const nox = await all(chosen.nox ? [chosen.nox] : []);
  const legacy = legacyIni(pyproject);
  const sources = await readWithPython(ctx, {
    ini: [...ini.map((f) => ({ file: f.path, text: f.text })), ...(legacy ? [legacy] : [])],
    nox: nox.map((f) => ({ file: f.path, text: f.text })),
  }, problems);
  const installable = files.some((f) =>
    f === "pyproject.toml" || f === "setup.py" || f === "setup.cfg"
  );
  const workflows = await all(chosen.workflows);
  const requirements = await all(chosen.requirements);
  try {
    return planTests({
      files,
      workflows,
      ...(pyproject ? { pyproject } : {}),
      ...(toxToml ? { toxToml } : {}),
      ...(makefile ? { makefile } : {}),
      pytestToml,
      requirements,
      ini: sources.ini,
      nox: sources.nox,
      problems,
      installable,
    });
  } catch (error) {
    // A file the planner cannot handle must not stop the audit: fall back to the default plan.
    const message = `Cannot read the test plan: ${(error as Error).message}`;
    return planTests({
      files,
      workflows: [],
      requirements: [],
      ini: [],
      nox: [],
      problems: [...problems, { message }],
      installable,
    });
  }
}
