/**
 * The scheduler: runs the selected checks concurrently in dependency order.
 * @module
 */
import type {
  AuditOptions,
  Check,
  CheckContext,
  CheckResult,
  DependencyResult,
  Status,
} from "./check.ts";
import type { TargetConfig } from "./config.ts";
import type { Evidence } from "./evidence.ts";
import { AUDIT_STOPPED, NO_ISOLATION } from "./exec/executor.ts";
import type { Exec } from "./exec/types.ts";
import type { Facts } from "./facts.ts";

/** What the scheduler tells the progress display. */
export type ProgressEvent =
  | { kind: "plan"; total: number }
  | { kind: "start"; id: string }
  | { kind: "finish"; result: CheckResult };

/** What every check of one audit shares. */
export interface ScheduleOptions {
  facts: Facts;
  config: TargetConfig;
  options: AuditOptions;
  exec: Exec;
  /** Creates a fresh directory in the audit's temporary area. */
  tempDir: (prefix: string) => Promise<string>;
  /** How many checks may run at once (default: the number of cores). */
  concurrency?: number;
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Once aborted, no further check starts, and a check still running (its probes killed) is left
   * out: the results hold only the checks that finished before.
   */
  signal?: AbortSignal;
}

/**
 * The checks to run for `only` (ids or id prefixes such as `tests`), with everything they need;
 * all checks when `only` is empty. Throws a `TypeError` for an id that matches nothing.
 */
export function selectChecks(all: readonly Check[], only: readonly string[]): Check[] {
  if (only.length === 0) return [...all];
  const byId = new Map(all.map((c) => [c.id, c]));
  const chosen = new Set<string>();
  const add = (id: string) => {
    if (chosen.has(id)) return;
    const check = byId.get(id);
    if (!check) return;
    chosen.add(id);
    check.needs?.forEach(add);
  };
  for (const wanted of only) {
    const hits = all.filter((c) => c.id === wanted || c.id.startsWith(`${wanted}.`));
    if (hits.length === 0) {
      throw new TypeError(
        `Cannot select check ${wanted}: no such check (known: ${all.map((c) => c.id).join(", ")})`,
      );
    }
    hits.forEach((c) => add(c.id));
  }
  return all.filter((c) => chosen.has(c.id));
}

function limiter(size: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await job();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

function skipped(check: Check, summary: string): CheckResult {
  return {
    id: check.id,
    category: check.category,
    status: "skip",
    summary,
    durationMs: 0,
    measurements: [],
    evidence: [],
    findings: [],
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Run `checks` (already selected), each after the checks it `needs`, at most `concurrency` at a
 * time. A check that does not apply is `skip`; a check that throws is `error` and the rest go on.
 * Results come back in the order of `checks`; after `signal` aborts, only those that finished
 * before it.
 */
export async function runChecks(
  checks: readonly Check[],
  shared: ScheduleOptions,
): Promise<CheckResult[]> {
  const run = limiter(shared.concurrency ?? navigator.hardwareConcurrency ?? 2);
  const done = new Map<string, Promise<DependencyResult>>();
  const ids = new Set(checks.map((c) => c.id));
  const notRun = new Set<string>();

  const execute = async (check: Check): Promise<DependencyResult> => {
    const needs = (check.needs ?? []).filter((id) => ids.has(id));
    const deps = new Map<string, DependencyResult>();
    for (const id of needs) deps.set(id, await start(checks.find((c) => c.id === id) as Check));
    const skip = shared.config.skip.includes(check.id)
      ? "skipped by claimcheck.json"
      : check.applies(shared.facts)
      ? undefined
      : "does not apply to this target";
    if (skip !== undefined) {
      const result = skipped(check, skip);
      shared.onProgress?.({ kind: "finish", result });
      return { result, data: undefined };
    }
    return await run(async () => {
      if (shared.signal?.aborted) {
        notRun.add(check.id);
        return { result: skipped(check, AUDIT_STOPPED), data: undefined };
      }
      shared.onProgress?.({ kind: "start", id: check.id });
      const evidence: Evidence[] = [];
      const ctx: CheckContext = {
        facts: shared.facts,
        config: shared.config,
        options: shared.options,
        exec: async (argv, options) => {
          const out = await shared.exec(argv, options);
          evidence.push(out.evidence);
          return { ...out, index: evidence.length - 1 };
        },
        dependency: (id) => deps.get(id),
        tempDir: (prefix) => shared.tempDir(`${check.id}-${prefix}`),
      };
      const began = performance.now();
      let status: Status;
      let summary: string;
      let outcome;
      try {
        outcome = await check.run(ctx);
        status = outcome.status;
        summary = outcome.summary;
      } catch (error) {
        status = "error";
        summary = `The check itself failed: ${errorMessage(error)}`;
      }
      // A check whose commands the executor refused for want of a sandbox could not run here: that
      // is claimcheck's inability, never a verdict on the target.
      if (status !== "skip" && evidence.some((e) => e.startError === NO_ISOLATION)) {
        status = "unverified";
        summary = `Target code was not run: ${NO_ISOLATION}`;
      }
      const result: CheckResult = {
        id: check.id,
        category: check.category,
        status,
        summary,
        durationMs: performance.now() - began,
        measurements: outcome?.measurements ?? [],
        evidence,
        findings: outcome?.findings ?? [],
        ...(outcome?.plan ? { plan: outcome.plan } : {}),
      };
      if (shared.signal?.aborted) {
        notRun.add(check.id);
        return { result, data: undefined };
      }
      shared.onProgress?.({ kind: "finish", result });
      return { result, data: outcome?.data };
    });
  };

  const start = (check: Check): Promise<DependencyResult> => {
    let promise = done.get(check.id);
    if (!promise) {
      promise = execute(check);
      done.set(check.id, promise);
    }
    return promise;
  };

  shared.onProgress?.({ kind: "plan", total: checks.length });
  const results = await Promise.all(checks.map(start));
  return results.map((r) => r.result).filter((r) => !notRun.has(r.id));
}
