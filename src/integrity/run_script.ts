/**
 * Running one of the integrity analysis scripts (Python's `ast`, nothing of the target executed)
 * through the sandboxed executor: the script and its request are written to a temporary folder,
 * the JSON it prints is validated.
 * @module
 */
import { join } from "node:path";
import type { z } from "zod";
import type { CheckContext, CheckOutcome } from "../check.ts";
import { pythonLayout } from "../python/layout.ts";
import { failureLine } from "../python/output.ts";
import { readProbeFile } from "../safe_read.ts";

/** What a script run gave: its parsed output and evidence index, or why there is none. */
export type ScriptRun<T> = { value: T; evidence: number } | { failure: CheckOutcome };

/** Inputs of `runScript()`. */
export interface ScriptCall<T> {
  /** The interpreter that runs the script. */
  python: string;
  /** The script's file name beside this module (`vacuous_tests.py`). */
  script: string;
  /**
   * Modules the script imports besides `ast_common.py` (always copied), copied beside it
   * (`scan_imports.py` of `src/python/`).
   */
  helpers?: readonly URL[];
  /** Written as JSON to the request file, the script's one argument. */
  request: unknown;
  schema: z.ZodType<T>;
  timeoutMs: number;
  /** What the probe was doing, for failure summaries ("read the test functions"). */
  doing: string;
}

/**
 * Run `call.script` with `call.python` on a request file; a failed or unreadable run is an
 * `error` outcome naming the first failure line (a script that cannot start: `unverified`).
 */
export async function runScript<T>(ctx: CheckContext, call: ScriptCall<T>): Promise<ScriptRun<T>> {
  const dir = await ctx.tempDir("integrity");
  const script = join(dir, call.script);
  const request = join(dir, "request.json");
  await Deno.writeTextFile(script, await Deno.readTextFile(new URL(call.script, import.meta.url)));
  for (const helper of [new URL("./ast_common.py", import.meta.url), ...call.helpers ?? []]) {
    const name = helper.pathname.split("/").at(-1) as string;
    await Deno.writeTextFile(join(dir, name), await Deno.readTextFile(helper));
  }
  await Deno.writeTextFile(request, JSON.stringify(call.request));
  const run = await ctx.exec([call.python, script, request], { timeoutMs: call.timeoutMs });
  const e = run.evidence;
  if (e.startError !== undefined) {
    return { failure: { status: "unverified", summary: `Cannot ${call.doing}: ${e.startError}` } };
  }
  if (e.exitCode !== 0) {
    return { failure: { status: "error", summary: `Cannot ${call.doing}: ${failureLine(e)}` } };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readProbeFile(run.stdoutPath));
  } catch {
    return {
      failure: { status: "error", summary: `Cannot ${call.doing}: the output is not JSON` },
    };
  }
  const parsed = call.schema.safeParse(raw);
  if (!parsed.success) {
    return {
      failure: { status: "error", summary: `Cannot ${call.doing}: unexpected output shape` },
    };
  }
  return { value: parsed.data, evidence: run.index };
}

/** Inputs of `scanShippedPython()`. */
export interface ShippedScan<T> {
  script: string;
  schema: z.ZodType<T>;
  doing: string;
  /** The verdict on the script's output over `files` shipped files (`evidence`: its index). */
  evaluate: (value: T, files: number, evidence: number) => CheckOutcome;
}

const SCAN_TIMEOUT_MS = 120_000;

/**
 * Run an analysis script over the shipped Python files (not tests, examples or tool scripts) with
 * the newest interpreter on the machine: `unverified` without one, `skip` without shipped files.
 */
export async function scanShippedPython<T>(
  ctx: CheckContext,
  scan: ShippedScan<T>,
): Promise<CheckOutcome> {
  const { facts } = ctx;
  const python = facts.pythons.at(-1) ?? facts.interpreters.python;
  if (python === undefined) {
    return { status: "unverified", summary: "No Python interpreter was found to read the code" };
  }
  const files = pythonLayout(facts.files).sources.filter((s) => s.role === "runtime")
    .map((s) => s.path);
  if (files.length === 0) return { status: "skip", summary: "No shipped Python files" };
  const run = await runScript(ctx, {
    python: python.path,
    script: scan.script,
    request: { root: facts.root, files },
    schema: scan.schema,
    timeoutMs: SCAN_TIMEOUT_MS,
    doing: scan.doing,
  });
  return "failure" in run ? run.failure : scan.evaluate(run.value, files.length, run.evidence);
}
