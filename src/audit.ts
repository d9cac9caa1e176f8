/**
 * One audit, end to end: snapshot → detect → checks → claims → level → report.
 * @module
 */
import { join } from "node:path";
import denoJson from "../deno.json" with { type: "json" };
import { checks as registry } from "../checks/mod.ts";
import type { Check, CheckResult } from "./check.ts";
import { collectClaims } from "./claims/collect.ts";
import { openExtractionCache } from "./claims/extraction_cache.ts";
import { cleanupOnSignal } from "./cleanup.ts";
import { verifyClaims } from "./claims/verify.ts";
import { CONFIG_FILE, loadConfig } from "./config.ts";
import { InputError } from "./errors.ts";
import { createExecutor } from "./exec/executor.ts";
import { describeSandbox, sandboxVisible } from "./exec/describe.ts";
import { SANDBOX_ID } from "./exec/isolation.ts";
import { leaseSandboxId, type SandboxIdLease } from "./exec/uid_lease.ts";
import { detect } from "./detect.ts";
import type { Facts } from "./facts.ts";
import { hashFile } from "./file_hash.ts";
import { gradeChecks, gradeClaims, type UnselectedCheck } from "./level.ts";
import { type Report, ReportSchema } from "./report/schema.ts";
import { type ProgressEvent, runChecks, selectChecks } from "./scheduler.ts";
import { takeSnapshot } from "./snapshot.ts";
import { scriptNames } from "./scripts.ts";
import { withPlaceholders } from "./placeholders.ts";
import { machinePaths } from "./machine_paths.ts";
import { pipSources } from "./exec/pip_indexes.ts";
import { capTimeouts } from "./probe_timeout.ts";

/** What to audit and how. */
export interface AuditRequest {
  /** A directory, or a git URL / bare repository with an optional `@ref`. */
  target: string;
  /** Directory a relative `target` is resolved against (default: the process's cwd). */
  cwd?: string;
  /** Check ids (or id prefixes) to run, with what they need; all when empty. */
  only?: readonly string[];
  /** An existing Python interpreter to audit with, instead of a fresh environment. */
  python?: string;
  /** More folders to look for Python interpreters in (`--python-search`). */
  pythonSearch?: readonly string[];
  /** Timeout of one probe, in ms (default: the target's config, else 10 minutes). */
  timeoutMs?: number;
  /** Timeout of one install step (a probe with the network on), in ms (default 10 minutes). */
  installTimeoutMs?: number;
  /** How many checks may run at once (default: the number of cores). */
  concurrency?: number;
  /** Progress of the checks as they start and finish. */
  onProgress?: (event: ProgressEvent) => void;
  /** The checks to choose from (default: the registry). */
  checks?: readonly Check[];
  /** Run target code without a sandbox when none is available (`--unsafe-no-sandbox`). */
  unsafeNoSandbox?: boolean;
  /**
   * Stop the audit early (e.g. on SIGINT, see `interruptOnSignal()`): the running probes' process
   * groups are killed, no further check starts, and the report holds the checks that finished,
   * marked `incomplete: true`. Without it, SIGINT and SIGTERM end the process at once.
   */
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const LOCKFILE =
  /^(deno\.lock|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|poetry\.lock|uv\.lock|pdm\.lock|Pipfile\.lock)$/;

/** claimcheck's persistent cache: `CLAIMCHECK_CACHE_DIR`, else `$XDG_CACHE_HOME/claimcheck`. */
export function cacheRoot(): string {
  const explicit = Deno.env.get("CLAIMCHECK_CACHE_DIR");
  if (explicit) return explicit;
  const xdg = Deno.env.get("XDG_CACHE_HOME") ?? join(Deno.env.get("HOME") ?? "/tmp", ".cache");
  return join(xdg, "claimcheck");
}

async function lockfileHashes(
  root: string,
  files: readonly string[],
): Promise<Record<string, string>> {
  const locks = files.filter((f) => LOCKFILE.test(f));
  const entries = await Promise.all(
    locks.map(async (f) => [f, (await hashFile(join(root, f))).sha256] as const),
  );
  return Object.fromEntries(entries);
}

function environment(facts: Facts, isolation: string, lockfiles: Record<string, string>) {
  const tools = facts.interpreters;
  return {
    os: Deno.build.os,
    arch: Deno.build.arch,
    deno: Deno.version.deno,
    ...(tools.python ? { python: tools.python.version } : {}),
    ...(tools.node ? { node: tools.node.version } : {}),
    ...(tools.git ? { git: tools.git.version } : {}),
    isolation,
    lockfiles,
  };
}

/** Every `config.skip` id must name a check; a one-line {@link InputError} names the first that does not. */
function checkSkipIds(skip: readonly string[], checks: readonly Check[]): void {
  const known = new Set(checks.map((c) => c.id));
  const unknown = skip.find((id) => !known.has(id));
  if (unknown !== undefined) {
    throw new InputError(
      `Cannot read claimcheck.json: skip: no such check ${unknown} (known: ${
        [...known].join(", ")
      })`,
    );
  }
}

function tally(results: readonly CheckResult[]): Report["summary"]["checks"] {
  const counts = { pass: 0, fail: 0, warn: 0, skip: 0, unverified: 0, error: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}

/**
 * Audit a target and return its validated report. The target's own tree is only read; probes run
 * in a disposable copy that is removed afterwards. Throws an {@link InputError} for a target or
 * config that cannot be read.
 */
export async function audit(request: AuditRequest): Promise<Report> {
  const cwd = request.cwd ?? Deno.cwd();
  const work = await Deno.makeTempDir({ prefix: "claimcheck-" });
  const stopCleanup = cleanupOnSignal(work, request.signal);
  // The sandbox uid must pass through (not list) the audit's area to reach the snapshot.
  await Deno.chmod(work, 0o711);
  let lease: SandboxIdLease | undefined;
  try {
    const snapshot = await takeSnapshot(request.target, cwd, work);
    const config = await loadConfig(snapshot.root).catch((error: unknown) => {
      throw error instanceof TypeError ? new InputError(error.message) : error;
    });
    checkSkipIds(config.skip, request.checks ?? registry);
    const facts = await detect(snapshot.root, snapshot.files, {
      pythonSearch: request.pythonSearch ?? [],
    });
    if (snapshot.target.commit !== null) facts.gitSource = snapshot.source;
    const timeoutMs = request.timeoutMs ??
      (config.timeoutSeconds ? config.timeoutSeconds * 1000 : DEFAULT_TIMEOUT_MS);
    let selected: Check[];
    try {
      selected = selectChecks(request.checks ?? registry, request.only ?? []);
    } catch (error) {
      throw new InputError((error as Error).message);
    }
    // Checks that would apply but `--only` left out: what they measure is "not measured".
    const notSelected: UnselectedCheck[] = (request.checks ?? registry)
      .filter((c) => !selected.includes(c) && c.applies(facts))
      .map((c) => ({ id: c.id, category: c.category }));
    const tempRoot = join(work, "tmp");
    await Deno.mkdir(tempRoot);
    let dirs = 0;
    const notes = [...(snapshot.target.notes ?? [])];
    // This audit's own sandbox uid: concurrent audits cannot signal or read each other's processes.
    lease = await leaseSandboxId().catch((error: Error) => {
      notes.push(`sandbox uid: ${error.message}; the shared uid ${SANDBOX_ID} is used`);
      return undefined;
    });
    const sandboxId = lease?.id ?? SANDBOX_ID;
    const [claims, rawResults, isolation, lockfiles] = await Promise.all([
      collectClaims(
        snapshot.root,
        snapshot.files,
        config.docs,
        openExtractionCache(join(cacheRoot(), "claims")),
        (note) => notes.push(note),
      ),
      runChecks(selected, {
        facts,
        config,
        options: {
          timeoutMs,
          cacheDir: cacheRoot(),
          ...(request.python ? { python: request.python } : {}),
        },
        exec: capTimeouts(
          createExecutor({
            tempRoot,
            snapshotRoot: snapshot.root,
            defaultTimeoutMs: timeoutMs,
            // Read-only to target code; writable to the install steps (`writeCache`).
            cache: [cacheRoot()],
            visible: sandboxVisible(facts),
            sandboxId,
            ...(request.unsafeNoSandbox ? { unsafeNoSandbox: true } : {}),
            ...(request.signal ? { signal: request.signal } : {}),
          }),
          { probeMs: timeoutMs, installMs: request.installTimeoutMs ?? DEFAULT_TIMEOUT_MS },
        ),
        tempDir: async (prefix) => {
          const dir = join(tempRoot, `${prefix.replace(/[^\w.-]/g, "_")}-${++dirs}`);
          await Deno.mkdir(dir, { recursive: true });
          return dir;
        },
        ...(request.onProgress ? { onProgress: request.onProgress } : {}),
        ...(request.concurrency ? { concurrency: request.concurrency } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      }),
      describeSandbox(request.unsafeNoSandbox ?? false, sandboxId),
      lockfileHashes(snapshot.root, snapshot.files),
    ]);
    const places = machinePaths({
      work,
      tempRoot,
      snapshotRoot: snapshot.root,
      cacheRoot: cacheRoot(),
      facts,
      pip: await pipSources((name) => Deno.env.get(name)),
      env: (name) => Deno.env.get(name),
    });
    const results = rawResults.map((r) => withPlaceholders(r, places));
    // Checks the stop cut short (or never started) measured nothing: what they measure is "not measured".
    notSelected.push(
      ...selected.filter((c) => c.applies(facts) && !results.some((r) => r.id === c.id))
        .map((c): UnselectedCheck => ({ id: c.id, category: c.category, stopped: true })),
    );
    const checkLevel = gradeChecks(results, { only: request.only ?? [], notSelected });
    const verified = verifyClaims({
      claims,
      checks: results,
      level: checkLevel,
      files: snapshot.files,
      scripts: await scriptNames(snapshot.root, facts),
      bindings: config.bindings,
      notSelected,
    });
    const level = gradeClaims(checkLevel, verified);
    const count = (v: string) => verified.filter((c) => c.verdict === v).length;
    return ReportSchema.parse({
      schemaVersion: "1",
      ...(request.signal?.aborted ? { incomplete: true } : {}),
      tool: { name: "claimcheck", version: denoJson.version },
      createdAt: new Date().toISOString(),
      target: { ...snapshot.target, ...(notes.length > 0 ? { notes } : {}) },
      environment: environment(facts, isolation, lockfiles),
      config: {
        only: [...(request.only ?? [])],
        timeoutMs,
        ...(request.installTimeoutMs ? { installTimeoutMs: request.installTimeoutMs } : {}),
        ...(request.python ? { python: request.python } : {}),
        ...(snapshot.files.includes(CONFIG_FILE)
          ? {
            configFile: {
              path: CONFIG_FILE,
              ...(await hashFile(join(snapshot.root, CONFIG_FILE))),
            },
          }
          : {}),
        target: config,
      },
      level,
      checks: results,
      claims: verified,
      summary: {
        verified: count("verified"),
        contradicted: count("contradicted"),
        unverified: count("unverified"),
        checks: tally(results),
      },
    });
  } finally {
    stopCleanup();
    await lease?.release();
    await Deno.remove(work, { recursive: true }).catch(() => {});
  }
}
