/**
 * Parse the report of `python -X importtime`.
 * @module
 */

const LINE = /^import time:\s+(\d+) \|\s+(\d+) \| (\S.*?)\s*$/;

/**
 * The cumulative import time, in microseconds, of the top-level module `name` from the stderr of
 * `python -X importtime -c "import name"`; undefined when it was not imported at top level.
 *
 * @example
 * ```ts
 * import { parseImportTime } from "./import_time.ts";
 * parseImportTime("import time:       481 |      43645 | pyok\n", "pyok"); // 43645
 * ```
 */
export function parseImportTime(stderr: string, name: string): number | undefined {
  let found: number | undefined;
  for (const line of stderr.split(/\r?\n/)) {
    const match = LINE.exec(line);
    if (match && match[3] === name) found = Number(match[2]);
  }
  return found;
}
