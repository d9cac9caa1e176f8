import { deepStrictEqual } from "node:assert/strict";
import type { Exec } from "./exec/types.ts";
import { capTimeouts } from "./probe_timeout.ts";

Deno.test("capTimeouts() bounds every command's timeout by --timeout, installs included", async () => {
  const seen: Array<number | undefined> = [];
  const exec: Exec = (_argv, options) => {
    seen.push(options?.timeoutMs);
    return Promise.reject(new Error("not run"));
  };
  const capped = capTimeouts(exec, 5_000);
  for (const timeoutMs of [300_000, 1_000, undefined]) {
    await capped(["pip", "install"], timeoutMs === undefined ? {} : { timeoutMs }).catch(() => {});
  }
  deepStrictEqual(seen, [5_000, 1_000, 5_000]);
});
