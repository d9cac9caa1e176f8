import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import { NO_CHROMIUM } from "./screenshot.ts";

const ROOT = new URL("../..", import.meta.url).pathname;

Deno.test("deno task screenshot without chromium fails with one line that says how to install it", async () => {
  const empty = await Deno.makeTempDir({ prefix: "cc-no-chromium-" });
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["task", "screenshot", "reports/demo.json"],
      cwd: ROOT,
      env: { NO_COLOR: "1", PATH: empty },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    strictEqual(out.code, 2, stderr);
    // Besides deno task's own echo of the command.
    const lines = stderr.split("\n").filter((l) => l !== "" && !l.startsWith("Task "));
    deepStrictEqual(lines, [`claimcheck: ${NO_CHROMIUM}`]);
  } finally {
    await Deno.remove(empty, { recursive: true });
  }
});

Deno.test("the README says how to install the screenshot task's chromium", async () => {
  match(await Deno.readTextFile(`${ROOT}README.md`), /apt-get install chromium/);
});
