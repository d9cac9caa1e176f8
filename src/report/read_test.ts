import { rejects, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import { InputError } from "../errors.ts";
import { readReport } from "./read.ts";

const demo = new URL("../../reports/demo.json", import.meta.url);

async function withReport(edit: (r: Record<string, unknown>) => void): Promise<string> {
  const report = JSON.parse(await Deno.readTextFile(demo));
  edit(report);
  const dir = await Deno.makeTempDir();
  const path = join(dir, "r.json");
  await Deno.writeTextFile(path, JSON.stringify(report));
  return path;
}

Deno.test("readReport() refuses a newer schemaVersion in one line naming the field", async () => {
  const path = await withReport((r) => (r.schemaVersion = "2"));
  await rejects(readReport(path), (e: Error) => {
    strictEqual(e instanceof InputError, true);
    strictEqual(e.message.includes("\n"), false);
    strictEqual(e.message.includes("schemaVersion: 2 is newer"), true);
    return true;
  });
});

Deno.test("readReport() refuses an invalid shape in one line naming the field", async () => {
  const path = await withReport((r) => ((r.level as Record<string, unknown>).value = "high"));
  await rejects(readReport(path), (e: Error) => {
    strictEqual(e instanceof InputError, true);
    strictEqual(e.message.includes("\n"), false);
    strictEqual(e.message.includes("level.value"), true);
    return true;
  });
});

Deno.test("readReport() reads the committed demo report", async () => {
  strictEqual((await readReport(demo.pathname)).schemaVersion, "1");
});
