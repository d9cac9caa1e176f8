import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import { descendants } from "./cleanup.ts";
import { ReportSchema } from "./report/schema.ts";

const CLI = new URL("./cli.ts", import.meta.url).pathname;
const TARGET = new URL("../fixtures/deno_sleeps", import.meta.url).pathname;
/** How long the audit may take to reach the sleeping test; a bound on failure, not a wait. */
const DEADLINE_MS = 180_000;

/** The first file named `name` below `dir` (the snapshot lies a few levels down), if any. */
async function findFile(dir: string, name: string, depth = 5): Promise<string | undefined> {
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(dir));
  } catch {
    return undefined; // Removed while we looked.
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.name === name && entry.isFile) return path;
    if (entry.isDirectory && depth > 0) {
      const found = await findFile(path, name, depth - 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Whether `pid` is alive (a zombie is already dead). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(Deno.readTextFileSync(`/proc/${pid}/stat`));
  } catch {
    return false;
  }
}

/** Polls `condition` until it holds; throws naming `what` after `DEADLINE_MS`. */
async function waitFor(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = performance.now() + DEADLINE_MS;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

Deno.test("cli: SIGTERM mid-audit writes an incomplete report, exits 143 and leaves nothing behind", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "cc-interrupt-" });
  const out = join(tmp, "reports");
  const auditTmp = join(tmp, "tmp");
  await Deno.mkdir(auditTmp);
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", CLI, "audit", TARGET, "--out", out, "--timeout", "900"],
    env: { NO_COLOR: "1", TMPDIR: auditTmp },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stdout = new Response(child.stdout).text();
  let stderr = "";
  const reading = child.stderr.pipeThrough(new TextDecoderStream()).pipeTo(
    new WritableStream({ write: (chunk) => void (stderr += chunk) }),
  );
  let exited = false;
  const status = child.status.finally(() => exited = true);
  let started: number[] = [];
  try {
    // A check has finished (its progress line) and the sleeping test runs (its file appeared).
    await waitFor("a finished check", () => exited || /^docs\.present\s+\S+\s/m.test(stderr));
    await waitFor(
      "the sleeping test",
      async () => exited || (await findFile(auditTmp, "tests-started")) !== undefined,
    );
    strictEqual(exited, false, `the audit ended before the signal:\n${stderr}`);
    started = descendants(child.pid);
    ok(started.length > 0, "the audit runs probes");
    child.kill("SIGTERM");
    const { code } = await status;
    await reading;
    strictEqual(code, 143, stderr);
    match(await stdout, /^Exit 143: the audit was stopped by SIGTERM; the report is incomplete$/m);

    const report = ReportSchema.parse(
      JSON.parse(await Deno.readTextFile(join(out, "deno_sleeps.json"))),
    );
    strictEqual(report.incomplete, true);
    const ids = report.checks.map((c) => c.id);
    ok(ids.includes("docs.present"), ids.join(", "));
    strictEqual(ids.includes("tests.deno"), false, "the stopped check is left out");
    ok(
      report.level.blockers.some((b) =>
        /tests\.deno was not run \(the audit was stopped\)/.test(b)
      ),
      report.level.blockers.join("\n"),
    );
    const md = await Deno.readTextFile(join(out, "deno_sleeps.md"));
    match(md, /^# claimcheck report: .*\(incomplete\)\n\n> \*\*Incomplete:\*\* /);

    await waitFor("the probes to be gone", () => !started.some(alive));
    deepStrictEqual(
      (await Array.fromAsync(Deno.readDir(auditTmp))).filter((e) =>
        e.name.startsWith("claimcheck-")
      ),
      [],
      "the audit's temporary area is removed",
    );
  } finally {
    if (!exited) child.kill("SIGKILL");
    await status;
    for (const pid of started.filter(alive)) Deno.kill(pid, "SIGKILL");
    await Deno.remove(tmp, { recursive: true });
  }
});
