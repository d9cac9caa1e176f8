import { strictEqual } from "node:assert/strict";
import { parseImportTime } from "./import_time.ts";

Deno.test("parseImportTime() reads the top-level package's cumulative microseconds", async () => {
  const stderr = await Deno.readTextFile(
    new URL("./testdata/importtime_pyok.txt", import.meta.url),
  );
  strictEqual(parseImportTime(stderr, "pyok"), 37182);
  strictEqual(parseImportTime(stderr, "yaml"), undefined, "yaml is nested, not top level");
  strictEqual(parseImportTime(stderr, "encodings"), 1914);
  strictEqual(parseImportTime("Traceback (most recent call last):\n", "pyok"), undefined);
});
