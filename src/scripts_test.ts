import { deepStrictEqual } from "node:assert/strict";
import { join } from "node:path";
import type { Facts } from "./facts.ts";
import { scriptNames } from "./scripts.ts";

Deno.test("scriptNames() reads deno.jsonc tasks with comments and trailing commas", async () => {
  const root = await Deno.makeTempDir();
  await Deno.writeTextFile(
    join(root, "deno.jsonc"),
    '{\n  // tasks\n  "tasks": { "serve": "deno run a.ts", "build": "x", },\n}\n',
  );
  const facts = { manifests: [{ kind: "deno.json", path: "deno.jsonc" }] } as unknown as Facts;
  deepStrictEqual(await scriptNames(root, facts), ["build", "serve"]);
});
