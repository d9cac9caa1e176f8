import assert from "node:assert/strict";
import { join } from "node:path";
import { LEASED_IDS, leaseSandboxId } from "./uid_lease.ts";

Deno.test("leaseSandboxId() gives concurrent audits different uids of the range", async () => {
  const dir = await Deno.makeTempDir({ prefix: "cc-uid-lease-" });
  try {
    const leases = await Promise.all(Array.from({ length: 20 }, () => leaseSandboxId(dir)));
    const ids = leases.map((l) => l.id);
    assert.equal(new Set(ids).size, 20, ids.join());
    for (const id of ids) assert.ok(id >= LEASED_IDS.first && id <= LEASED_IDS.last, String(id));
    await Promise.all(leases.map((l) => l.release()));
    assert.deepEqual([...Deno.readDirSync(dir)], [], "released leases leave no file");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("leaseSandboxId() takes over the lease of an audit that died", async () => {
  const dir = await Deno.makeTempDir({ prefix: "cc-uid-lease-" });
  try {
    // Every uid leased by a process that no longer runs (pid 2^22 + 1 is above pid_max).
    for (let id = LEASED_IDS.first; id <= LEASED_IDS.last; id++) {
      await Deno.writeTextFile(join(dir, String(id)), "4194305 12345\n");
    }
    const lease = await leaseSandboxId(dir);
    const text = await Deno.readTextFile(join(dir, String(lease.id)));
    assert.match(text, new RegExp(`^${Deno.pid} \\d+\\n$`));
    await lease.release();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("leaseSandboxId() never leases a uid held by a live audit", async () => {
  const dir = await Deno.makeTempDir({ prefix: "cc-uid-lease-" });
  try {
    const held = await leaseSandboxId(dir);
    const free = LEASED_IDS.first +
      (held.id - LEASED_IDS.first + 1) % (LEASED_IDS.last - LEASED_IDS.first + 1);
    for (let id = LEASED_IDS.first; id <= LEASED_IDS.last; id++) {
      if (id !== held.id && id !== free) {
        await Deno.copyFile(join(dir, String(held.id)), join(dir, String(id)));
      }
    }
    const next = await leaseSandboxId(dir);
    assert.equal(next.id, free);
    await assert.rejects(() => leaseSandboxId(dir), /all of 64001–64999 are in use/);
    await held.release();
    await next.release();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
