/**
 * The command line: `audit [TARGET]`, `render REPORT.json`, `claims PATH…`.
 * Only declares commands; the work lives in the modules it calls. Exit codes: 0 ok, 1 below
 * `--fail-under` (or contradicted claims with `--fail-on-contradicted`), 2 usage or input error.
 * @module
 */
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { InputError } from "./errors.ts";
import type { Format } from "./report/write.ts";

const HELP =
  `claimcheck — a readiness auditor: real probes, the target's own claims, evidence for every verdict

Usage:
  deno task audit [TARGET] [options]     audit TARGET (default: the directory you are in)
  deno task render REPORT.json [--format md|json|sarif] [--out DIR]
  deno task claims PATH...               print the claims read from markdown files or repositories
  deno task annotate REPORT.json [--prefix DIR]   GitHub annotations for contradicted claims

TARGET is a directory, or a git URL (https://, ssh, file://, or a bare repository) with an optional @ref.

Audit options:
  --format md|json|sarif report format, repeatable (default: md and json)
  --out DIR              where to write reports (default: reports/)
  --only IDS             run only these checks (comma-separated ids or prefixes, e.g. tests,build.deno)
  --fail-under LEVEL     exit 1 when the readiness level is below LEVEL (0-5)
  --fail-on-contradicted exit 1 when any claim is contradicted
  --json                 print the JSON report to stdout (progress goes to stderr)
  --python PATH          audit with this existing Python environment instead of a fresh one
  --python-search DIR    look for Python interpreters in DIR too (DIR/python*, DIR/bin/python*,
                         DIR/*/bin/python*), repeatable
  --timeout SECONDS      timeout of one probe (default 600)
  --unsafe-no-sandbox    run the target's code even when no sandbox (bubblewrap, unshare) works here
  -h, --help             this help

Exit codes: 0 ok; 1 below --fail-under (or contradicted claims with --fail-on-contradicted); 2 usage or input error.`;

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
        prefix: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new InputError((error as Error).message.split("\n")[0] ?? "Cannot read the arguments");
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

async function runAudit({ values, positionals }: Parsed): Promise<number> {
  if (positionals.length > 1) {
    throw new InputError(`Cannot audit more than one TARGET: ${positionals.join(" ")}`);
  }
  const failUnder = number(values["fail-under"], "fail-under", 0, 5);
  const timeout = number(values.timeout, "timeout", 1, 86_400);
  const chosen = formats(values);
  const { audit } = await import("./audit.ts");
  const { progressReporter } = await import("./progress.ts");
  const { writeReports } = await import("./report/write.ts");
  const { summaryLines } = await import("./summary.ts");
  const cwd = invocationDir();
  const progress = progressReporter();
  let report;
  try {
    report = await audit({
      target: positionals[0] ?? ".",
      cwd,
      only: (values.only ?? []).flatMap((o) => o.split(",")).map((o) => o.trim()).filter(Boolean),
      ...(values.python ? { python: resolve(cwd, values.python) } : {}),
      pythonSearch: (values["python-search"] ?? []).map((dir) => resolve(cwd, dir)),
      ...(timeout ? { timeoutMs: timeout * 1000 } : {}),
      ...(values["unsafe-no-sandbox"] ? { unsafeNoSandbox: true } : {}),
      onProgress: progress.update,
    });
  } finally {
    progress.stop();
  }
  const written = await writeReports(report, resolve(cwd, values.out ?? "reports"), chosen);
  if (values.json) console.log(JSON.stringify(report, null, 2));
  const log = values.json ? console.error : console.log;
  for (const line of summaryLines(report, written)) log(line);
  if (failUnder !== undefined && report.level.value < failUnder) return 1;
  if (values["fail-on-contradicted"] && report.summary.contradicted > 0) return 1;
  return 0;
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

/** Run the CLI with `args`; returns the exit code. Input errors print one line, never a stack. */
export async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  const commands: Record<string, (p: Parsed) => Promise<number>> = {
    audit: runAudit,
    render: runRender,
    claims: runClaims,
    annotate: runAnnotate,
  };
  try {
    const run = command === undefined ? undefined : commands[command];
    if (run === undefined) {
      throw new InputError(
        `Unknown command ${command ?? "(none)"}: use audit, render, claims or annotate`,
      );
    }
    const parsed = parse(rest);
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
