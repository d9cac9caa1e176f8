/**
 * Parse what the `deno` CLI prints: diagnostics (`deno check`, load errors) and the FAILURES
 * section of `deno test`.
 * @module
 */
import { fileURLToPath } from "node:url";

/** One error deno reported, with its place when deno gave one. */
export interface DenoDiagnostic {
  /** TypeScript error code such as `TS2322`; absent for other errors (syntax, module not found). */
  code?: string;
  message: string;
  /** Absolute path for `file:` URLs, the URL itself otherwise. */
  file?: string;
  line?: number;
  column?: number;
}

/** One entry of `deno test`'s FAILURES section. */
export interface DenoTestFailure {
  /** The test name, or e.g. `./b_test.ts (uncaught error)` for an error outside any test. */
  name: string;
  /** The file as deno prints it, relative to the working directory (`./a_test.ts`). */
  file?: string;
  line?: number;
}

// deno colours its output unless NO_COLOR is set; accept both.
// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const TS_HEADER = /^(TS\d+) \[(?:ERROR|WARN)\]: (.*)$/;
const ERROR_HEADER = /^error: (.*)$/;
const LOCATION = /^\s+at (.+):(\d+):(\d+)$/;
/** Closing lines that repeat what the diagnostics above them already said. */
const SUMMARY_ERRORS = new Set(["Type checking failed.", "Test failed"]);

function toPath(specifier: string): string {
  return specifier.startsWith("file://") ? fileURLToPath(specifier) : specifier;
}

function lines(output: string): string[] {
  return output.replace(ANSI, "").split(/\r?\n/);
}

/**
 * Collect the diagnostics of deno's output: `TS2322 [ERROR]: …` blocks and `error: …` lines,
 * each with the `at file:///…:line:col` that follows it (the first one: related information
 * further down is not the error's place).
 *
 * @example
 * ```ts
 * import { parseDenoDiagnostics } from "./deno_output.ts";
 * parseDenoDiagnostics("TS2304 [ERROR]: Cannot find name 'foo'.\n    at file:///a.ts:4:1\n")[0]?.line; // 4
 * ```
 */
export function parseDenoDiagnostics(output: string): DenoDiagnostic[] {
  const all = lines(output);
  const found: DenoDiagnostic[] = [];
  for (const [i, line] of all.entries()) {
    const ts = TS_HEADER.exec(line);
    const err = ts ? null : ERROR_HEADER.exec(line);
    const message = ts?.[2] ?? err?.[1];
    if (message === undefined || SUMMARY_ERRORS.has(message)) continue;
    const diagnostic: DenoDiagnostic = { message };
    if (ts?.[1] !== undefined) diagnostic.code = ts[1];
    for (const next of all.slice(i + 1)) {
      if (next.trim() === "" || TS_HEADER.test(next) || ERROR_HEADER.test(next)) break;
      const at = LOCATION.exec(next);
      if (at) {
        diagnostic.file = toPath(at[1] as string);
        diagnostic.line = Number(at[2]);
        diagnostic.column = Number(at[3]);
        break;
      }
    }
    found.push(diagnostic);
  }
  return found;
}

const FAILURE_AT = /^(.*) => (.+):(\d+):\d+$/;
const UNCAUGHT = /^(\S+) \(uncaught error\)$/;

/**
 * Read the FAILURES section `deno test` prints after its run: one entry per failed test or
 * per module that failed outside a test (which the JUnit report leaves out).
 *
 * @example
 * ```ts
 * import { parseDenoTestFailures } from "./deno_output.ts";
 * parseDenoTestFailures(" FAILURES \n\nt => ./a_test.ts:3:6\n\nFAILED | 0 passed | 1 failed\n")[0]?.line; // 3
 * ```
 */
export function parseDenoTestFailures(stdout: string): DenoTestFailure[] {
  const all = lines(stdout);
  const start = all.findIndex((l) => l.trim() === "FAILURES");
  if (start === -1) return [];
  const failures: DenoTestFailure[] = [];
  for (const line of all.slice(start + 1)) {
    if (/^(FAILED|ok) \|/.test(line)) break;
    if (line.trim() === "") continue;
    const at = FAILURE_AT.exec(line);
    const uncaught = at ? null : UNCAUGHT.exec(line);
    if (at) {
      failures.push({ name: at[1] as string, file: at[2] as string, line: Number(at[3]) });
    } else if (uncaught) {
      failures.push({ name: line, file: uncaught[1] as string });
    } else {
      failures.push({ name: line });
    }
  }
  return failures;
}
