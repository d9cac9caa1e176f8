import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import { ReportSchema } from "./report/schema.ts";

const CLI = new URL("./cli.ts", import.meta.url).pathname;
const FIXTURES = new URL("../fixtures/", import.meta.url).pathname;

async function cli(args: string[], cwd = Deno.cwd()) {
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

Deno.test("cli: input errors print one line and exit 2, never a stack trace", async (t) => {
  const file = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(file, "{ not json");
  const cases: Array<[string[], RegExp]> = [
    [
      ["audit", "/no/such/target"],
      /^claimcheck: Cannot audit \/no\/such\/target: no such directory\n$/,
    ],
    [["audit", "--bogus"], /^claimcheck: Cannot read the arguments: .*--bogus.* \(see --help\)\n$/],
    [
      ["audit", FIXTURES, "--fail-under", "2.5"],
      /^claimcheck: Cannot read --fail-under 2\.5: expected an integer/,
    ],
    [
      ["audit", FIXTURES, "--fail-under", "0x3"],
      /^claimcheck: Cannot read --fail-under 0x3: expected an integer/,
    ],
    [
      ["audit", FIXTURES, "--python", "/no/such/venv"],
      /^claimcheck: Cannot use --python \/no\/such\/venv: no such file/,
    ],
    [["audit", FIXTURES, "--fail-under", "9"], /^claimcheck: Cannot read --fail-under 9/],
    [["audit", FIXTURES, "--format", "pdf"], /^claimcheck: Cannot write format pdf/],
    [["audit", join(FIXTURES, "empty"), "--only", "nope"], /^claimcheck: Cannot select check nope/],
    [["render", file], /^claimcheck: Cannot parse report .*\n$/],
    [["render", "/no/such.json"], /^claimcheck: Cannot read report/],
    [["claims", "/no/such.md"], /^claimcheck: Cannot read claims of \/no\/such.md/],
    [["frobnicate"], /^claimcheck: Unknown command frobnicate/],
  ];
  for (const [args, message] of cases) {
    await t.step(args.join(" "), async () => {
      const { code, stderr } = await cli(args);
      strictEqual(code, 2);
      match(stderr, message);
      strictEqual(stderr.includes("    at "), false);
    });
  }
});

Deno.test("cli: audit writes a schema-valid JSON report and markdown rendered from it", async () => {
  const out = await Deno.makeTempDir();
  const { code, stdout } = await cli(
    ["audit", "fixtures/empty", "--out", out],
    join(FIXTURES, ".."),
  );
  strictEqual(code, 0);
  match(stdout, /Readiness level 0 \(None\)/);
  const json = JSON.parse(await Deno.readTextFile(join(out, "empty.json")));
  strictEqual(ReportSchema.safeParse(json).success, true);
  const md = await Deno.readTextFile(join(out, "empty.md"));
  match(md, /^# claimcheck report: fixtures\/empty/);
  const rendered = await cli(["render", join(out, "empty.json")]);
  strictEqual(rendered.code, 0);
  strictEqual(rendered.stdout, `${md}\n`);
  deepStrictEqual((await cli(["audit", "--help"])).code, 0);
});

Deno.test("cli: --fail-under exits 1 below the level, 0 at or above it", async () => {
  const out = await Deno.makeTempDir();
  const empty = join(FIXTURES, "empty");
  const below = await cli(["audit", empty, "--out", out, "--fail-under", "1"]);
  strictEqual(below.code, 1);
  strictEqual(
    below.stdout.trimEnd().split("\n").at(-1),
    "Exit 1: readiness level 0 is below --fail-under 1",
  );
  strictEqual(
    (await cli(["audit", empty, "--out", out, "--fail-under", "0", "--format", "json"])).code,
    0,
  );
});

Deno.test("cli: deno_failing names the failing test and the type error, exit 0, and 1 under --fail-under 3", async () => {
  const out = await Deno.makeTempDir();
  const target = join(FIXTURES, "deno_failing");
  const plain = await cli(["audit", target, "--out", out]);
  strictEqual(plain.code, 0);
  match(plain.stdout, /Readiness level 1 \(Installs\)/);
  const md = await Deno.readTextFile(join(out, "deno_failing.md"));
  match(md, /divide\(\) rounds down/);
  match(md, /lib\/format\.ts:3.*TS2322/);
  strictEqual((await cli(["audit", target, "--out", out, "--fail-under", "3"])).code, 1);
});

Deno.test("cli: the annotate and render tasks run with the permissions deno.json gives them", async () => {
  const root = new URL("..", import.meta.url).pathname;
  for (const task of ["annotate", "render"]) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["task", task, "reports/demo.json"],
      cwd: root,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    strictEqual(out.code, 0, new TextDecoder().decode(out.stderr));
  }
});

Deno.test("cli: --version prints the version, with or without a command", async () => {
  const denoJson = JSON.parse(await Deno.readTextFile(new URL("../deno.json", import.meta.url)));
  for (const args of [["--version"], ["audit", "--version"]]) {
    const { code, stdout } = await cli(args);
    strictEqual(code, 0);
    strictEqual(stdout, `claimcheck ${denoJson.version}\n`);
  }
});

Deno.test("cli: a claimcheck.json skip of an unknown check is exit 2 naming the id", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(join(dir, "claimcheck.json"), JSON.stringify({ skip: ["nosuch"] }));
  const { code, stderr } = await cli(["audit", dir, "--out", await Deno.makeTempDir()]);
  strictEqual(code, 2);
  match(stderr, /^claimcheck: Cannot read claimcheck\.json: skip: no such check nosuch /);
});

Deno.test("cli: audit run inside its target writes to .claimcheck/reports and leaves it clean", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(join(dir, "README.md"), "# x\n");
  const git = (args: string[]) =>
    new Deno.Command("git", {
      args: ["-c", "user.name=t", "-c", "user.email=t@t", ...args],
      cwd: dir,
      stdout: "null",
      stderr: "null",
    }).output();
  await git(["init", "-q"]);
  await git(["add", "."]);
  await git(["commit", "-qm", "x"]);
  strictEqual((await cli(["audit", "--only", "repo", "--format", "json"], dir)).code, 0);
  const again = await cli(["audit", "--only", "repo", "--format", "json"], dir);
  strictEqual(again.code, 0, again.stderr);
  const report = JSON.parse(
    await Deno.readTextFile(join(dir, ".claimcheck", "reports", "target.json")),
  );
  strictEqual(report.target.dirty, false);
  strictEqual(report.target.path, ".");
});

Deno.test("resolvePython() takes an interpreter or a venv folder's bin/python", async () => {
  const { resolvePython } = await import("./cli.ts");
  const venv = await Deno.makeTempDir();
  await Deno.mkdir(join(venv, "bin"));
  await Deno.writeTextFile(join(venv, "bin", "python"), "");
  strictEqual(await resolvePython(venv), join(venv, "bin", "python"));
  strictEqual(await resolvePython(join(venv, "bin", "python")), join(venv, "bin", "python"));
  const empty = await Deno.makeTempDir();
  await resolvePython(empty).then(
    () => Promise.reject(new Error("accepted a folder without bin/python")),
    (e: Error) => match(e.message, /a folder without bin\/python/),
  );
});
