import { deepStrictEqual, strictEqual } from "node:assert/strict";
import type { Exec, ExecOptions } from "./exec/types.ts";
import { capTimeouts, isInstallStep } from "./probe_timeout.ts";

Deno.test("capTimeouts() bounds probes by --timeout and installs by --install-timeout", async () => {
  const seen: Array<number | undefined> = [];
  const exec: Exec = (_argv, options) => {
    seen.push(options?.timeoutMs);
    return Promise.reject(new Error("not run"));
  };
  const capped = capTimeouts(exec, { probeMs: 5_000, installMs: 60_000 });
  const cases: ExecOptions[] = [
    { timeoutMs: 300_000 },
    { timeoutMs: 1_000 },
    {},
    { timeoutMs: 300_000, network: true },
    { network: true },
  ];
  for (const options of cases) await capped(["x"], options).catch(() => {});
  await capped(["/usr/bin/python3", "-m", "venv", "/tmp/v"], { timeoutMs: 120_000 }).catch(
    () => {},
  );
  deepStrictEqual(seen, [5_000, 1_000, 5_000, 60_000, 60_000, 60_000]);
});

Deno.test("isInstallStep() counts the index's network and cache writes as install steps", () => {
  strictEqual(isInstallStep(["py", "-m", "pip"], { network: "pip" }), true);
  strictEqual(isInstallStep(["deno", "cache"], { writeCache: ["/cache/deno/k"] }), true);
  strictEqual(isInstallStep(["py", "-m", "pytest"], { network: false }), false);
});
