import { deepStrictEqual, rejects, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import { CONFIG_FILE, DEFAULT_CONFIG, loadConfig } from "./config.ts";

async function withConfig(text: string | null): Promise<string> {
  const root = await Deno.makeTempDir();
  if (text !== null) await Deno.writeTextFile(join(root, CONFIG_FILE), text);
  return root;
}

Deno.test("loadConfig() gives the defaults without a file and validates one", async () => {
  deepStrictEqual(await loadConfig(await withConfig(null)), DEFAULT_CONFIG);
  const config = await loadConfig(
    await withConfig(
      `{"coverageThreshold": 90, "bindings": [{"claim": "export", "command": ["python", "x.py"]}]}`,
    ),
  );
  strictEqual(config.coverageThreshold, 90);
  strictEqual(config.bindings[0]?.runs, 5);
});

Deno.test("loadConfig() names the file and the field that is wrong", async (t) => {
  const cases: Array<[string, RegExp]> = [
    ["{ nope", /^Cannot parse claimcheck.json: /],
    [`{"coverageThreshold": 120}`, /^Cannot read claimcheck.json: coverageThreshold: /],
    [
      `{"bindings": [{"claim": "x"}]}`,
      /^Cannot read claimcheck.json: bindings.0: .*exactly one of/,
    ],
    [`{"unknown": 1}`, /^Cannot read claimcheck.json: \(root\): /],
    [
      `{"docs": ["docs/{a.md"]}`,
      /^Cannot read claimcheck.json: docs.0: Cannot read glob "docs\/\{a.md": /,
    ],
  ];
  for (const [text, message] of cases) {
    await t.step(text, async () => {
      await rejects(loadConfig(await withConfig(text)), (e: Error) => {
        strictEqual(e instanceof TypeError, true);
        strictEqual(message.test(e.message), true, e.message);
        return true;
      });
    });
  }
});

Deno.test("loadConfig() does not read through a symbolic link", async () => {
  const root = await withConfig(null);
  await Deno.symlink("/etc/passwd", join(root, CONFIG_FILE));
  await rejects(loadConfig(root), /it is a symbolic link/);
});
