/**
 * Test helper: a fake Python interpreter, a shell script that answers the interpreter probe of
 * src/interpreters.ts (its path, then its version) or fails when no version is given.
 * @module
 */
import { dirname } from "node:path";

/** Write an executable fake interpreter at `path` that reports `version` (or exits 1). */
export async function fakePython(path: string, version: string | undefined): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  const body = version === undefined ? "exit 1" : `printf '%s\\n%s\\n' "$0" '${version}'`;
  await Deno.writeTextFile(path, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
}
