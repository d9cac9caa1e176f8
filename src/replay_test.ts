import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import { diffLines, diffReports, timingsDiffer, verdictChanged } from "./replay.ts";
import { type Report, ReportSchema } from "./report/schema.ts";

const CLI = new URL("./cli.ts", import.meta.url).pathname;
const demo: Report = ReportSchema.parse(
  JSON.parse(await Deno.readTextFile(new URL("../reports/demo.json", import.meta.url))),
);

async function cli(args: string[], cwd: string) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", CLI, ...args],
    cwd,
    env: { NO_COLOR: "1", INIT_CWD: cwd },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

Deno.test("diffReports() finds nothing between a report and itself", () => {
  const diff = diffReports(demo, demo);
  strictEqual(verdictChanged(diff), false);
  deepStrictEqual(diffLines(diff), ["Replay: same level, statuses and claim verdicts"]);
});

Deno.test("diffReports() lists a changed level, status and verdict", () => {
  const claim = demo.claims[0] as Report["claims"][number];
  const check = demo.checks[0] as Report["checks"][number];
  const after: Report = {
    ...demo,
    level: { ...demo.level, value: demo.level.value + 1 },
    checks: [
      { ...check, status: check.status === "pass" ? "fail" : "pass" },
      ...demo.checks.slice(1),
    ],
    claims: [
      { ...claim, verdict: claim.verdict === "verified" ? "contradicted" : "verified" },
      ...demo.claims.slice(1),
    ],
  };
  const diff = diffReports(demo, after);
  strictEqual(verdictChanged(diff), true);
  strictEqual(diff.statuses.length, 1);
  strictEqual(diff.verdicts.length, 1);
  match(diffLines(diff)[0] ?? "", /^Replay: verdicts changed$/);
});

Deno.test("timingsDiffer() compares medians by their spread, not exact values", () => {
  const m = (value: number, mad: number) => ({
    metric: "perf.import",
    value,
    unit: "ms" as const,
    stats: { median: value, p95: value, mad, min: value, max: value, runs: 5 },
  });
  strictEqual(timingsDiffer(m(100, 5), m(110, 5)), false);
  strictEqual(timingsDiffer(m(100, 2), m(200, 2)), true);
});

async function target(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "cc-replay-" });
  await Deno.mkdir(join(dir, "examples"));
  await Deno.writeTextFile(
    join(dir, "README.md"),
    "# Demo\n\nThe project ships 3 examples in `examples/`.\n",
  );
  for (const f of ["a.py", "b.py", "c.py"]) await Deno.writeTextFile(join(dir, "examples", f), "");
  return dir;
}

async function git(dir: string, args: string[]): Promise<void> {
  await new Deno.Command("git", {
    args: ["-c", "user.name=t", "-c", "user.email=t@t", ...args],
    cwd: dir,
    stdout: "null",
    stderr: "null",
  }).output();
}

Deno.test("audit --replay of a commit gives identical verdicts, also once HEAD moved on", async () => {
  const dir = await target();
  await git(dir, ["init", "-q"]);
  await git(dir, ["add", "."]);
  await git(dir, ["commit", "-qm", "one"]);
  const out = await Deno.makeTempDir();
  strictEqual(
    (await cli(["audit", dir, "--only", "repo", "--out", out, "--format", "json"], "/")).code,
    0,
  );
  const report = join(out, `${dir.split("/").at(-1)}.json`);
  const same = await cli(["audit", "--replay", report], "/");
  strictEqual(same.code, 0, same.stderr);
  match(same.stdout, /Replay: same level, statuses and claim verdicts/);
  await Deno.remove(join(dir, "examples", "c.py"));
  await git(dir, ["commit", "-qam", "two"]);
  const cloned = await cli(["audit", "--replay", report], "/");
  strictEqual(cloned.code, 0, cloned.stderr);
  match(cloned.stdout, /Replay: same level, statuses and claim verdicts/);
});

Deno.test("audit --replay reports a target changed between runs, exit 1", async () => {
  const dir = await target();
  const out = await Deno.makeTempDir();
  strictEqual(
    (await cli(["audit", dir, "--only", "repo", "--out", out, "--format", "json"], "/")).code,
    0,
  );
  await Deno.remove(join(dir, "examples", "c.py"));
  const changed = await cli(["audit", "--replay", join(out, `${dir.split("/").at(-1)}.json`)], "/");
  strictEqual(changed.code, 1, changed.stderr);
  match(changed.stdout, /claim README\.md:3 .*: verified → contradicted/);
});

Deno.test("audit --replay of a commit that no longer exists is a one-line error", async () => {
  const dir = await target();
  await git(dir, ["init", "-q"]);
  await git(dir, ["add", "."]);
  await git(dir, ["commit", "-qm", "one"]);
  const report = {
    ...demo,
    target: { ...demo.target, path: dir, repoPath: "", commit: "0".repeat(40) },
  };
  const file = join(await Deno.makeTempDir(), "r.json");
  await Deno.writeTextFile(file, JSON.stringify(report));
  const gone = await cli(["audit", "--replay", file], "/");
  strictEqual(gone.code, 2);
  match(gone.stderr, /^claimcheck: Cannot check out 0{40} of .*: no such ref\n$/);
});
