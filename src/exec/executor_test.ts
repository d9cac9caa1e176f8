import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { EvidenceSchema, type Isolation } from "../evidence.ts";
import { survivors, waitForFile, waitForNoSurvivors } from "./_survivors_testing.ts";
import {
  AUDIT_STOPPED,
  createExecutor,
  detectIsolation,
  type ExecutorOptions,
} from "./executor.ts";
import { probeSandbox } from "./isolation.ts";

/** Temporary roots for one test, removed by `cleanup()`. */
async function setup(options: Partial<ExecutorOptions> = {}) {
  const tempRoot = await Deno.makeTempDir({ prefix: "cc-exec-tmp-" });
  const snapshotRoot = await Deno.makeTempDir({ prefix: "cc-exec-snap-" });
  const exec = createExecutor({ tempRoot, snapshotRoot, defaultTimeoutMs: 10_000, ...options });
  return {
    exec,
    tempRoot,
    snapshotRoot,
    cleanup: async () => {
      await Deno.remove(tempRoot, { recursive: true });
      await Deno.remove(snapshotRoot, { recursive: true });
    },
  };
}

function sha256(...parts: (string | Uint8Array)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest("hex");
}

const sandboxed = await detectIsolation();
/**
 * A command that returns before this did not wait for what it left behind (a `sleep 1000`): far
 * above any run under load, far below the hang. Speed itself is measured in bench/, not here.
 */
const HANG_BOUND_MS = 60_000;

Deno.test("survivors() finds a live marked process", async () => {
  const marker = crypto.randomUUID();
  const child = new Deno.Command("sleep", {
    args: ["30"],
    env: { CC_MARKER: marker },
    stdout: "null",
    stderr: "null",
  }).spawn();
  try {
    assert.deepEqual(await survivors(marker), [child.pid]);
  } finally {
    child.kill("SIGKILL");
    await child.status;
  }
});

Deno.test("createExecutor() records exit code, output, byte counts and sha256", async () => {
  const t = await setup();
  try {
    const { evidence, stdoutPath, stderrPath } = await t.exec(
      ["sh", "-c", "printf 'hello\\n'; printf 'oops' >&2; exit 3"],
    );
    assert.deepEqual(EvidenceSchema.parse(evidence), evidence);
    assert.deepEqual(evidence.argv, ["sh", "-c", "printf 'hello\\n'; printf 'oops' >&2; exit 3"]);
    assert.equal(evidence.exitCode, 3);
    assert.equal(evidence.signal, null);
    assert.equal(evidence.timedOut, false);
    assert.equal(evidence.startError, undefined);
    assert.equal(evidence.stdoutHead, "hello\n");
    assert.equal(evidence.stdoutTail, "");
    assert.equal(evidence.stderrHead, "oops");
    assert.equal(evidence.stdoutBytes, 6);
    assert.equal(evidence.stderrBytes, 4);
    assert.equal(evidence.outputSha256, sha256("hello\n", "oops"));
    assert.equal(evidence.cwd, t.snapshotRoot);
    assert.ok(evidence.durationMs > 0);
    assert.equal(await Deno.readTextFile(stdoutPath), "hello\n");
    assert.equal(await Deno.readTextFile(stderrPath), "oops");
    assert.ok(stdoutPath.startsWith(t.tempRoot));
  } finally {
    await t.cleanup();
  }
});

Deno.test("createExecutor() keeps a bounded head and the tail after it", async () => {
  const t = await setup({ keepBytes: 4 });
  try {
    const short = await t.exec(["printf", "abcdef"]);
    assert.equal(short.evidence.stdoutHead + short.evidence.stdoutTail, "abcdef");
    const long = await t.exec(["printf", "0123456789abcdefXYZW"]);
    assert.equal(long.evidence.stdoutHead, "0123");
    assert.equal(long.evidence.stdoutTail, "XYZW");
    assert.equal(long.evidence.stdoutBytes, 20);
    assert.equal(await Deno.readTextFile(long.stdoutPath), "0123456789abcdefXYZW");
  } finally {
    await t.cleanup();
  }
});

Deno.test("createExecutor() hashes stdout before stderr even when stderr comes first and is large", async () => {
  const t = await setup();
  try {
    const { evidence } = await t.exec(
      ["sh", "-c", "head -c 3000000 /dev/zero >&2; echo done"],
    );
    assert.equal(evidence.exitCode, 0);
    assert.equal(evidence.stderrBytes, 3_000_000);
    assert.equal(evidence.outputSha256, sha256("done\n", new Uint8Array(3_000_000)));
    const leftovers = [...Deno.readDirSync(t.tempRoot)].flatMap((dir) =>
      dir.isDirectory ? [...Deno.readDirSync(join(t.tempRoot, dir.name))].map((f) => f.name) : []
    );
    assert.ok(!leftovers.some((name) => name.endsWith("-spill")), "spill file removed");
  } finally {
    await t.cleanup();
  }
});

Deno.test("createExecutor() records a missing command as a start error without throwing", async () => {
  const t = await setup();
  try {
    for (const argv of [["cc-no-such-command-xyz"], ["./missing.sh"], []]) {
      const { evidence, stdoutPath } = await t.exec(argv);
      assert.equal(evidence.exitCode, null, argv.join(" "));
      assert.match(evidence.startError ?? "", /^Cannot start/);
      assert.equal(evidence.stdoutBytes, 0);
      assert.equal(evidence.stdoutHead, "");
      assert.equal(evidence.outputSha256, sha256(""));
      assert.equal(await Deno.readTextFile(stdoutPath), "");
    }
  } finally {
    await t.cleanup();
  }
});

Deno.test("createExecutor() refuses a cwd outside the snapshot and the temporary directory", async () => {
  const t = await setup();
  try {
    await Deno.symlink("/etc", join(t.snapshotRoot, "escape"));
    for (const cwd of ["/", "..", "escape", "does-not-exist"]) {
      const { evidence } = await t.exec(["pwd"], { cwd });
      assert.equal(evidence.exitCode, null, cwd);
      assert.match(evidence.startError ?? "", /^Cannot use working directory/, cwd);
    }
    await Deno.mkdir(join(t.snapshotRoot, "sub"));
    const inside = await t.exec(["pwd"], { cwd: "sub" });
    assert.equal(inside.evidence.stdoutHead, `${t.snapshotRoot}/sub\n`);
    const temp = await t.exec(["pwd"], { cwd: t.tempRoot });
    assert.equal(temp.evidence.exitCode, 0);
  } finally {
    await t.cleanup();
  }
});

/** Runs a command that leaves sleepers behind and checks that it times out and none survives. */
async function assertHangIsKilled(
  isolation: Isolation,
  script: string,
  signal: Deno.Signal = "SIGTERM",
): Promise<void> {
  const t = await setup({ isolation });
  const marker = crypto.randomUUID();
  try {
    const started = performance.now();
    const { evidence } = await t.exec(["sh", "-c", script], {
      timeoutMs: 500,
      env: { CC_MARKER: marker },
    });
    const elapsed = performance.now() - started;
    assert.equal(evidence.timedOut, true);
    assert.equal(evidence.signal, signal);
    assert.notEqual(evidence.exitCode, 0);
    assert.ok(elapsed < HANG_BOUND_MS, `returned after ${Math.round(elapsed)} ms`);
    assert.ok(evidence.durationMs >= 500);
    assert.deepEqual(await waitForNoSurvivors(marker), [], "no marked process survives");
  } finally {
    for (const pid of await survivors(marker)) Deno.kill(pid, "SIGKILL");
    await t.cleanup();
  }
}

Deno.test("createExecutor() kills a hanging command and its background children on timeout", async () => {
  await assertHangIsKilled(sandboxed, "sleep 1000 & sleep 1000");
});

Deno.test("createExecutor() kills a grandchild that called setsid (unshare)", async (t) => {
  if (sandboxed === "none") {
    console.warn("Skipped: unshare is not available, a setsid grandchild cannot be contained");
    return;
  }
  await t.step(
    "setsid grandchild while the parent hangs",
    () => assertHangIsKilled("unshare", "setsid sleep 1000 & sleep 1000"),
  );
  await t.step("setsid grandchild after the parent exited", async () => {
    const marker = crypto.randomUUID();
    const s = await setup({ isolation: "unshare" });
    try {
      const started = performance.now();
      const { evidence } = await s.exec(["sh", "-c", "setsid sleep 1000 & echo started"], {
        env: { CC_MARKER: marker },
      });
      assert.equal(evidence.exitCode, 0);
      assert.equal(evidence.stdoutHead, "started\n");
      assert.ok(performance.now() - started < HANG_BOUND_MS);
      assert.deepEqual(await waitForNoSurvivors(marker), []);
    } finally {
      for (const pid of await survivors(marker)) Deno.kill(pid, "SIGKILL");
      await s.cleanup();
    }
  });
});

Deno.test("createExecutor() sends SIGKILL when SIGTERM is ignored", async () => {
  await assertHangIsKilled("none", "trap '' TERM; sleep 1000 & sleep 1000", "SIGKILL");
});

Deno.test("createExecutor() returns although an escaped process holds or floods the pipes", async (t) => {
  // The parent waits for the grandchild's ready file, written after setsid(), so the group kill
  // comes after it escaped; the flooding one has written a line before.
  const ready = "while [ ! -e ready ]; do sleep 0.01; done";
  for (
    const script of [
      `setsid sh -c 'touch ready; exec sleep 1000' & ${ready}`,
      `setsid sh -c 'echo escaped; touch ready; exec yes' & ${ready}`,
    ]
  ) {
    await t.step(script, async () => {
      const marker = crypto.randomUUID();
      const s = await setup({ isolation: "none" });
      try {
        const started = performance.now();
        const { evidence } = await s.exec(["sh", "-c", script], { env: { CC_MARKER: marker } });
        const elapsed = performance.now() - started;
        assert.equal(evidence.exitCode, 0);
        assert.ok(elapsed < HANG_BOUND_MS, `returned after ${Math.round(elapsed)} ms`);
        if (script.includes("yes")) {
          assert.ok(evidence.stdoutBytes + evidence.stderrBytes > 0);
        } else {
          // Without namespaces a setsid process does escape the group kill (the case under test).
          assert.equal((await survivors(marker)).length, 1);
        }
      } finally {
        for (const pid of await survivors(marker)) Deno.kill(pid, "SIGKILL");
        await s.cleanup();
      }
    });
  }
});

Deno.test("createExecutor() kills running commands when its signal aborts, and starts no other", async (t) => {
  for (const isolation of new Set<Isolation>(["none", sandboxed])) {
    await t.step(isolation, async () => {
      const stop = new AbortController();
      const s = await setup({ isolation, signal: stop.signal });
      const marker = crypto.randomUUID();
      try {
        const running = s.exec(["sh", "-c", "sleep 1000 & touch ready; wait"], {
          env: { CC_MARKER: marker },
        });
        await waitForFile(join(s.snapshotRoot, "ready"));
        stop.abort();
        const { evidence } = await running;
        assert.equal(evidence.signal, "SIGKILL");
        assert.equal(evidence.timedOut, false);
        assert.deepEqual(await waitForNoSurvivors(marker), [], "no marked process survives");
        const after = await s.exec(["true"]);
        assert.equal(after.evidence.startError, AUDIT_STOPPED);
        assert.equal(after.evidence.exitCode, null);
      } finally {
        for (const pid of await survivors(marker)) Deno.kill(pid, "SIGKILL");
        await s.cleanup();
      }
    });
  }
});

Deno.test("createExecutor() kills the process group on timeout without isolation", async () => {
  await assertHangIsKilled("none", "sleep 1000 & sh -c 'sleep 1000' & sleep 1000");
});

Deno.test("createExecutor() kills what a command left behind after it exited", async () => {
  const t = await setup({ isolation: "none" });
  const marker = crypto.randomUUID();
  try {
    const started = performance.now();
    const { evidence } = await t.exec(["sh", "-c", "sleep 1000 & echo bye"], {
      env: { CC_MARKER: marker },
    });
    assert.equal(evidence.exitCode, 0);
    assert.equal(evidence.timedOut, false);
    assert.equal(evidence.stdoutHead, "bye\n");
    assert.ok(performance.now() - started < HANG_BOUND_MS);
    assert.deepEqual(await waitForNoSurvivors(marker), []);
  } finally {
    for (const pid of await survivors(marker)) Deno.kill(pid, "SIGKILL");
    await t.cleanup();
  }
});

Deno.test("createExecutor() drains 100 MB of output with bounded memory", async () => {
  const t = await setup();
  try {
    const { evidence, stdoutPath } = await t.exec(
      ["sh", "-c", "head -c 100000000 /dev/zero | tr '\\0' x"],
      { timeoutMs: 120_000 },
    );
    assert.equal(evidence.exitCode, 0);
    assert.equal(evidence.stdoutBytes, 100_000_000);
    assert.equal(evidence.stdoutHead, "x".repeat(16 * 1024));
    assert.equal(evidence.stdoutTail, "x".repeat(16 * 1024));
    const expected = createHash("sha256");
    const block = new TextEncoder().encode("x".repeat(1_000_000));
    for (let i = 0; i < 100; i++) expected.update(block);
    assert.equal(evidence.outputSha256, expected.digest("hex"));
    assert.equal((await Deno.stat(stdoutPath)).size, 64 * 1024 * 1024, "file capped at 64 MiB");
    assert.equal(evidence.timedOut, false);
  } finally {
    await t.cleanup();
  }
});

Deno.test("createExecutor() passes only allowlisted variables, never secrets", async () => {
  const t = await setup();
  Deno.env.set("CLAIMCHECK_CANARY_SECRET", "canary-value-5b1f");
  Deno.env.set("GITHUB_TOKEN", "ghp_canarytoken123");
  Deno.env.set("CC_PASSED_VAR", "passed-value");
  try {
    const { evidence } = await t.exec(["env"], {
      env: { EXPLICIT: "yes" },
      passEnv: ["CC_PASSED_VAR", "CC_UNSET_VAR"],
    });
    const output = evidence.stdoutHead + evidence.stdoutTail;
    for (
      const secret of [
        "CLAIMCHECK_CANARY_SECRET",
        "canary-value-5b1f",
        "GITHUB_TOKEN",
        "ghp_canary",
      ]
    ) {
      assert.ok(!output.includes(secret), `${secret} leaked`);
      assert.ok(!evidence.envKeys.includes(secret));
    }
    assert.match(output, /^CC_PASSED_VAR=passed-value$/m);
    assert.match(output, /^EXPLICIT=yes$/m);
    assert.match(output, /^NO_COLOR=1$/m);
    assert.match(output, /^CI=true$/m);
    const home = /^HOME=(.*)$/m.exec(output)?.[1] ?? "";
    const tmp = /^TMPDIR=(.*)$/m.exec(output)?.[1] ?? "";
    assert.ok(home.startsWith(t.tempRoot), home);
    assert.ok(sandboxed === "bwrap" ? tmp === "/tmp" : tmp.startsWith(t.tempRoot), tmp);
    assert.deepEqual(evidence.envKeys, [...evidence.envKeys].sort());
    assert.ok(
      evidence.envKeys.includes("CC_PASSED_VAR") && !evidence.envKeys.includes("CC_UNSET_VAR"),
    );
    const names = output.trim().split("\n").map((line) => line.split("=")[0]!).sort();
    assert.deepEqual(names, evidence.envKeys);
  } finally {
    Deno.env.delete("CLAIMCHECK_CANARY_SECRET");
    Deno.env.delete("GITHUB_TOKEN");
    Deno.env.delete("CC_PASSED_VAR");
    await t.cleanup();
  }
});

/** Whether a sandboxed bash can open a TCP connection to 127.0.0.1:`port`. */
async function connects(
  exec: ReturnType<typeof createExecutor>,
  port: number,
  network: boolean,
) {
  const { evidence } = await exec(
    ["bash", "-c", `exec 3<>/dev/tcp/127.0.0.1/${port} && echo connected`],
    { network, timeoutMs: 5000 },
  );
  return { connected: evidence.stdoutHead === "connected\n", evidence };
}

Deno.test("createExecutor() cuts the network unless asked for it", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const accepting = (async () => {
    for await (const conn of listener) conn.close();
  })();
  const t = await setup();
  const plain = await setup({ isolation: "none" });
  try {
    const open = await connects(plain.exec, listener.addr.port, true);
    assert.equal(open.connected, true, open.evidence.stderrHead);
    assert.equal(open.evidence.network, true);
    if (sandboxed === "none") {
      console.warn("Skipped the sandboxed half: no isolation here");
      return;
    }
    const closed = await connects(t.exec, listener.addr.port, false);
    assert.equal(closed.connected, false);
    assert.notEqual(closed.evidence.exitCode, 0);
    assert.equal(closed.evidence.network, false);
    assert.equal(closed.evidence.networkMode, "off");
    assert.equal(closed.evidence.isolation, sandboxed);
    assert.equal(closed.evidence.argv[0], "bash");
    const netFlag = sandboxed === "bwrap" ? "--unshare-net" : "--net";
    assert.equal(closed.evidence.wrapper?.includes(netFlag), true);
    if (sandboxed === "bwrap") {
      // An install's network is user-mode: the host's loopback stays out of reach.
      const install = await connects(t.exec, listener.addr.port, true);
      assert.equal(install.connected, false, install.evidence.stdoutHead);
      assert.equal(install.evidence.networkMode, (await probeSandbox()).installNetwork);
    }
  } finally {
    listener.close();
    await accepting.catch(() => {});
    await t.cleanup();
    await plain.cleanup();
  }
});

Deno.test("createExecutor() keeps the filesystem read-only outside the audit's directories (unshare)", async (t) => {
  if (sandboxed === "none") {
    console.warn("Skipped: unshare cannot make the filesystem read-only here");
    return;
  }
  const cache = await Deno.makeTempDir({ prefix: "cc-exec-cache-" });
  const outside = await Deno.makeTempDir({ prefix: "cc-exec-outside-" });
  const extra = join(cache, "made", "on-demand");
  const part = join(extra, "key");
  await Deno.chmod(outside, 0o777);
  await Deno.chmod(cache, 0o755);
  const s = await setup({ isolation: "unshare", cache: [extra] });
  try {
    for (const network of [false, true]) {
      await t.step(`network ${network ? "on" : "off"}`, async () => {
        const script = [
          `touch in-cwd "$2/in-temp" "$3/in-extra"`,
          `echo discarded > /dev/null`,
          `if touch "$4/escaped"; then exit 9; fi`,
          `echo confined`,
        ].join(" && ");
        const { evidence } = await s.exec(
          ["sh", "-c", script, "sh", s.snapshotRoot, s.tempRoot, part, outside],
          { network, writeCache: [part] },
        );
        assert.equal(evidence.stdoutHead, "confined\n", evidence.stderrHead);
        assert.match(evidence.stderrHead, /Read-only file system/);
        assert.deepEqual(evidence.argv.slice(0, 2), ["sh", "-c"], "argv is the command as given");
        assert.equal(evidence.wrapper?.includes("--net"), !network);
        const written = [
          join(s.snapshotRoot, "in-cwd"),
          join(s.tempRoot, "in-temp"),
          join(part, "in-extra"),
        ];
        for (const path of written) {
          assert.ok((await Deno.stat(path)).isFile, path);
          assert.ok(evidence.wrapper?.at(-2)?.includes(`--rbind '${dirname(path)}'`), path);
          await Deno.remove(path);
        }
        assert.deepEqual([...Deno.readDirSync(outside)], [], "nothing was written outside");
      });
    }
  } finally {
    await s.cleanup();
    await Deno.remove(cache, { recursive: true });
    await Deno.remove(outside, { recursive: true });
  }
});

Deno.test("createExecutor() records network as on when it cannot isolate", async () => {
  const t = await setup({ isolation: "none" });
  try {
    const { evidence } = await t.exec(["true"], { network: false });
    assert.equal(evidence.isolation, "none");
    assert.equal(evidence.network, true);
    assert.equal(evidence.wrapper, undefined);
  } finally {
    await t.cleanup();
  }
});

Deno.test("createExecutor() hashes the artifacts that exist", async () => {
  const t = await setup();
  try {
    await Deno.mkdir(join(t.snapshotRoot, "work"));
    const { evidence } = await t.exec(
      ["sh", "-c", "printf abc > out.txt; mkdir adir; printf xy > ../top.txt"],
      {
        cwd: "work",
        artifacts: ["out.txt", join(t.snapshotRoot, "top.txt"), "missing.txt", "adir"],
      },
    );
    assert.deepEqual(evidence.artifacts, [
      { path: "out.txt", bytes: 3, sha256: sha256("abc") },
      { path: join(t.snapshotRoot, "top.txt"), bytes: 2, sha256: sha256("xy") },
    ]);
  } finally {
    await t.cleanup();
  }
});

Deno.test("detectIsolation() is cached and agrees with an actual sandbox run", async () => {
  assert.equal(await detectIsolation(), sandboxed);
  if (sandboxed === "none") return;
  const t = await setup();
  try {
    const { evidence } = await t.exec(["sh", "-c", "echo $$"]);
    // A low pid in its own PID namespace: 1, or 2 behind bwrap's own init, or 3 behind the inner
    // bwrap that disables user namespaces.
    assert.ok(Number(evidence.stdoutHead) <= 3, evidence.stdoutHead);
  } finally {
    await t.cleanup();
  }
});
