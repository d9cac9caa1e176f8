/**
 * Reading the output of `python -m build` and pip builds: the first line that says what went
 * wrong, and whether the fault is the harness's environment rather than the project's. Pure.
 * @module
 */
import { missingRequirements } from "./pip_failure.ts";

/** Lines that only announce that an error happened elsewhere. */
const NOISE = [
  /See above for (output|details)/i,
  /subprocess-exited-with-error/,
  /metadata-generation-failed/,
  /^ERROR: Failed (building|to build)/,
  /^ERROR Backend subprocess exited/,
  /^ERROR Failed to install requirements/,
  /This error originates from a subprocess/,
  /^note: /,
  /^\[end of output\]/,
  /^(×|│|╰─>|\*\*\*)/,
  /^ERROR: Could not build wheels/,
  /^ERROR: Command errored out/,
];

const ERROR = [
  /^(?:[A-Za-z_][\w.]*\.)?[A-Z]\w*(?:Error|Exception|Exit|Unavailable)\b(?::|$)/,
  /^error: /i,
  /^ERROR:? /,
  /^fatal: /,
];

/** A line as written, without build's `< `/`> ` relay prefixes and the box drawing pip adds. */
function clean(line: string): string {
  return line.replace(/^\s*(?:[<>] )?/, "").replace(/^[│╰─>]+\s*/, "").trim();
}

/**
 * The first line of `output` that says what went wrong: a Python exception line, `error: …`,
 * `ERROR …` — not pip's or build's "see above" lines. Undefined when there is none.
 *
 * @example
 * ```ts
 * import { firstErrorLine } from "./build_output.ts";
 * firstErrorLine("error: subprocess-exited-with-error\n  RuntimeError: boom\nnote: See above");
 * // "RuntimeError: boom"
 * ```
 */
export function firstErrorLine(output: string): string | undefined {
  for (const raw of output.split(/\r?\n/)) {
    const line = clean(raw);
    if (line === "" || NOISE.some((n) => n.test(line))) continue;
    if (ERROR.some((e) => e.test(line))) return line;
  }
  return undefined;
}

/**
 * Whether a failed build is the harness's fault (its environment or index), and why: a build
 * requirement the index lacks, no `wheel` or backend where the build ran, no build tool.
 * Undefined when the fault lies with the project.
 */
export function harnessFault(output: string): string | undefined {
  const missing = missingRequirements(output);
  if (missing.length > 0) {
    return `the configured index lacks ${missing.map((m) => m.requirement).join(", ")}`;
  }
  if (/invalid command 'bdist_wheel'/.test(output)) {
    return "`wheel` is not installed where the build ran (invalid command 'bdist_wheel')";
  }
  if (/No module named build\b|No module named 'build'/.test(output)) {
    return "the `build` tool is not installed in claimcheck's environment";
  }
  const named = /Cannot import '([\w.]+)'/.exec(output);
  if (named) return `the build backend ${named[1]} is not installed`;
  if (/BackendUnavailable/.test(output)) return "the build backend is not installed";
  if (/ERROR Missing dependencies:/.test(output)) {
    return "the environment lacks build requirements (ERROR Missing dependencies)";
  }
  return undefined;
}
