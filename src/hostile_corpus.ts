/**
 * The hostile corpus: one small attacking repository per case (`fixtures/hostile/<case>/`, plus
 * what git cannot hold — FIFOs, sockets, sparse files, symlink loops, git configuration — built
 * here in a temporary copy), and one audit of each in a child claimcheck whose environment and
 * fake `$HOME` hold canary secrets, beside a canary listener on 127.0.0.1. {@linkcode runCase}
 * returns every rule the audit broke, one line each.
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createHash } from "node:crypto";
import { type Report, ReportSchema } from "./report/schema.ts";
import { runGit } from "./git_inert.ts";

/** Where a case is built and what it may name (`{{PORT}}`, `{{OUTSIDE}}`, … in its files). */
export interface CaseDirs {
  /** The case's own temporary folder: everything below it belongs to this case. */
  base: string;
  /** The target repository (a copy of the fixture, tokens replaced, then `build`). */
  target: string;
  /** The fake `$HOME` of claimcheck, with canary `.npmrc`, `.ssh/id_rsa`, `.gitconfig`. */
  home: string;
  /** Files outside every tree the audit may read: `secret.md`, `secret.txt` hold a canary. */
  outside: string;
  /** claimcheck's cache (`CLAIMCHECK_CACHE_DIR`), seeded with one module. */
  cache: string;
  /** `TMPDIR` of claimcheck: its audit area lives below it and must be empty afterwards. */
  tmp: string;
}

/** One hostile repository and what its audit must show. */
export interface HostileCase {
  name: string;
  /** What it attacks, in a few words. */
  attacks: string;
  /** The expected outcome, in a few words. */
  expect: string;
  /** `--only` of the audit (the checks the attack targets). */
  only: string[];
  /** Audit with this existing interpreter (`--python`) instead of installing one. */
  python?: boolean;
  /** Build what git cannot hold, after the fixture was copied and committed. */
  build?: (dirs: CaseDirs) => Promise<void>;
  /** The TARGET argument (default: the target folder). */
  input?: (dirs: CaseDirs) => string;
  /** Exit codes allowed (default 0 or 1). */
  exitCodes?: number[];
  /** Case-specific rules: a one-line failure, or undefined when the rule holds. */
  check?: (report: Report | undefined, dirs: CaseDirs, run: CaseRun) => string | undefined;
  /** Too slow for `deno task test`: run by `deno task bench:hostile` only. */
  slow?: boolean;
  /** `--timeout` seconds of the audit (default 60). */
  timeout?: number;
  /**
   * claimcheck's own peak memory must stay below this many MiB (its max RSS, measured with
   * `/usr/bin/time`): a hostile document or tree must not blow up the auditor.
   */
  maxRssMiB?: number;
  /**
   * Send claimcheck this signal once a process carrying the case's mark runs (the target's test
   * is under way): the exit paths of issue 9, item 8. A condition, not a delay, so load cannot
   * make the audit finish first.
   */
  interrupt?: { signal: "SIGINT" | "SIGTERM" };
}

/** What the child claimcheck did. */
export interface CaseRun {
  code: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  connections: number;
  timedOut: boolean;
  /** claimcheck's max RSS in KiB, when the case bounds it (`maxRssMiB`). */
  maxRssKiB?: number;
}

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
/** The cache key of another target's install, seeded in every case's cache. */
const VICTIM_KEY = "0123456789abcdef01234567";
const FIXTURES = join(ROOT, "fixtures", "hostile");
/** The canary every secret holds; none may appear in any output or report. */
export const CANARY = "CANARY-c1a1mcheck-7f3e9d";
/** The interpreter of the cases' existing environment: `HOSTILE_PYTHON`, else python3's real path. */
const PYTHON = Deno.env.get("HOSTILE_PYTHON") ??
  new TextDecoder().decode(
    new Deno.Command("python3", { args: ["-c", "import sys; print(sys.executable)"] }).outputSync()
      .stdout,
  ).trim();

async function exists(path: string): Promise<boolean> {
  return await Deno.lstat(path).then(() => true, () => false);
}

async function write(path: string, text: string | Uint8Array): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  if (typeof text === "string") await Deno.writeTextFile(path, text);
  else await Deno.writeFile(path, text);
}

async function sh(script: string, cwd: string): Promise<void> {
  const out = await new Deno.Command("sh", { args: ["-c", script], cwd, stdout: "null" }).output();
  if (!out.success) throw new Error(`Cannot build: ${script}: exit ${out.code}`);
}

/** git as the corpus builds its repositories: its own identity, no user configuration. */
async function git(args: string[], cwd: string): Promise<void> {
  const result = await runGit(
    ["-c", "user.name=hostile", "-c", "user.email=h@example.invalid", ...args],
    cwd,
  );
  if (result.code !== 0) throw new Error(`Cannot build: git ${args.join(" ")}: ${result.stderr}`);
}

/** sha256 over every entry below `dir` (`.git` included): path, type, mode, content or link. */
export async function hashEverything(dir: string): Promise<string> {
  const lines: string[] = [];
  async function visit(rel: string): Promise<void> {
    const full = rel === "" ? dir : join(dir, rel);
    const entries = [];
    try {
      for await (const e of Deno.readDir(full)) entries.push(e.name);
    } catch {
      lines.push(`${rel} unreadable`);
      return;
    }
    for (const name of entries.sort()) {
      const path = rel === "" ? name : `${rel}/${name}`;
      const info = await Deno.lstat(join(dir, path)).catch(() => undefined);
      if (info === undefined) {
        lines.push(`${path} not-lstat-able`); // A name that is not UTF-8, read back lossily.
        continue;
      }
      const head = `${path} ${info.mode} ${info.size}`;
      if (info.isSymlink) lines.push(`${head} -> ${await Deno.readLink(join(dir, path))}`);
      else if (info.isDirectory) {
        lines.push(`${head} /`);
        await visit(path);
      } else if (info.isFile && info.blocks !== null && info.blocks * 512 >= info.size / 2) {
        const hash = createHash("sha256");
        using file = await Deno.open(join(dir, path));
        for await (const chunk of file.readable) hash.update(chunk);
        lines.push(`${head} ${hash.digest("hex")}`);
      } else lines.push(`${head} special-or-sparse ${info.mtime?.getTime()}`);
    }
  }
  await visit("");
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}

async function copyFixture(name: string, to: string, tokens: Record<string, string>) {
  const from = join(FIXTURES, name);
  async function visit(rel: string): Promise<void> {
    for await (const entry of Deno.readDir(join(from, rel))) {
      const path = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory) await visit(path);
      else if (entry.name !== ".keep") {
        let text = await Deno.readTextFile(join(from, path));
        for (const [key, value] of Object.entries(tokens)) {
          text = text.replaceAll(`{{${key}}}`, value);
        }
        await write(join(to, path), text);
      }
    }
  }
  await Deno.mkdir(to, { recursive: true });
  await visit("");
}

async function prepare(c: HostileCase, port: number): Promise<CaseDirs> {
  const base = await Deno.makeTempDir({ prefix: `hostile-${c.name}-` });
  const dirs: CaseDirs = {
    base,
    target: join(base, "target"),
    home: join(base, "home"),
    outside: join(base, "outside"),
    cache: join(base, "cache"),
    tmp: join(base, "tmp"),
  };
  await write(join(dirs.home, ".npmrc"), `//registry.npmjs.org/:_authToken=${CANARY}-npmrc\n`);
  await write(join(dirs.home, ".ssh/id_rsa"), `-----BEGIN KEY-----\n${CANARY}-ssh\n`);
  await write(join(dirs.home, ".gitconfig"), `[user]\n\tname = ${CANARY}-gitconfig\n`);
  await write(join(dirs.outside, "secret.md"), `# Status\n\n${CANARY}-outside: 99 tests passing\n`);
  await write(join(dirs.outside, "secret.txt"), `${CANARY}-requirement==1.0\n`);
  await write(join(dirs.cache, "deno", "module.js"), "export const ok = true;\n");
  // What another target's install made: its wheels in pip's cache, its environment.
  await write(
    join(dirs.cache, "pip", VICTIM_KEY, "wheels", "victim-1.0-py3-none-any.whl"),
    "wheel\n",
  );
  await write(join(dirs.cache, "python-envs", VICTIM_KEY, "ready.json"), "{}\n");
  await Deno.mkdir(dirs.tmp);
  const tokens = {
    PORT: String(port),
    OUTSIDE: dirs.outside,
    HOME: dirs.home,
    TARGET: dirs.target,
    CACHE: dirs.cache,
    MARK: `hostile-mark-${c.name}`,
  };
  await copyFixture(c.name, dirs.target, tokens);
  await git(["init", "-q", "-b", "main"], dirs.target);
  await git(["add", "-A"], dirs.target);
  await git(["commit", "-q", "--allow-empty", "-m", "hostile"], dirs.target);
  await c.build?.(dirs);
  return dirs;
}

function findLeaks(texts: readonly string[]): string | undefined {
  for (const text of texts) {
    const at = text.indexOf(CANARY);
    if (at >= 0) {
      return text.slice(Math.max(0, at - 20), at + CANARY.length + 12).replace(/\s+/g, " ");
    }
  }
  return undefined;
}

/** Pids of live processes whose argv or cwd names `needles`. */
async function survivors(needles: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name) || Number(entry.name) === Deno.pid) continue;
    const cmd = await Deno.readTextFile(`/proc/${entry.name}/cmdline`).catch(() => "");
    const cwd = await Deno.readLink(`/proc/${entry.name}/cwd`).catch(() => "");
    const state = await Deno.readTextFile(`/proc/${entry.name}/stat`).catch(() => "");
    if (/\) Z /.test(state)) continue;
    if (needles.some((n) => cmd.includes(n) || cwd.includes(n))) {
      found.push(`${entry.name} ${cmd.replaceAll("\0", " ").slice(0, 60)}`);
    }
  }
  return found;
}

async function killSurvivors(needles: readonly string[]): Promise<void> {
  for (const line of await survivors(needles)) {
    try {
      Deno.kill(Number(line.split(" ")[0]), "SIGKILL");
    } catch {
      // Gone.
    }
  }
}

/** The rules every case keeps (issue 9), one failure line each. */
function commonRules(c: HostileCase, report: Report | undefined, run: CaseRun): string[] {
  const failures: string[] = [];
  if (run.timedOut) failures.push(`claimcheck hung: killed after ${run.durationMs} ms`);
  const allowed = c.exitCodes ?? [0, 1];
  if (run.code === null || !allowed.includes(run.code)) {
    failures.push(`exit code ${run.code}, expected ${allowed.join("/")}`);
  }
  if (/internal error|panicked|Uncaught|RangeError|Too many open files/.test(run.stderr)) {
    failures.push(`claimcheck crashed: ${run.stderr.trim().split("\n")[0]?.slice(0, 160)}`);
  }
  if (run.code === 2 && run.stderr.trim().split("\n").length !== 1) {
    failures.push("an input error must be one line on stderr");
  }
  if (run.connections > 0) failures.push(`${run.connections} connection(s) to the canary listener`);
  if (c.maxRssMiB !== undefined) {
    const mib = run.maxRssKiB === undefined ? undefined : run.maxRssKiB / 1024;
    if (mib === undefined) failures.push("claimcheck's max RSS was not measured");
    else if (mib > c.maxRssMiB) {
      failures.push(`claimcheck grew to ${mib.toFixed(0)} MiB, over the bound of ${c.maxRssMiB}`);
    }
  }
  const leak = findLeaks([run.stdout, run.stderr]);
  if (leak !== undefined) failures.push(`a canary leaked into the output: …${leak}…`);
  if (report === undefined) {
    if (run.code !== 2 && c.interrupt === undefined) failures.push("no JSON report on stdout");
    return failures;
  }
  for (const check of report.checks) {
    if (check.status === "pass") {
      const broken = check.evidence.find((e) => e.timedOut || e.signal !== null);
      if (broken) {
        failures.push(
          `${check.id} pass although a probe did not complete: ${broken.argv.join(" ")}`,
        );
      }
    }
    if (["fail", "error", "unverified", "warn"].includes(check.status)) {
      if (check.summary.trim() === "" || check.summary.includes("\n")) {
        failures.push(`${check.id} ${check.status} without a one-line explanation`);
      }
    }
  }
  for (const claim of report.claims) {
    if (
      claim.verdict !== "verified" && (claim.reason.trim() === "" || claim.reason.includes("\n"))
    ) {
      failures.push(`claim ${claim.file}:${claim.line} ${claim.verdict} without a one-line reason`);
    }
  }
  return failures;
}

/**
 * Build case `c`, audit it in a child claimcheck and return every rule it broke (empty: all held).
 * Cleans up after itself, killing what survived.
 */
export async function runCase(c: HostileCase): Promise<string[]> {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  let connections = 0;
  const accepting = (async () => {
    try {
      for await (const conn of listener) {
        connections++;
        conn.close();
      }
    } catch {
      // Closed.
    }
  })();
  const dirs = await prepare(c, (listener.addr as Deno.NetAddr).port);
  await cacheComplete();
  const watched = [
    dirs.target,
    dirs.home,
    dirs.outside,
    join(dirs.cache, "deno"),
    join(dirs.cache, "pip", VICTIM_KEY),
    join(dirs.cache, "python-envs", VICTIM_KEY),
  ];
  const before = await Promise.all(watched.map(hashEverything));
  const rssFile = join(dirs.base, "max-rss");
  const args = [
    // Nothing is fetched while the corpus runs (see `cacheComplete()`).
    "run",
    "--cached-only",
    "--allow-all",
    join(ROOT, "src", "cli.ts"),
    "audit",
    c.input ? c.input(dirs) : dirs.target,
    "--json",
    "--format",
    "json",
    "--out",
    join(dirs.base, "reports"),
    "--timeout",
    String(c.timeout ?? 60),
    ...(c.only.length > 0 ? ["--only", c.only.join(",")] : []),
    ...(c.python ? ["--python", PYTHON] : []),
  ];
  const env: Record<string, string> = {
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    CLAIMCHECK_CACHE_DIR: dirs.cache,
    DENO_DIR: Deno.env.get("DENO_DIR") ?? join(Deno.env.get("HOME") ?? "/root", ".cache", "deno"),
    PIP_INDEX_URL: Deno.env.get("PIP_INDEX_URL") ?? "file:///opt/pypi/simple",
    NO_COLOR: "1",
    GITHUB_TOKEN: `${CANARY}-github-token`,
    AWS_SECRET_ACCESS_KEY: `${CANARY}-aws`,
    CLAIMCHECK_CANARY_SECRET: `${CANARY}-env`,
  };
  const started = Date.now();
  // `/usr/bin/time` measures the peak (and leaves signals to the case's own claimcheck otherwise).
  const measured = c.maxRssMiB !== undefined && c.interrupt === undefined;
  const child = new Deno.Command(measured ? "/usr/bin/time" : Deno.execPath(), {
    args: measured ? ["-f", "%M", "-o", rssFile, Deno.execPath(), ...args] : args,
    clearEnv: true,
    env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let timedOut = false;
  const limit = ((c.timeout ?? 60) * 4 + 60) * 1000;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, limit);
  const outputDone = child.output();
  let exited = false;
  outputDone.finally(() => exited = true);
  if (c.interrupt) {
    while (!exited && (await survivors([`hostile-mark-${c.name}`])).length === 0) {
      await new Promise((r) => setTimeout(r, 100));
    }
    if (!exited) child.kill(c.interrupt.signal);
  }
  const output = await outputDone;
  clearTimeout(timer);
  // Give the listener a moment to count a late connection, then close it.
  await new Promise((r) => setTimeout(r, 100));
  listener.close();
  await accepting;
  const run: CaseRun = {
    code: timedOut ? null : output.code,
    stdout: new TextDecoder().decode(output.stdout),
    stderr: new TextDecoder().decode(output.stderr),
    durationMs: Date.now() - started,
    connections,
    timedOut,
  };
  const rss = measured ? await readRss(rssFile) : undefined;
  if (rss !== undefined) run.maxRssKiB = rss;
  let report: Report | undefined;
  const failures: string[] = [];
  if (run.stdout.trim() !== "") {
    try {
      report = ReportSchema.parse(JSON.parse(run.stdout));
    } catch (error) {
      failures.push(`the report does not parse: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  failures.push(...commonRules(c, report, run));
  const reportFiles = await Array.fromAsync(Deno.readDir(join(dirs.base, "reports"))).catch(
    () => [],
  );
  const reportTexts = await Promise.all(
    reportFiles.map((f) => Deno.readTextFile(join(dirs.base, "reports", f.name))),
  );
  const leak = findLeaks(reportTexts);
  if (leak !== undefined) failures.push(`a canary leaked into a report file: …${leak}…`);
  const needles = [dirs.base, `hostile-mark-${c.name}`];
  const alive = await survivors(needles);
  if (alive.length > 0) {
    failures.push(`${alive.length} process(es) alive after the audit: ${alive[0]}`);
  }
  await killSurvivors(needles);
  const after = await Promise.all(watched.map(hashEverything));
  [
    "the target's tree (with .git)",
    "the fake HOME",
    "the files outside",
    "the cached module",
    "another key's pip cache",
    "another key's environment",
  ]
    .forEach(
      (what, i) => {
        if (before[i] !== after[i]) failures.push(`${what} changed during the audit`);
      },
    );
  const leftover = await Array.fromAsync(Deno.readDir(dirs.tmp)).catch(() => []);
  if (leftover.length > 0) failures.push(`the audit left ${leftover[0]?.name} in its TMPDIR`);
  const own = c.check?.(report, dirs, run);
  if (own !== undefined) failures.push(own);
  await sh(`chmod -R u+rwX . 2>/dev/null; true`, dirs.base);
  await Deno.remove(dirs.base, { recursive: true }).catch(() => {});
  return failures;
}

/** The max RSS (KiB) `/usr/bin/time -f %M` wrote to `path`; undefined when it wrote none. */
async function readRss(path: string): Promise<number | undefined> {
  const text = await Deno.readTextFile(path).catch(() => "");
  const kib = Number(text.trim().split("\n").at(-1));
  return text.trim() !== "" && Number.isFinite(kib) ? kib : undefined;
}

let cached: Promise<void> | undefined;

/**
 * The corpus runs each claimcheck with `--cached-only`, so that concurrent children never fetch
 * (nor race each other on the npm cache): claimcheck's dependencies must all be in DENO_DIR
 * first. Checked once; a clear error when something is missing.
 */
export function cacheComplete(): Promise<void> {
  cached ??= (async () => {
    const { success, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["install", "--cached-only", "--frozen", "--entrypoint", join(ROOT, "src", "cli.ts")],
      cwd: ROOT,
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).output();
    if (!success) {
      const why = new TextDecoder().decode(stderr).split("\n").find((l) => /error/i.test(l));
      throw new Error(
        `Cannot run the hostile corpus: claimcheck's dependencies are not all cached (run \`deno install\` first): ${
          why ?? "deno install --cached-only failed"
        }`,
      );
    }
  })();
  return cached;
}

/** A check's status in `report`, or "absent". */
export function statusOf(report: Report | undefined, id: string): string {
  return report?.checks.find((c) => c.id === id)?.status ?? "absent";
}

/** The target's notes joined, for case rules. */
export function notesOf(report: Report | undefined): string {
  return (report?.target.notes ?? []).join("\n");
}

export { exists, git, sh, write };
