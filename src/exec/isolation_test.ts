import assert from "node:assert/strict";
import { wrapArgv } from "./isolation.ts";

const tools = { unshare: "/usr/bin/unshare", ip: "/usr/sbin/ip" };

Deno.test("wrapArgv() leaves the command alone without isolation", () => {
  assert.deepEqual(wrapArgv(["ls", "-l"], "none", true, tools), {
    wrapper: [],
    argv: ["ls", "-l"],
  });
});

Deno.test("wrapArgv() adds namespaces and brings loopback up without network", () => {
  const { wrapper, argv } = wrapArgv(["ls", "-l"], "unshare", false, tools);
  assert.deepEqual(wrapper, [
    "/usr/bin/unshare",
    "--fork",
    "--pid",
    "--kill-child",
    "--mount-proc",
    "--net",
    "--",
    "/bin/sh",
    "-c",
    `'/usr/sbin/ip' link set lo up 2>/dev/null; exec "$@"`,
    "sh",
  ]);
  assert.deepEqual(argv, [...wrapper, "ls", "-l"]);
});

Deno.test("wrapArgv() keeps the network and skips the loopback step when asked", () => {
  const { wrapper } = wrapArgv(["npm", "ci"], "unshare", true, tools);
  assert.deepEqual(wrapper, [
    "/usr/bin/unshare",
    "--fork",
    "--pid",
    "--kill-child",
    "--mount-proc",
    "--",
  ]);
});

Deno.test("wrapArgv() runs without ip, leaving loopback down", () => {
  const { wrapper } = wrapArgv(["true"], "unshare", false, {
    unshare: "/usr/bin/unshare",
    ip: null,
  });
  assert.equal(wrapper.at(-2), `exec "$@"`);
});
