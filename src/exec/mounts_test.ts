import assert from "node:assert/strict";
import { mountsToProtect, writableMountPoints } from "./mounts.ts";

Deno.test("writableMountPoints() keeps read-write mount points and decodes escapes", () => {
  const text = [
    "22 27 0:21 / /proc rw,relatime - proc proc rw",
    "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard",
    "28 27 0:25 / /mnt/tools ro,nosuid,nodev,relatime - tmpfs none ro,size=4k",
    "29 27 0:26 / /srv/my\\040data rw,nosuid - tmpfs none rw",
    "30 27 0:27 / /srv/back\\134slash rw - tmpfs none rw",
    "31 27 0:28 / /srv/ro-super rw - tmpfs none ro",
    "",
    "garbage",
  ].join("\n");
  assert.deepEqual(writableMountPoints(text), [
    "/proc",
    "/",
    "/srv/my data",
    "/srv/back\\slash",
    "/srv/ro-super",
  ]);
});

Deno.test("mountsToProtect() picks the mount points to remount read-only", async (t) => {
  const writable = ["/tmp/audit/snap", "/tmp/audit/tmp", "/var/cache/cc"];
  const cases: [string, string[], string[]][] = [
    ["/ is remounted on its own", ["/"], []],
    ["kernel and device trees stay", ["/proc", "/sys/fs/cgroup", "/dev", "/dev/shm"], []],
    ["a sibling named like a kept tree is protected", ["/device-data", "/system"], [
      "/device-data",
      "/system",
    ]],
    ["a mount holding a writable dir is protected", ["/tmp", "/var"], ["/tmp", "/var"]],
    ["a writable dir itself and mounts inside it stay", [
      "/var/cache/cc",
      "/tmp/audit/snap/mnt",
    ], []],
    ["a prefix that is not a parent is protected", ["/tmp/audit/snapshot"], [
      "/tmp/audit/snapshot",
    ]],
    ["duplicates are dropped", ["/home", "/etc/hosts", "/home"], ["/home", "/etc/hosts"]],
  ];
  for (const [name, points, expected] of cases) {
    await t.step(name, () => assert.deepEqual(mountsToProtect(points, writable), expected));
  }
});
