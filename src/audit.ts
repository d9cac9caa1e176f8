/**
 * One audit, end to end: snapshot → detect → checks → claims → level → report.
 * @module
 */
import { join } from "node:path";
import denoJson from "../deno.json" with { type: "json" };
import { checks as registry } from "../checks/mod.ts";
import type { Check, CheckResult } from "./check.ts";
import { collectClaims } from "./claims/collect.ts";
import { cleanupOnSignal } from "./cleanup.ts";
import { verifyClaims } from "./claims/verify.ts";
import { loadConfig } from "./config.ts";
import { InputError } from "./errors.ts";
import { createExecutor } from "./exec/executor.ts";
import { describeSandbox, sandboxVisible } from "./exec/describe.ts";
import { detect } from "./detect.ts";
import type { Facts } from "./facts.ts";
import { hashFile } from "./file_hash.ts";
import { gradeChecks, gradeClaims } from "./level.ts";
import { type Report, ReportSchema } from "./report/schema.ts";
import { type ProgressEvent, runChecks, selectChecks } from "./scheduler.ts";
import { takeSnapshot } from "./snapshot.ts";
import { scriptNames } from "./scripts.ts";
import { withPlaceholders } from "./placeholders.ts";

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
  /** How many checks may run at once (default: the number of cores). */
  concurrency?: number;
  /** Progress of the checks as they start and finish. */
  onProgress?: (event: ProgressEvent) => void;
  /** The checks to choose from (default: the registry). */
  checks?: readonly Check[];
  /** Run target code without a sandbox when none is available (`--unsafe-no-sandbox`). */
  unsafeNoSandbox?: boolean;
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
  const stopCleanup = cleanupOnSignal(work);
  // The sandbox uid must pass through (not list) the audit's area to reach the snapshot.
  await Deno.chmod(work, 0o711);
  try {
    const snapshot = await takeSnapshot(request.target, cwd, work);
    const config = await loadConfig(snapshot.root).catch((error: unknown) => {
      throw error instanceof TypeError ? new InputError(error.message) : error;
    });
    const facts = await detect(snapshot.root, snapshot.files, {
      pythonSearch: request.pythonSearch ?? [],
    });
    const timeoutMs = request.timeoutMs ??
      (config.timeoutSeconds ? config.timeoutSeconds * 1000 : DEFAULT_TIMEOUT_MS);
    let selected: Check[];
    try {
      selected = selectChecks(request.checks ?? registry, request.only ?? []);
    } catch (error) {
      throw new InputError((error as Error).message);
    }
    const tempRoot = join(work, "tmp");
    await Deno.mkdir(tempRoot);
    let dirs = 0;
    const notes = [...(snapshot.target.notes ?? [])];
    const [claims, rawResults, isolation, lockfiles] = await Promise.all([
      collectClaims(snapshot.root, snapshot.files, config.docs, (note) => notes.push(note)),
      runChecks(selected, {
        facts,
        config,
        options: {
          timeoutMs,
          cacheDir: cacheRoot(),
          ...(request.python ? { python: request.python } : {}),
        },
        exec: createExecutor({
          tempRoot,
          snapshotRoot: snapshot.root,
          defaultTimeoutMs: timeoutMs,
          // Read-only to target code; writable to the install steps (`writeCache`).
          cache: [cacheRoot()],
          visible: sandboxVisible(facts),
          ...(request.unsafeNoSandbox ? { unsafeNoSandbox: true } : {}),
        }),
        tempDir: async (prefix) => {
          const dir = join(tempRoot, `${prefix.replace(/[^\w.-]/g, "_")}-${++dirs}`);
          await Deno.mkdir(dir, { recursive: true });
          return dir;
        },
        ...(request.onProgress ? { onProgress: request.onProgress } : {}),
        ...(request.concurrency ? { concurrency: request.concurrency } : {}),
      }),
      describeSandbox(request.unsafeNoSandbox ?? false),
      lockfileHashes(snapshot.root, snapshot.files),
    ]);
    const results = rawResults.map((r) =>
      withPlaceholders(r, [[tempRoot, "$AUDIT_TMP"], [snapshot.root, "$SNAPSHOT"]])
    );
    const checkLevel = gradeChecks(results);
    const verified = verifyClaims({
      claims,
      checks: results,
      level: checkLevel,
      files: snapshot.files,
      scripts: await scriptNames(snapshot.root, facts),
      bindings: config.bindings,
    });
    const level = gradeClaims(checkLevel, verified);
    const count = (v: string) => verified.filter((c) => c.verdict === v).length;
    return ReportSchema.parse({
      schemaVersion: "1",
      tool: { name: "claimcheck", version: denoJson.version },
      createdAt: new Date().toISOString(),
      target: { ...snapshot.target, ...(notes.length > 0 ? { notes } : {}) },
      environment: environment(facts, isolation, lockfiles),
      config: {
        only: [...(request.only ?? [])],
        timeoutMs,
        ...(request.python ? { python: request.python } : {}),
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
    await Deno.remove(work, { recursive: true }).catch(() => {});
  }
}
