/**
 * What the Deno checks share about a target: its root config, its entry points, test and
 * source files, and the DENO_DIR its dependencies are installed into.
 * @module
 */
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { CheckContext, CheckOutcome, Evidence, Finding } from "./check.ts";
import { hashFile } from "./file_hash.ts";
import { globMatcher, globProblem } from "./glob.ts";
import { parseJsonc } from "./jsonc.ts";
import type { Facts } from "./facts.ts";
import { readProbeFile, safeReadText } from "./safe_read.ts";
import { type DenoDiagnostic, parseDenoDiagnostics } from "./parsers/deno_output.ts";

/** The parts of a root `deno.json`/`deno.jsonc` the checks read. */
export interface DenoConfig {
  exports?: unknown;
  tasks?: unknown;
  exclude?: unknown;
  imports?: unknown;
  scopes?: unknown;
}

/** A Deno target as the checks see it. */
export interface DenoTarget {
  /** Absolute path of the snapshot. */
  root: string;
  /** The deno binary to run. */
  deno: string;
  /** The root config file (relative), if any. */
  configPath?: string;
  config: DenoConfig;
  /** The snapshot's files (relative, sorted). */
  files: readonly string[];
}

const TS_SOURCE = /\.(ts|tsx|mts)$/;
/** deno test's default pattern: `{*_,*.,}test.{ts,tsx,mts,js,mjs,jsx}`. */
const TEST_FILE = /(^|\/|_|\.)test\.(ts|tsx|mts|js|mjs|jsx)$/;
/** {@link TEST_FILE} as a regular expression for deno's own `--exclude` flags. */
export const TEST_FILE_PATTERN: string = TEST_FILE.source;
/** Folders that hold someone else's code or deliberate test material, never the target's source. */
const NOT_OWN = /(^|\/)(fixtures|testdata|node_modules|vendor)\//;
const LOCAL_SPECIFIER = /^(\.{0,2}\/|node:)/;

/**
 * `location` (an absolute path, a `file:` URL or a path relative to `root`) as a POSIX path
 * relative to `root`; undefined when it lies outside the root or is a remote URL.
 */
export function ownPath(root: string, location: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]+:/i.test(location) && !location.startsWith("file:")) return undefined;
  const path = location.startsWith("file:") ? fileURLToPath(location) : location;
  const rel = relative(root, resolve(root, path));
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return undefined;
  return rel.split(sep).join("/");
}

/** A deno diagnostic as a finding: at its file and line when that file is the target's own. */
export function diagnosticFinding(root: string, d: DenoDiagnostic): Finding {
  const text = d.code ? `${d.code}: ${d.message}` : d.message;
  const file = d.file === undefined ? undefined : ownPath(root, d.file);
  if (file === undefined) {
    return { message: d.file ? `${text} (at ${d.file}:${d.line}:${d.column})` : text };
  }
  return { message: text, file, ...(d.line ? { line: d.line } : {}) };
}

/** Whether `path` is a file `deno test` picks up by default. */
export function isDenoTestFile(path: string): boolean {
  return TEST_FILE.test(path);
}

/**
 * Parse the text of a root `deno.json`/`deno.jsonc` (named `path` in errors).
 * Throws a `TypeError` ("Cannot parse deno.json: …") when it is not a JSON object.
 */
export function parseDenoConfig(text: string, path: string): DenoConfig {
  const raw = parseJsonc(text, path);
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new TypeError(`Cannot parse ${path}: not a JSON object`);
  }
  return raw as DenoConfig;
}

/**
 * The Deno target of `facts`: its root config (when there is one) and the deno binary from the
 * facts, else the one running claimcheck. Throws a `TypeError` when the root config is malformed.
 */
export async function loadDenoTarget(facts: Facts): Promise<DenoTarget> {
  const deno = facts.interpreters.deno?.path ?? Deno.execPath();
  const configPath = ["deno.json", "deno.jsonc"].find((f) => facts.files.includes(f));
  const target = { root: facts.root, deno, files: facts.files };
  if (configPath === undefined) return { ...target, config: {} };
  const text = await safeReadText(facts.root, configPath, { maxBytes: 8 * 1024 * 1024 });
  return { ...target, configPath, config: parseDenoConfig(text, configPath) };
}

/**
 * Load the Deno target of `ctx.facts` and run `probe` on it; a malformed root config is the
 * target's own failure (`fail`, at the config file), not the probe's.
 */
export async function withDenoTarget(
  ctx: Pick<CheckContext, "facts">,
  probe: (target: DenoTarget) => Promise<CheckOutcome>,
): Promise<CheckOutcome> {
  let target: DenoTarget;
  try {
    target = await loadDenoTarget(ctx.facts);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    const file = ["deno.json", "deno.jsonc"].find((f) => ctx.facts.files.includes(f));
    return {
      status: "fail",
      summary: error.message,
      findings: [{ message: error.message, ...(file ? { file } : {}) }],
    };
  }
  return await probe(target);
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

function normalize(path: string): string {
  return path.replace(/^\.\//, "").replace(/\/+$/, "");
}

/**
 * Whether the config's `exclude` (paths, folders or globs; `!` negations and globs that cannot be
 * read ignored, as the checks that run deno report those) leaves `path` out.
 */
export function isExcluded(config: DenoConfig, path: string): boolean {
  return strings(config.exclude)
    .filter((p) => !p.startsWith("!"))
    .map(normalize)
    .filter((p) => p !== "" && globProblem(p) === undefined)
    .some((p) => globMatcher(p)(path) || globMatcher(`${p}/**`)(path));
}

/** Whether `path` is the target's own code: not vendored, not fixtures, not excluded by its config. */
export function isOwnFile(target: Pick<DenoTarget, "config">, path: string): boolean {
  return !NOT_OWN.test(path) && !isExcluded(target.config, path);
}

/** The target's own TypeScript files that are not tests. */
export function sourceFiles(target: Pick<DenoTarget, "config" | "files">): string[] {
  return target.files.filter((f) =>
    TS_SOURCE.test(f) && !isDenoTestFile(f) && isOwnFile(target, f)
  );
}

/** Benchmarks: the target's code, but no product code that tests should cover. */
const BENCH = /(^|\/)(bench|benches|benchmarks)\//;

/** Source files coverage should account for: own non-test source outside benchmark folders. */
export function coverableFiles(target: Pick<DenoTarget, "config" | "files">): string[] {
  return sourceFiles(target).filter((f) => !BENCH.test(f));
}

/**
 * Whether a TypeScript module declares only types (no runtime code, so no test ever "loads" it):
 * every top-level statement, comments removed, is a type, an interface or a type-only import/export.
 */
export function isTypeOnly(source: string): boolean {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const topLevel = code.split("\n").filter((line) => /^\S/.test(line) && !/^[}\])]/.test(line));
  return topLevel.every((line) =>
    /^(export\s+)?(declare\s+)?(type|interface)\b|^(import|export)\s+type\b/.test(line)
  );
}

/** The target's own test files (deno test's default pattern). */
export function testFiles(target: Pick<DenoTarget, "config" | "files">): string[] {
  return target.files.filter((f) => isDenoTestFile(f) && isOwnFile(target, f));
}

/** Task commands of a config: `"tasks": { "x": "cmd" }` or `{ "x": { "command": "cmd" } }`. */
function taskCommands(tasks: unknown): string[] {
  if (tasks === null || typeof tasks !== "object") return [];
  return Object.values(tasks).flatMap((t) =>
    typeof t === "string" ? [t] : strings((t as { command?: unknown } | null)?.command)
  );
}

/**
 * The files `deno check` starts from: the config's `exports` and the TypeScript files its tasks
 * name (tests left out); all source files when none of those resolves to one.
 */
export function entryPoints(target: Pick<DenoTarget, "config" | "files">): string[] {
  const sources = new Set(sourceFiles(target));
  const named = [
    ...strings(target.config.exports),
    ...taskCommands(target.config.tasks).flatMap((cmd) => cmd.split(/\s+/)),
  ].map((s) => normalize(s.replace(/^["']|["']$/g, "")));
  const entries = [...new Set(named.filter((p) => sources.has(p)))];
  return entries.length > 0 ? entries.sort() : [...sources];
}

/**
 * Whether the target declares modules that must be fetched: non-local specifiers in its import
 * map, or a deno.lock / package.json at its root.
 */
export function needsInstall(target: Pick<DenoTarget, "config" | "files">): boolean {
  const mapped = [
    ...strings(target.config.imports),
    ...strings(target.config.scopes),
  ];
  return mapped.some((s) => !LOCAL_SPECIFIER.test(s)) ||
    target.files.includes("deno.lock") || target.files.includes("package.json");
}

/** Whether deno's output says a module could not be fetched (the sandbox has no network). */
export function isFetchFailure(output: string): boolean {
  return /error sending request|dns error|failed to lookup address|not found in cache|--cached-only/i
    .test(output);
}

/**
 * `unverified` when deno's `output` says a module could not be fetched: the harness's failure
 * (nothing was cached for it), not the target's. Undefined otherwise.
 */
export function offlineOutcome(
  output: string,
  diagnostics: readonly DenoDiagnostic[],
): CheckOutcome | undefined {
  if (!isFetchFailure(output)) return undefined;
  return {
    status: "unverified",
    summary: `Cannot load the target's modules without network: ${
      diagnostics[0]?.message ?? "a module was not cached"
    }`,
  };
}

/**
 * The outcome of a deno command that did not run to its end: `unverified` when it could not
 * start, `error` when it timed out. Undefined when it ended by itself.
 */
export function unfinishedOutcome(e: Evidence, command: string): CheckOutcome | undefined {
  if (e.startError !== undefined) {
    return { status: "unverified", summary: `Cannot run deno: ${e.startError}` };
  }
  if (e.timedOut) {
    return {
      status: "error",
      summary: `${command} timed out after ${Math.round(e.durationMs)} ms and was killed`,
    };
  }
  return undefined;
}

/** Where a finding points, as `file:line` (or `file`); empty when it has no file. */
export function place(f: Finding): string {
  if (f.file === undefined) return "";
  return f.line === undefined ? f.file : `${f.file}:${f.line}`;
}

/**
 * The environment of every deno command for this target: a DENO_DIR in claimcheck's cache keyed
 * by the hash of deno.lock (else the root config), no update check, no colour.
 */
export async function denoEnv(
  ctx: Pick<CheckContext, "options">,
  target: DenoTarget,
): Promise<Record<string, string>> {
  const keyFile = target.files.includes("deno.lock") ? "deno.lock" : target.configPath;
  const key = keyFile === undefined
    ? "no-config"
    : (await hashFile(join(target.root, keyFile))).sha256.slice(0, 16);
  const denoDir = join(ctx.options.cacheDir, "deno", key);
  await Deno.mkdir(denoDir, { recursive: true });
  return { DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1", NO_COLOR: "1" };
}

/**
 * Variables the install step needs to reach a registry from behind a proxy or a TLS-intercepting
 * gateway (CA bundles, proxy settings); passed when set, to that one networked step only.
 */
export const INSTALL_PASS_ENV = [
  "DENO_CERT",
  "DENO_TLS_CA_STORE",
  "NODE_EXTRA_CA_CERTS",
  "SSL_CERT_FILE",
  "HTTPS_PROXY",
  "HTTP_PROXY",
  "NO_PROXY",
  "NPM_CONFIG_REGISTRY",
] as const;

/**
 * Fetch the target's dependencies into DENO_DIR (`deno cache` over `files`, the one deno step with
 * network) when it declares any. Returns an `unverified` outcome when that fails, else undefined.
 */
export async function installDependencies(
  ctx: Pick<CheckContext, "exec">,
  target: DenoTarget,
  env: Record<string, string>,
  files: readonly string[],
): Promise<CheckOutcome | undefined> {
  if (!needsInstall(target) || files.length === 0) return undefined;
  const run = await ctx.exec([target.deno, "cache", "--allow-import", ...files], {
    cwd: target.root,
    env,
    passEnv: INSTALL_PASS_ENV,
    network: true,
    writeCache: env.DENO_DIR ? [env.DENO_DIR] : [],
  });
  const e = run.evidence;
  if (e.startError !== undefined) {
    return { status: "unverified", summary: `Cannot run deno: ${e.startError}` };
  }
  if (e.exitCode === 0) return undefined;
  const why = e.timedOut ? "timed out" : `exited ${e.exitCode ?? e.signal}`;
  const first = parseDenoDiagnostics(await readOutput(run.stderrPath))[0];
  return {
    status: "unverified",
    summary: `Cannot install the target's Deno dependencies: deno cache ${why}${
      first ? `: ${first.message}` : ""
    }`,
  };
}

/** Read up to `maxBytes` of a file the executor wrote (its full stdout or stderr). */
export function readOutput(path: string, maxBytes = 8 * 1024 * 1024): Promise<string> {
  return readProbeFile(path, maxBytes);
}
