/**
 * The command line: `audit [TARGET]`, `render REPORT.json`, `claims PATH…`.
 * Only declares commands; the work lives in the modules it calls. Exit codes: 0 ok, 1 below
 * `--fail-under` (or contradicted claims with `--fail-on-contradicted`), 2 usage or input error,
 * 130/143 stopped by SIGINT/SIGTERM (a partial report written).
 * @module
 */
import { parseArgs } from "node:util";
import { isAbsolute, join, relative, resolve } from "node:path";
import denoJson from "../deno.json" with { type: "json" };
import { InputError } from "./errors.ts";
import type { Format } from "./report/write.ts";

const HELP =
  `claimcheck — a readiness auditor: real probes, the target's own claims, evidence for every verdict

Usage:
  deno task audit [TARGET] [options]     audit TARGET (default: the directory you are in)
  deno task render REPORT.json [--format md|json|sarif] [--out DIR]
  deno task claims PATH...               print the claims read from markdown files or repositories
  deno task annotate REPORT.json [--prefix DIR]   GitHub annotations for contradicted claims
  deno task merge REPORT.json... [--out DIR]      one table and a JSON index of many reports

TARGET is a directory, or a git URL (https://, ssh, file://, or a bare repository) with an optional @ref.

Audit options:
  --format md|json|sarif report format, repeatable (default: md and json)
  --out DIR              where to write reports (default: reports/; .claimcheck/reports/ in the
                         target when you run it from inside the target, so it stays clean)
  --only IDS             run only these checks (comma-separated ids or prefixes, e.g. tests,build.deno)
  --fail-under LEVEL     exit 1 when the readiness level is below LEVEL (an integer 0-5)
  --fail-on-contradicted exit 1 when any claim is contradicted
  --json                 print the JSON report to stdout (progress goes to stderr)
  --python PATH          audit with this existing Python environment (a venv folder or its
                         interpreter) instead of a fresh one
  --python-search DIR    look for Python interpreters in DIR too (DIR/python*, DIR/bin/python*,
                         DIR/*/bin/python*), repeatable
  --unsafe-no-sandbox    run the target's code even when no sandbox (bubblewrap, unshare) works here
  --timeout SECONDS      timeout of every probe but installs (default 600)
  --install-timeout SECONDS  timeout of every install step: creating a venv, the probes with
                         network (default 600)
  --replay REPORT.json   rerun that report's checks with its options on its commit (cloning it
                         when needed; run it where the audit ran) and print what changed: exit 1
                         when the level, a check's status or a claim's verdict changed
  --version              print claimcheck's version
  -h, --help             this help

Exit codes: 0 ok; 1 below --fail-under (or contradicted claims with --fail-on-contradicted); 2 usage or input error;
130 or 143 stopped by SIGINT or SIGTERM (the report of the finished checks is written, marked incomplete).`;

function invocationDir(): string {
  return Deno.env.get("INIT_CWD") ?? Deno.cwd();
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: "string", multiple: true },
        out: { type: "string" },
        only: { type: "string", multiple: true },
        "fail-under": { type: "string" },
        "fail-on-contradicted": { type: "boolean" },
        json: { type: "boolean" },
        python: { type: "string" },
        "python-search": { type: "string", multiple: true },
        timeout: { type: "string" },
        "unsafe-no-sandbox": { type: "boolean" },
        "install-timeout": { type: "string" },
        prefix: { type: "string" },
        replay: { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
    });
  } catch (error) {
    const first = (error as Error).message.split(/\.\s|\n/)[0] ?? "unreadable";
    throw new InputError(`Cannot read the arguments: ${first} (see --help)`);
  }
}

type Parsed = ReturnType<typeof parse>;

const FORMATS: readonly Format[] = ["md", "json", "sarif"];

function formats(values: Parsed["values"]): Format[] {
  const list = (values.format ?? ["md", "json"]).flatMap((f) => f.split(","));
  for (const f of list) {
    if (!FORMATS.includes(f as Format)) {
      throw new InputError(`Cannot write format ${f}: use ${FORMATS.join(", ")}`);
    }
  }
  return [...new Set(list)] as Format[];
}

/** `--fail-under`: an integer level from 0 to 5, nothing else (`2.5`, `0x3` are refused). */
export function parseLevel(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[0-5]$/.test(text.trim())) {
    throw new InputError(`Cannot read --fail-under ${text}: expected an integer from 0 to 5`);
  }
  return Number(text);
}

/**
 * `--python`: an interpreter, or a virtual environment's folder (its `bin/python`). A path that
 * does not exist is an {@link InputError}.
 */
export async function resolvePython(path: string): Promise<string> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch {
    throw new InputError(`Cannot use --python ${path}: no such file or directory`);
  }
  if (!info.isDirectory) return path;
  for (const name of ["bin/python", "bin/python3", "Scripts/python.exe"]) {
    const candidate = join(path, name);
    if (await Deno.stat(candidate).then((i) => i.isFile, () => false)) return candidate;
  }
  throw new InputError(`Cannot use --python ${path}: a folder without bin/python`);
}

/**
 * Where reports go without `--out`: `reports/` in the invocation directory, unless that lies inside
 * a local target, whose tree must stay clean: then the target's `.claimcheck/reports/`, which the
 * snapshot leaves out of the dirty state and the tree hash.
 */
export async function defaultOut(cwd: string, target: string): Promise<string> {
  const { OWN_DIR } = await import("./snapshot.ts");
  const local = await Deno.realPath(resolve(cwd, target)).catch(() => undefined);
  const here = await Deno.realPath(cwd).catch(() => cwd);
  if (local !== undefined) {
    const rel = relative(local, here);
    if (rel === "" || (!rel.startsWith("..") && !isAbsolute(rel))) {
      return join(local, OWN_DIR, "reports");
    }
  }
  return resolve(cwd, "reports");
}

/** The last line when the exit is 1: which option made it so. */
export function failureReason(
  report: { level: { value: number }; summary: { contradicted: number } },
  failUnder: number | undefined,
  failOnContradicted: boolean,
): string | undefined {
  if (failUnder !== undefined && report.level.value < failUnder) {
    return `Exit 1: readiness level ${report.level.value} is below --fail-under ${failUnder}`;
  }
  if (failOnContradicted && report.summary.contradicted > 0) {
    return `Exit 1: ${report.summary.contradicted} contradicted claim(s) with --fail-on-contradicted`;
  }
  return undefined;
}

function number(
  text: string | undefined,
  flag: string,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new InputError(`Cannot read --${flag} ${text}: expected a number from ${min} to ${max}`);
  }
  return n;
}

async function runReplay({ values, positionals }: Parsed, file: string): Promise<number> {
  if (positionals.length > 0) {
    throw new InputError(`Cannot replay and audit a TARGET at once: ${positionals.join(" ")}`);
  }
  const { readReport } = await import("./report/read.ts");
  const replay = await import("./replay.ts");
  const { audit } = await import("./audit.ts");
  const { progressReporter } = await import("./progress.ts");
  const { writeReports } = await import("./report/write.ts");
  const cwd = invocationDir();
  const before = await readReport(resolve(cwd, file));
  const { note, ...request } = await replay.replayRequest(before, cwd);
  if (note) console.error(`claimcheck: ${note}`);
  const progress = progressReporter();
  let after;
  try {
    after = await audit({ ...request, cwd, onProgress: progress.update });
  } finally {
    progress.stop();
  }
  if (values.out) {
    for (const path of await writeReports(after, resolve(cwd, values.out), formats(values))) {
      console.log(`Report: ${path}`);
    }
  }
  const diff = replay.diffReports(before, after);
  for (const line of replay.diffLines(diff)) console.log(line);
  return replay.verdictChanged(diff) ? 1 : 0;
}

async function runAudit(parsed: Parsed): Promise<number> {
  const { values, positionals } = parsed;
  if (values.replay) return await runReplay(parsed, values.replay);
  if (positionals.length > 1) {
    throw new InputError(`Cannot audit more than one TARGET: ${positionals.join(" ")}`);
  }
  const failUnder = parseLevel(values["fail-under"]);
  const timeout = number(values.timeout, "timeout", 1, 86_400);
  const installTimeout = number(values["install-timeout"], "install-timeout", 1, 86_400);
  const chosen = formats(values);
  const { audit } = await import("./audit.ts");
  const { progressReporter } = await import("./progress.ts");
  const { writeReports } = await import("./report/write.ts");
  const { summaryLines } = await import("./summary.ts");
  const cwd = invocationDir();
  const target = positionals[0] ?? ".";
  const python = values.python ? await resolvePython(resolve(cwd, values.python)) : undefined;
  const out = values.out ? resolve(cwd, values.out) : await defaultOut(cwd, target);
  const { interruptOnSignal, killDescendants } = await import("./cleanup.ts");
  const progress = progressReporter();
  const interrupt = interruptOnSignal();
  let report;
  try {
    report = await audit({
      target,
      cwd,
      only: (values.only ?? []).flatMap((o) => o.split(",")).map((o) => o.trim()).filter(Boolean),
      ...(python ? { python } : {}),
      pythonSearch: (values["python-search"] ?? []).map((dir) => resolve(cwd, dir)),
      ...(timeout ? { timeoutMs: timeout * 1000 } : {}),
      ...(values["unsafe-no-sandbox"] ? { unsafeNoSandbox: true } : {}),
      ...(installTimeout ? { installTimeoutMs: installTimeout * 1000 } : {}),
      onProgress: progress.update,
      signal: interrupt.signal,
    });
  } finally {
    interrupt.stop();
    progress.stop();
  }
  const github = await import("./github.ts");
  const env = Deno.env.toObject();
  if (github.inGitHubActions(env)) report = github.withRepositoryUrl(report, env);
  const written = await writeReports(report, out, chosen);
  if (values.json) console.log(JSON.stringify(report, null, 2));
  const log = values.json ? console.error : console.log;
  for (const line of summaryLines(report, written)) log(line);
  if (github.inGitHubActions(env)) await github.publishToGitHub(report, written, env, log);
  const stopped = interrupt.exitCode();
  if (stopped !== undefined) {
    killDescendants();
    log(
      `Exit ${stopped}: the audit was stopped by ${interrupt.signal.reason}; the report is incomplete`,
    );
    return stopped;
  }
  const why = failureReason(report, failUnder, values["fail-on-contradicted"] ?? false);
  if (why !== undefined) log(why);
  return why === undefined ? 0 : 1;
}

async function runRender({ values, positionals }: Parsed): Promise<number> {
  const [file, ...rest] = positionals;
  if (file === undefined || rest.length > 0) {
    throw new InputError("Cannot render: give exactly one REPORT.json");
  }
  const { readReport } = await import("./report/read.ts");
  const { render, writeReports } = await import("./report/write.ts");
  const report = await readReport(resolve(invocationDir(), file));
  const chosen = values.format ? formats(values) : ["md" as const];
  if (values.out) {
    for (const path of await writeReports(report, resolve(invocationDir(), values.out), chosen)) {
      console.log(path);
    }
  } else {
    for (const format of chosen) console.log(render(report, format));
  }
  return 0;
}

async function runClaims({ positionals }: Parsed): Promise<number> {
  if (positionals.length === 0) throw new InputError("Cannot list claims: give at least one PATH");
  const { claimsOfPaths } = await import("./claims/paths.ts");
  for await (const claim of claimsOfPaths(positionals, invocationDir())) {
    const { file, line, text, kind, metric, comparator, value, unit, subject } = claim;
    console.log(
      JSON.stringify({ file, line, text, kind, metric, comparator, value, unit, subject }),
    );
  }
  return 0;
}

async function runAnnotate({ values, positionals }: Parsed): Promise<number> {
  const [file, ...rest] = positionals;
  if (file === undefined || rest.length > 0) {
    throw new InputError("Cannot annotate: give exactly one REPORT.json");
  }
  const { readReport } = await import("./report/read.ts");
  const { githubAnnotations } = await import("./report/github.ts");
  const report = await readReport(resolve(invocationDir(), file));
  for (const line of githubAnnotations(report, values.prefix ?? "")) console.log(line);
  return 0;
}

async function runMerge({ values, positionals }: Parsed): Promise<number> {
  const cwd = invocationDir();
  const files = positionals.map((f) => resolve(cwd, f));
  const exists = (p: string) => Deno.stat(p).then((i) => i.isFile, () => false);
  const present = (await Promise.all(files.map(exists))).filter(Boolean).length;
  if (present === 0) {
    throw new InputError(
      `Cannot merge: no report${
        positionals.length ? ` matches ${positionals.join(" ")}` : " given"
      }`,
    );
  }
  const { readReport } = await import("./report/read.ts");
  const { writeAtomic } = await import("./report/write.ts");
  const { mergeIndex, mergeMarkdown } = await import("./merge.ts");
  const out = resolve(cwd, values.out ?? "reports/merged");
  const reports = await Promise.all(files.map(async (path) => {
    const md = path.replace(/\.json$/, ".md");
    return {
      path,
      report: await readReport(path),
      ...(md !== path && await exists(md) ? { markdown: md } : {}),
    };
  }));
  const index = mergeIndex(reports, out);
  await Deno.mkdir(out, { recursive: true });
  await writeAtomic(join(out, "index.json"), `${JSON.stringify(index, null, 2)}\n`);
  await writeAtomic(join(out, "index.md"), mergeMarkdown(index));
  console.log(mergeMarkdown(index));
  console.log(`Index: ${join(out, "index.md")}, ${join(out, "index.json")}`);
  return 0;
}

/** Run the CLI with `args`; returns the exit code. Input errors print one line, never a stack. */
export async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args[0] === "--version" ? ["audit", ...args] : args;
  const commands: Record<string, (p: Parsed) => Promise<number>> = {
    audit: runAudit,
    render: runRender,
    claims: runClaims,
    annotate: runAnnotate,
    merge: runMerge,
  };
  try {
    const run = command === undefined ? undefined : commands[command];
    if (run === undefined) {
      throw new InputError(
        `Unknown command ${command ?? "(none)"}: use audit, render, claims, annotate or merge`,
      );
    }
    const parsed = parse(rest);
    if (parsed.values.version) {
      console.log(`claimcheck ${denoJson.version}`);
      return 0;
    }
    if (parsed.values.help) {
      console.log(HELP);
      return 0;
    }
    return await run(parsed);
  } catch (error) {
    if (error instanceof InputError) {
      console.error(`claimcheck: ${error.message}`);
      return 2;
    }
    // An internal error may leave probes running: nothing claimcheck started outlives it.
    const { killDescendants } = await import("./cleanup.ts");
    killDescendants();
    const message = error instanceof Error ? error.message : String(error);
    console.error(`claimcheck: internal error: ${message.split("\n")[0]} (please report it)`);
    return 2;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
