/**
 * `deno task bench:realworld [DIR | LISTFILE]… [--out DIR] [--jobs 1|2] [--timeout SECONDS]`:
 * audit checkouts of real repositories and compare what each audit measured with the figures
 * measured by hand (`bench/realworld_expected.json`, keyed by `owner/name@commit`).
 *
 * A LISTFILE names one checkout directory per line (blank lines and `#` comments ignored); with no
 * argument every directory under `$REALWORLD_DIR` (default `/work/realworld`) is audited. Audits run
 * one at a time (`--jobs 2` at most: two runs at once share the cores and inflate the wall times).
 * Writes each report (`<name>.json`, `<name>.md`), `summary.json` (the rows) and `table.md` to the
 * out directory (default `/tmp/claimcheck-realworld/`), and prints the table.
 * @module
 */
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { audit } from "../mod.ts";
import { writeReports } from "../src/report/write.ts";
import expectedJson from "./realworld_expected.json" with { type: "json" };
import {
  type Expected,
  expectedFor,
  ExpectedSchema,
  failedRow,
  markdownTable,
  type Row,
  rowOf,
} from "./realworld_row.ts";

const DEFAULT_ROOT = "/work/realworld";
const DEFAULT_OUT = "/tmp/claimcheck-realworld";
const USAGE =
  "usage: deno task bench:realworld [DIR | LISTFILE]… [--out DIR] [--jobs 1|2] [--timeout SECONDS]";

async function isDirectory(path: string): Promise<boolean> {
  return (await Deno.stat(path).catch(() => undefined))?.isDirectory ?? false;
}

/** The checkout directories the arguments name (a list file's lines are directories). */
async function targets(args: readonly string[]): Promise<string[]> {
  if (args.length === 0) {
    const root = Deno.env.get("REALWORLD_DIR") ?? DEFAULT_ROOT;
    const dirs: string[] = [];
    for await (const entry of Deno.readDir(root)) {
      if (entry.isDirectory && !entry.name.startsWith(".")) dirs.push(join(root, entry.name));
    }
    return dirs.sort();
  }
  const dirs: string[] = [];
  for (const arg of args) {
    if (await isDirectory(arg)) {
      dirs.push(resolve(arg));
      continue;
    }
    const text = await Deno.readTextFile(arg);
    for (const line of text.split("\n")) {
      const dir = line.replace(/#.*/, "").trim();
      if (dir) dirs.push(resolve(dir));
    }
  }
  return dirs;
}

/** The checkout's HEAD (the harness's own git, no target configuration run). */
async function headOf(dir: string): Promise<string | null> {
  const out = await new Deno.Command("git", {
    args: ["-c", "core.fsmonitor=false", "-C", dir, "rev-parse", "--verify", "-q", "HEAD"],
    stdout: "piped",
    stderr: "null",
  }).output().catch(() => undefined);
  return out?.success ? new TextDecoder().decode(out.stdout).trim() : null;
}

async function benchOne(
  dir: string,
  expected: Expected,
  out: string,
  timeoutMs: number | undefined,
): Promise<Row> {
  const name = basename(dir);
  const began = performance.now();
  console.error(`[realworld] auditing ${dir}`);
  try {
    const report = await audit({ target: dir, ...(timeoutMs ? { timeoutMs } : {}) });
    const ms = performance.now() - began;
    await writeReports(report, out, ["json", "md"], name);
    const row = rowOf(report, expectedFor(expected, report.target.commit), name, ms);
    console.error(
      `[realworld] ${row.repository}: tests ${row.tests.status}, ${(ms / 1000).toFixed(1)} s`,
    );
    return row;
  } catch (error) {
    const ms = performance.now() - began;
    const commit = await headOf(dir);
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[realworld] ${name}: audit threw: ${message}`);
    return failedRow(expectedFor(expected, commit), name, commit, ms, message);
  }
}

/** Run the bench; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: "string", default: DEFAULT_OUT },
        jobs: { type: "string", default: "1" },
        timeout: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const jobs = Number(values.jobs);
  if (jobs !== 1 && jobs !== 2) {
    console.error(`--jobs must be 1 or 2\n${USAGE}`);
    return 2;
  }
  const timeoutMs = values.timeout ? Number(values.timeout) * 1000 : undefined;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) {
    console.error(`--timeout must be a positive number of seconds\n${USAGE}`);
    return 2;
  }
  if (!Deno.env.get("PIP_INDEX_URL")) {
    console.error("[realworld] PIP_INDEX_URL is not set: pip uses its configured indexes only");
  }
  const expected = ExpectedSchema.parse(expectedJson);
  const dirs = await targets(positionals);
  const out = resolve(values.out);
  await Deno.mkdir(out, { recursive: true });
  const rows: Row[] = new Array(dirs.length);
  let next = 0;
  const worker = async () => {
    while (next < dirs.length) {
      const i = next++;
      rows[i] = await benchOne(dirs[i]!, expected, out, timeoutMs);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, dirs.length) }, worker));
  const table = markdownTable(rows);
  await Deno.writeTextFile(join(out, "table.md"), `${table}\n`);
  await Deno.writeTextFile(
    join(out, "summary.json"),
    `${JSON.stringify({ createdAt: new Date().toISOString(), jobs, rows }, null, 2)}\n`,
  );
  console.log(table);
  console.error(`[realworld] reports, summary.json and table.md in ${out}`);
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
