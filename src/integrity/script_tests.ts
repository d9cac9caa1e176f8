/**
 * tests.vacuous over a target's JavaScript/TypeScript test files: which files the target's runner
 * would pick up, read defensively, and scanned by `vacuous_js.ts` (loaded only when there are
 * such files: the TypeScript parser is large).
 * @module
 */
import { isDenoTestFile, isOwnFile, loadDenoTarget } from "../deno_target.ts";
import type { Facts } from "../facts.ts";
import { readSnapshotText } from "./snapshot_text.ts";
import type { VacuousScan } from "./vacuous.ts";

/** Whether `path` is a JavaScript/TypeScript test file by the Deno, node:test, jest and vitest conventions. */
export function isScriptTestFile(path: string): boolean {
  if (/(^|\/)(node_modules|\.git|dist|build|coverage|vendor)\//.test(path)) return false;
  if (!/\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/.test(path) || /\.d\.[mc]?ts$/.test(path)) return false;
  const name = path.split("/").at(-1) as string;
  return /(^|[._-])(test|spec)\.[^.]+$/.test(name) || /^test[-_]/.test(name) ||
    /(^|\/)__tests__\//.test(path);
}

/**
 * The target's own JavaScript/TypeScript test files: for a Deno target those `deno test` picks up by
 * default, outside its config's `exclude`; for a Node target the node:test/jest/vitest names. Fixtures,
 * test data and vendored folders are never the target's tests.
 */
export async function scriptTestFiles(facts: Facts): Promise<string[]> {
  const deno = facts.ecosystems.includes("deno");
  const node = facts.ecosystems.includes("node");
  if (!deno && !node) return [];
  const config = deno ? await loadDenoTarget(facts).then((t) => t.config, () => ({})) : {};
  return facts.files.filter((f) =>
    (deno && isDenoTestFile(f) || node && isScriptTestFile(f)) && isOwnFile({ config }, f)
  );
}

/** The test functions of `files` (relative to `root`); a file that cannot be read or parsed is a parse error. */
export async function scriptTestScan(root: string, files: readonly string[]): Promise<VacuousScan> {
  const scan: VacuousScan = { tests: [], parseErrors: [] };
  if (files.length === 0) return scan;
  const { scanScriptTests } = await import("./vacuous_js.ts");
  for (const file of files) {
    const text = await readSnapshotText(root, file);
    if (text === undefined) {
      scan.parseErrors.push({
        file,
        line: 1,
        message: "not read: not a regular file, or too large",
      });
      continue;
    }
    try {
      scan.tests.push(...scanScriptTests(file, text));
    } catch (error) {
      scan.parseErrors.push({ file, line: 1, message: String(error) });
    }
  }
  return scan;
}
