import { deepStrictEqual, notStrictEqual, strictEqual } from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  abandonSlot,
  claimSlot,
  envKey,
  envSlot,
  markReady,
  readReady,
  releaseSlot,
} from "./env_cache.ts";

const INPUT = {
  interpreter: { path: "/usr/bin/python3", version: "3.11.7" },
  files: { "pyproject.toml": "ab", "setup.py": "cd" },
  plan: { extras: ["test"], requirements: [] },
  pip: { PIP_INDEX_URL: "file:///opt/pypi/simple" },
};

Deno.test("envKey() is stable under key order and changes with any input", async () => {
  const key = await envKey(INPUT);
  strictEqual(key.length, 24);
  strictEqual(
    await envKey({ ...INPUT, files: { "setup.py": "cd", "pyproject.toml": "ab" } }),
    key,
  );
  notStrictEqual(await envKey({ ...INPUT, files: { ...INPUT.files, "setup.py": "ce" } }), key);
  notStrictEqual(await envKey({ ...INPUT, interpreter: { path: "/py", version: "3.12.1" } }), key);
  notStrictEqual(await envKey({ ...INPUT, plan: { extras: [], requirements: [] } }), key);
});

Deno.test("claimSlot() locks, markReady() writes the marker last, a second claim waits its turn", async () => {
  const cache = await Deno.makeTempDir({ prefix: "claimcheck-envcache-" });
  try {
    const slot = envSlot(cache, "k1");
    strictEqual(await readReady(slot), undefined);
    strictEqual(await claimSlot(slot), true);
    strictEqual(await claimSlot(slot), false, "held by the first claim");
    await Deno.mkdir(slot.venv);
    await markReady(slot, { fromSource: false });
    deepStrictEqual(await readReady(slot), { fromSource: false });
    strictEqual(existsSync(slot.lock), false);

    // a stale lock (an audit that died) is taken over, and what it left is removed
    const stale = envSlot(cache, "k2");
    await Deno.mkdir(join(stale.dir, "venv"), { recursive: true });
    await Deno.writeTextFile(stale.lock, "1\n");
    strictEqual(await claimSlot(stale, Date.now() + 2 * 60 * 60_000), true);
    strictEqual(existsSync(stale.venv), false);
    await releaseSlot(stale);
    strictEqual(existsSync(stale.lock), false);
    strictEqual(await claimSlot(stale), true);
    await abandonSlot(stale);
    strictEqual(existsSync(stale.dir), false);
  } finally {
    await Deno.remove(cache, { recursive: true });
  }
});
