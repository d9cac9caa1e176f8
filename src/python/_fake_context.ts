/**
 * Test helper: a CheckContext whose executor is scripted, for unit tests of the Python checks.
 * A handler answers each command (exit code, output, files it "writes"); every call is kept.
 * @module
 */
import { dirname, join } from "node:path";
import { fakeEvidence } from "../../checks/_fake_evidence.ts";
import type { AuditOptions, CheckContext, CheckResult, DependencyResult } from "../check.ts";
import { DEFAULT_CONFIG, type TargetConfig } from "../config.ts";
import type { ExecOptions } from "../exec/types.ts";
import type { Facts } from "../facts.ts";
import type { PythonEnv } from "./env.ts";

/** How a scripted command ends. */
export interface FakeRun {
  exitCode?: number | null;
  stdout?: string;
  stderr?: string;
  timedOut?: boolean;
  /** Files the command produces: absolute path → content. */
  write?: Record<string, string | Uint8Array>;
}

/** One recorded call. */
export interface FakeCall {
  argv: string[];
  options: ExecOptions;
}

/** What `fakeContext()` takes. */
export interface FakeContextInput {
  facts?: Partial<Facts>;
  config?: Partial<TargetConfig>;
  options?: Partial<AuditOptions>;
  dependencies?: Record<string, { result?: Partial<CheckResult>; data: unknown }>;
  handler: (argv: string[], options: ExecOptions) => FakeRun | Promise<FakeRun>;
}

/** A scripted context, its recorded calls, and the temporary folder to remove afterwards. */
export interface FakeContext {
  ctx: CheckContext;
  calls: FakeCall[];
  temp: string;
  [Symbol.asyncDispose](): Promise<void>;
}

function dependency(
  id: string,
  dep: { result?: Partial<CheckResult>; data: unknown },
): DependencyResult {
  return {
    result: {
      id,
      category: "deps",
      status: "pass",
      summary: "",
      durationMs: 0,
      measurements: [],
      evidence: [],
      findings: [],
      ...dep.result,
    },
    data: dep.data,
  };
}

/** A context over a scripted executor; use with `await using`. */
export async function fakeContext(input: FakeContextInput): Promise<FakeContext> {
  const temp = await Deno.makeTempDir({ prefix: "claimcheck-fake-" });
  const calls: FakeCall[] = [];
  let dirs = 0;
  const facts: Facts = {
    root: join(temp, "snapshot"),
    files: [],
    ecosystems: ["python"],
    manifests: [],
    testRunners: ["pytest"],
    docs: [],
    models: [],
    interpreters: { python: { path: "/usr/bin/python3", version: "3.11.7" } },
    pythons: [{ path: "/usr/bin/python3", version: "3.11.7" }],
    ...input.facts,
  };
  await Deno.mkdir(facts.root, { recursive: true });
  const ctx: CheckContext = {
    facts,
    config: { ...DEFAULT_CONFIG, ...input.config },
    options: { timeoutMs: 60_000, cacheDir: join(temp, "cache"), ...input.options },
    exec: async (argv, options = {}) => {
      calls.push({ argv, options });
      const run = await input.handler(argv, options);
      for (const [path, content] of Object.entries(run.write ?? {})) {
        await Deno.mkdir(dirname(path), { recursive: true });
        if (typeof content === "string") await Deno.writeTextFile(path, content);
        else await Deno.writeFile(path, content);
      }
      const index = calls.length - 1;
      const stdoutPath = join(temp, `${index}.stdout`);
      const stderrPath = join(temp, `${index}.stderr`);
      await Deno.writeTextFile(stdoutPath, run.stdout ?? "");
      await Deno.writeTextFile(stderrPath, run.stderr ?? "");
      const evidence = fakeEvidence({
        argv,
        cwd: options.cwd ?? facts.root,
        exitCode: run.timedOut ? null : run.exitCode === undefined ? 0 : run.exitCode,
        timedOut: run.timedOut ?? false,
        signal: run.timedOut ? "SIGKILL" : null,
        stdoutHead: run.stdout ?? "",
        stderrHead: run.stderr ?? "",
        network: options.network !== undefined && options.network !== false,
      });
      return { evidence, index, stdoutPath, stderrPath };
    },
    dependency: (id) => {
      const dep = input.dependencies?.[id];
      return dep ? dependency(id, dep) : undefined;
    },
    tempDir: async (prefix) => {
      const dir = join(temp, `${prefix}-${++dirs}`);
      await Deno.mkdir(dir, { recursive: true });
      return dir;
    },
  };
  return {
    ctx,
    calls,
    temp,
    [Symbol.asyncDispose]: () => Deno.remove(temp, { recursive: true }),
  };
}

/** The value of a `--name=value` argument in `argv`. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  return argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

/** The environment install.python hands over: a venv with every tool, `overrides` applied. */
export function fakePythonEnv(overrides: Partial<PythonEnv> = {}): PythonEnv {
  return {
    python: "/venv/bin/python",
    mode: "venv",
    installed: true,
    buildReady: true,
    tools: { pytest: true, coverage: true, build: true },
    packages: [],
    imports: {},
    importCwd: "/tmp/import",
    ...overrides,
  };
}
