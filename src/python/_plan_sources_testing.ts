/**
 * Test helper: run the real `plan_sources.py` with `python3` on INI texts and noxfiles, for the
 * tests of the modules that read its output.
 * @module
 */
import { strictEqual } from "node:assert/strict";
import { join } from "node:path";
import { createExecutor } from "../exec/executor.ts";
import {
  type IniFile,
  type NoxFile,
  parsePlanSources,
  type PlanSources,
  type PlanSourcesRequest,
  planSourcesScript,
} from "./plan_sources.ts";

/** The script's output for `request`. */
export async function runPlanSources(request: Partial<PlanSourcesRequest>): Promise<PlanSources> {
  const temp = await Deno.makeTempDir({ prefix: "claimcheck-plan-" });
  try {
    const exec = createExecutor({ tempRoot: temp, snapshotRoot: temp, defaultTimeoutMs: 30_000 });
    const script = join(temp, "plan_sources.py");
    await Deno.writeTextFile(script, await planSourcesScript());
    await Deno.writeTextFile(
      join(temp, "request.json"),
      JSON.stringify({ ini: [], nox: [], ...request }),
    );
    const run = await exec(["python3", script, join(temp, "request.json")]);
    strictEqual(run.evidence.exitCode, 0, run.evidence.stderrHead);
    return parsePlanSources(await Deno.readTextFile(run.stdoutPath));
  } finally {
    await Deno.remove(temp, { recursive: true });
  }
}

/** One INI text read by the script. */
export async function readIni(file: string, text: string): Promise<IniFile> {
  const result = await runPlanSources({ ini: [{ file, text }] });
  return result.ini[0] as IniFile;
}

/** One noxfile read by the script. */
export async function readNox(file: string, text: string): Promise<NoxFile> {
  const result = await runPlanSources({ nox: [{ file, text }] });
  return result.nox[0] as NoxFile;
}
