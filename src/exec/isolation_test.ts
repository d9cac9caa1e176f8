import assert from "node:assert/strict";
import { join } from "node:path";
import { writableMountPoints } from "./mounts.ts";
import {
  detectIsolation,
  probeSandbox,
  type Sandbox,
  SANDBOX_EXIT_CODE,
  wrapArgv,
} from "./isolation.ts";

const tools = {
  unshare: "/usr/bin/unshare",
  ip: "/usr/sbin/ip",
  mount: "/usr/bin/mount",
  setpriv: "/usr/bin/setpriv",
};
const sandbox: Sandbox = {
  tools,
  network: false,
  writable: ["/work/snap", "/work/tmp"],
  readOnly: ["/home"],
  id: null,
};
const SCRIPT_HEAD = [
  `fail() { printf 'claimcheck sandbox: cannot make the filesystem read-only: %s\\n' "$1" >&2; ` +
  `exit 125; }`,
  `must() { "$@" || fail "$* exited with $?"; }`,
  `must '/usr/bin/mount' --rbind '/work/snap' '/work/snap'`,
  `must '/usr/bin/mount' --rbind '/work/tmp' '/work/tmp'`,
  `must '/usr/bin/mount' -o remount,bind,ro '/'`,
  `must '/usr/bin/mount' -o remount,bind,ro '/home'`,
  `cd "$PWD" 2>/dev/null || fail "cannot enter $PWD"`,
  "unset OLDPWD",
];

Deno.test("wrapArgv() drops to the sandbox uid with setpriv, behind the limits", () => {
  const { wrapper } = wrapArgv(["true"], { ...sandbox, id: 64000, prefix: ["prlimit", "--"] });
  assert.deepEqual(wrapper.slice(0, 3), ["prlimit", "--", "/usr/bin/unshare"]);
  assert.match(
    wrapper.at(-2)!,
    /exec '\/usr\/bin\/setpriv' --reuid=64000 --regid=64000 --clear-groups --inh-caps=-all --bounding-set=-all --no-new-privs -- "\$@"$/,
  );
});

Deno.test("wrapArgv() leaves the command alone without a sandbox", () => {
  assert.deepEqual(wrapArgv(["ls", "-l"], null), { wrapper: [], argv: ["ls", "-l"] });
});

Deno.test("wrapArgv() binds the writable directories, then makes the rest read-only and cuts the network", () => {
  const { wrapper, argv } = wrapArgv(["ls", "-l"], sandbox);
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
    [...SCRIPT_HEAD, `'/usr/sbin/ip' link set lo up 2>/dev/null`, `exec "$@"`].join("; "),
    "sh",
  ]);
  assert.deepEqual(argv, [...wrapper, "ls", "-l"]);
});

Deno.test("wrapArgv() keeps the network but not the writable filesystem when asked", () => {
  const { wrapper } = wrapArgv(["npm", "ci"], { ...sandbox, network: true });
  assert.deepEqual(wrapper, [
    "/usr/bin/unshare",
    "--fork",
    "--pid",
    "--kill-child",
    "--mount-proc",
    "--",
    "/bin/sh",
    "-c",
    [...SCRIPT_HEAD, `exec "$@"`].join("; "),
    "sh",
  ]);
});

Deno.test("wrapArgv() runs without ip, leaving loopback down", () => {
  const { wrapper } = wrapArgv(["true"], { ...sandbox, tools: { ...tools, ip: null } });
  assert.equal(wrapper.at(-2), [...SCRIPT_HEAD, `exec "$@"`].join("; "));
});

Deno.test("wrapArgv() quotes paths for the shell", () => {
  const { wrapper } = wrapArgv(["true"], {
    ...sandbox,
    writable: ["/tmp/it's $HOME"],
    readOnly: [],
  });
  assert.ok(
    wrapper.at(-2)!.includes(`--rbind '/tmp/it'\\''s $HOME' '/tmp/it'\\''s $HOME';`),
    wrapper.at(-2),
  );
});

const isolation = await detectIsolation();

Deno.test("wrapArgv() refuses to run the command when a mount step fails", async () => {
  if (isolation === "none" || !(await probeSandbox()).tools.unshare) {
    console.warn("Skipped: unshare cannot run here, so the wrapper cannot be run");
    return;
  }
  const { tools: found } = await probeSandbox();
  const scratch = await Deno.makeTempDir({ prefix: "cc-isolation-" });
  try {
    const ran = join(scratch, "ran");
    const { argv } = wrapArgv(["touch", ran], {
      tools: found,
      network: false,
      writable: [scratch, join(scratch, "missing")],
      readOnly: [],
      id: null,
    });
    const result = await new Deno.Command(argv[0]!, { args: argv.slice(1), stdout: "null" })
      .output();
    const stderr = new TextDecoder().decode(result.stderr);
    assert.equal(result.code, SANDBOX_EXIT_CODE, stderr);
    assert.match(
      stderr,
      /\nclaimcheck sandbox: cannot make the filesystem read-only: \S+ --rbind \S+missing\S* \S+ exited with \d+\n$/,
    );
    assert.equal(await Deno.lstat(ran).then(() => true, () => false), false, "command did not run");
  } finally {
    await Deno.remove(scratch, { recursive: true });
  }
});

Deno.test("wrapArgv() makes a separate mount read-only while a directory inside it stays writable", async () => {
  if (isolation === "none" || !(await probeSandbox()).tools.unshare) {
    console.warn("Skipped: unshare cannot run here, so the wrapper cannot be run");
    return;
  }
  const { tools: found } = await probeSandbox();
  const scratch = await Deno.realPath(await Deno.makeTempDir({ prefix: "cc-isolation-" }));
  try {
    const { argv } = wrapArgv(
      [
        "/bin/sh",
        "-c",
        `touch "$1/w/ok" && ! touch "$1/no" 2>/dev/null && echo confined`,
        "sh",
        scratch,
      ],
      {
        tools: found,
        network: false,
        writable: [join(scratch, "w")],
        readOnly: [scratch],
        id: null,
      },
    );
    // An outer mount namespace puts a tmpfs on `scratch`, so that it is a mount point of its own.
    const setup = `mount -t tmpfs tmpfs "$1" && mkdir "$1/w" && shift && exec "$@"`;
    const result = await new Deno.Command(found.unshare!, {
      args: ["--mount", "--", "/bin/sh", "-c", setup, "sh", scratch, ...argv],
    }).output();
    const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    assert.equal(decode(result.stdout), "confined\n", decode(result.stderr));
    assert.deepEqual([...Deno.readDirSync(scratch)], [], "the tmpfs never reached the machine");
  } finally {
    await Deno.remove(scratch, { recursive: true });
  }
});

Deno.test("probeSandbox() finds mount and the read-write mount points when it isolates", async () => {
  const probe = await probeSandbox();
  if (probe.isolation !== "unshare") {
    console.warn("Skipped: the unshare fallback is not the isolation here");
    return;
  }
  assert.ok(probe.tools.mount?.endsWith("/mount"));
  // The read-write mounts of this process (inside another audit's sandbox "/" is already read-only).
  const expected = writableMountPoints(await Deno.readTextFile("/proc/self/mountinfo"));
  assert.deepEqual(probe.mountPoints, expected);
});
