/**
 * Test helper: Evidence of a finished probe, with the fields a test cares about overridden.
 * @module
 */
import type { Evidence } from "../src/evidence.ts";

/** Evidence of a command that exited 0 without output, with `overrides` applied. */
export function fakeEvidence(overrides: Partial<Evidence> = {}): Evidence {
  return {
    argv: ["deno"],
    cwd: "/snapshot",
    envKeys: [],
    exitCode: 0,
    signal: null,
    timedOut: false,
    durationMs: 120,
    stdoutHead: "",
    stdoutTail: "",
    stderrHead: "",
    stderrTail: "",
    stdoutBytes: 0,
    stderrBytes: 0,
    outputSha256: "",
    isolation: "none",
    network: false,
    artifacts: [],
    ...overrides,
  };
}

/** Read a recorded deno output from `src/parsers/testdata/`. */
export function recorded(name: string): Promise<string> {
  return Deno.readTextFile(new URL(`../src/parsers/testdata/${name}`, import.meta.url));
}
