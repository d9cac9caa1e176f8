import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { parseProbe, pipEnv, PROBE_MARKER } from "./env.ts";

Deno.test("parseProbe() reads the JSON after the marker, whatever the imports printed", () => {
  const out =
    `hello from an import\n${PROBE_MARKER}\n{"tools": {"pytest": true, "coverage": false}, "imports": {"a": null, "b": "ModuleNotFoundError: No module named 'x'"}}\n`;
  deepStrictEqual(parseProbe(out), {
    tools: { pytest: true, coverage: false, build: false },
    imports: { a: null, b: "ModuleNotFoundError: No module named 'x'" },
  });
  strictEqual(parseProbe("Traceback (most recent call last):"), undefined);
  strictEqual(parseProbe(`${PROBE_MARKER}\n{not json`), undefined);
});

Deno.test("pipEnv() sets the cache and points pip at the user's own config unless one is set", () => {
  const env = { HOME: "/home/u" } as Record<string, string>;
  const got = pipEnv("/cache/pip/k1", (k) => env[k], (p) => p === "/home/u/.config/pip/pip.conf");
  strictEqual(got.PIP_CACHE_DIR, "/cache/pip/k1");
  strictEqual(got.PIP_CONFIG_FILE, "/home/u/.config/pip/pip.conf");
  env.PIP_CONFIG_FILE = "/etc/custom.conf";
  strictEqual(pipEnv("/cache", (k) => env[k], () => true).PIP_CONFIG_FILE, undefined);
  strictEqual(pipEnv("/cache", () => undefined, () => true).PIP_CONFIG_FILE, undefined);
});

Deno.test("pipEnv() retries an unreachable index once unless PIP_RETRIES is set", () => {
  strictEqual(pipEnv("/cache", () => undefined, () => false).PIP_RETRIES, "1");
  strictEqual(
    pipEnv("/cache", (k) => (k === "PIP_RETRIES" ? "5" : undefined), () => false).PIP_RETRIES,
    undefined,
  );
});
