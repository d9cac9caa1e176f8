import assert from "node:assert/strict";
import { bwrapArgs, type BwrapSpec, bwrapWrapper, mountParents } from "./bwrap.ts";
import { DEFAULT_LIMITS } from "./limits.ts";

const spec: BwrapSpec = {
  tools: {
    bwrap: "/usr/bin/bwrap",
    setpriv: "/usr/bin/setpriv",
    prlimit: "/usr/bin/prlimit",
    unshare: "/usr/bin/unshare",
    slirp4netns: "/usr/bin/slirp4netns",
  },
  id: 64000,
  system: [{ path: "/usr" }, { path: "/bin", link: "usr/bin" }],
  etcDir: "/w/tmp/.sandbox-1/etc",
  visible: ["/root/.pyenv/versions/3.11.7", "/opt/pypi"],
  writable: ["/w/snap", "/w/tmp"],
  hidden: ["/w/tmp/.sandbox-1"],
  home: "/w/tmp/.sandbox-1/home",
  cwd: "/w/snap",
  network: "off",
  limits: DEFAULT_LIMITS,
  scratch: "/w/tmp/.sandbox-1",
};

/** The arguments that follow `flag`, each occurrence. */
function after(args: readonly string[], flag: string, count = 1): string[][] {
  return args.flatMap((a, i) => a === flag ? [args.slice(i + 1, i + 1 + count)] : []);
}

Deno.test("bwrapArgs() builds a root of system, /etc, visible (ro), writable and hidden parts", () => {
  const args = bwrapArgs(spec);
  assert.ok(args.includes("--unshare-net") && args.includes("--unshare-pid"));
  assert.ok(args.includes("--die-with-parent") && args.includes("--new-session"));
  assert.deepEqual(after(args, "--symlink", 2), [["usr/bin", "/bin"]]);
  assert.deepEqual(after(args, "--bind", 2), [["/w/snap", "/w/snap"], ["/w/tmp", "/w/tmp"]]);
  const ro = after(args, "--ro-bind-try", 2).map(([source]) => source);
  assert.ok(ro.includes("/root/.pyenv/versions/3.11.7") && ro.includes("/etc/ssl/certs"));
  assert.ok(!ro.some((p) => /shadow|ssh|npmrc|gitconfig|^\/root$|^\/home/.test(p!)), ro.join());
  assert.deepEqual(after(args, "--ro-bind", 2).slice(-1), [[
    "/w/tmp/.sandbox-1/etc/hostname",
    "/etc/hostname",
  ]]);
  const tmpfs = after(args, "--tmpfs").map(([p]) => p);
  assert.deepEqual(tmpfs, ["/tmp", "/dev/shm", "/w/tmp/.sandbox-1", "/w/tmp/.sandbox-1/home"]);
  assert.ok(
    args.indexOf("/w/tmp/.sandbox-1") > args.lastIndexOf("/w/tmp"),
    "hidden after writable",
  );
  assert.ok(args.indexOf("/tmp") < args.indexOf("/w/snap"), "/tmp before what lies below it");
  assert.deepEqual(after(args, "--chdir"), [["/w/snap"]]);
});

Deno.test("bwrapWrapper() applies the limits, then drops to the sandbox uid inside bwrap", () => {
  const wrapper = bwrapWrapper(spec);
  assert.equal(wrapper[0], "/usr/bin/prlimit");
  assert.ok(wrapper.includes(`--nproc=${DEFAULT_LIMITS.processes}`));
  const setpriv = wrapper.indexOf("/usr/bin/setpriv");
  assert.ok(setpriv > wrapper.indexOf("/usr/bin/bwrap"));
  assert.deepEqual(wrapper.slice(setpriv + 1), [
    "--reuid=64000",
    "--regid=64000",
    "--clear-groups",
    "--inh-caps=-all",
    "--bounding-set=-all",
    "--no-new-privs",
    "--",
  ]);
  const networked = bwrapWrapper({ ...spec, network: "slirp4netns" });
  assert.deepEqual(networked.slice(0, 2), ["/bin/sh", "-c"]);
  assert.match(networked[2]!, /--disable-host-loopback/);
  assert.ok(!networked.includes("--unshare-net"));
});

Deno.test("mountParents() creates only the ancestors that are not mounts or inside one", () => {
  assert.deepEqual(
    mountParents(["/root/.pyenv/versions/3.11.7", "/tmp/w/snap", "/tmp/w/snap/sub"], ["/usr"]),
    ["/root", "/root/.pyenv", "/tmp/w", "/root/.pyenv/versions"],
  );
});
