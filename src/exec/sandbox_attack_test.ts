/**
 * Attacks a hostile target would try, each run through the real executor: none may reach a secret,
 * the host, another process, or outlast its limits.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { survivors, waitForNoSurvivors } from "./_survivors_testing.ts";
import { createExecutor, type ExecutorOptions } from "./executor.ts";
import { probeSandbox, SANDBOX_ID } from "./isolation.ts";
import { leaseSandboxId } from "./uid_lease.ts";

const { isolation } = await probeSandbox();
const ignore = isolation !== "bwrap";
const CANARY = `canary-${crypto.randomUUID()}`;

/** SIGKILL every process marked `mark`; one that ended since the listing is no error. */
async function killAll(mark: string): Promise<void> {
  for (const pid of await survivors(mark)) {
    try {
      Deno.kill(pid, "SIGKILL");
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
}

/**
 * Remove `dir`, again while a process that is still exiting (a sandbox's last writes under the
 * sandbox uid) makes the recursive removal find a folder not empty.
 */
async function removeSettled(dir: string): Promise<void> {
  for (let attempt = 1;; attempt++) {
    try {
      return await Deno.remove(dir, { recursive: true });
    } catch (error) {
      if (attempt >= 20 || !/not empty/i.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * A fake home full of canaries (passed to the commands as `CC_FAKE`; the process's own HOME is left
 * alone: test files run in parallel in one process, and their deno children find DENO_DIR through
 * it), and a canary in claimcheck's environment.
 */
async function setup(options: Partial<ExecutorOptions> = {}) {
  const fakeHome = await Deno.makeTempDir({ prefix: "cc-attack-home-" });
  await Deno.mkdir(join(fakeHome, ".ssh"));
  for (const file of [".npmrc", ".gitconfig", ".ssh/id_rsa"]) {
    await Deno.writeTextFile(join(fakeHome, file), `${CANARY}\n`);
  }
  await Deno.chmod(fakeHome, 0o755);
  Deno.env.set("CC_ATTACK_SECRET", CANARY);
  const tempRoot = await Deno.makeTempDir({ prefix: "cc-attack-tmp-" });
  const snapshotRoot = await Deno.makeTempDir({ prefix: "cc-attack-snap-" });
  const outside = await Deno.makeTempDir({ prefix: "cc-attack-outside-" });
  await Deno.chmod(outside, 0o777);
  const exec = createExecutor({ tempRoot, snapshotRoot, defaultTimeoutMs: 20_000, ...options });
  const run = async (script: string, opts: Parameters<typeof exec>[1] = {}) => {
    const r = await exec(["/bin/sh", "-c", script], opts);
    const e = r.evidence;
    return { ...e, out: e.stdoutHead + e.stdoutTail, err: e.stderrHead + e.stderrTail };
  };
  return {
    run,
    exec,
    fakeHome,
    tempRoot,
    snapshotRoot,
    outside,
    cleanup: async () => {
      Deno.env.delete("CC_ATTACK_SECRET");
      for (const dir of [fakeHome, tempRoot, snapshotRoot, outside]) await removeSettled(dir);
    },
  };
}

Deno.test({
  name: "sandbox: the command runs as the sandbox uid with no capabilities and no_new_privs",
  ignore,
  fn: async () => {
    const t = await setup();
    try {
      const r = await t.run(
        `id -u; id -g; grep -E '^(CapEff|CapPrm|CapBnd|NoNewPrivs)' /proc/self/status`,
      );
      assert.equal(r.isolation, "bwrap");
      assert.equal(
        r.out,
        `${SANDBOX_ID}\n${SANDBOX_ID}\nCapPrm:\t0000000000000000\nCapEff:\t0000000000000000\n` +
          `CapBnd:\t0000000000000000\nNoNewPrivs:\t1\n`,
        r.err,
      );
    } finally {
      await t.cleanup();
    }
  },
});

Deno.test({
  name: "sandbox: the invoking user's home and its canaries are not visible",
  ignore,
  fn: async () => {
    const t = await setup();
    try {
      const r = await t.run(
        `cat "$1/.npmrc" "$1/.gitconfig" "$1/.ssh/id_rsa" /root/.npmrc /root/.ssh/id_rsa; ls -a /root /home; cat /proc/self/mountinfo; cat /etc/shadow; ls /etc`,
        { env: { CC_FAKE: t.fakeHome } },
      );
      const script = await t.run(`for f in "$CC_FAKE"/.npmrc; do cat "$f"; done`, {
        env: { CC_FAKE: t.fakeHome },
      });
      for (const text of [r.out, r.err, script.out, script.err]) {
        assert.ok(!text.includes(CANARY), "a canary leaked");
      }
      assert.ok(!r.out.includes(t.fakeHome), "the fake home shows in the mount table");
      assert.ok(!/\bshadow\b|\bssh\b|npmrc|gitconfig/.test(r.out), r.out);
    } finally {
      await t.cleanup();
    }
  },
});

Deno.test({
  name: "sandbox: no environ of the auditor or of pid 1 carries claimcheck's secrets",
  ignore,
  fn: async () => {
    const t = await setup();
    try {
      const r = await t.run(
        `cat /proc/1/environ /proc/$PPID/environ; for p in /proc/[0-9]*; do cat "$p/environ"; done; ` +
          `ls -d /proc/[0-9]* | wc -l`,
      );
      assert.ok(!r.out.includes(CANARY) && !r.err.includes(CANARY), "the canary leaked");
      const processes = Number(r.out.trim().split("\n").at(-1)?.replace(/.*\0/, ""));
      assert.ok(processes <= 5, `sees ${processes} processes: only its own pid namespace`);
    } finally {
      await t.cleanup();
    }
  },
});

Deno.test({
  name: "sandbox: umount /proc, remount / read-write and nsenter into pid 1 all fail",
  ignore,
  fn: async () => {
    const t = await setup();
    try {
      for (
        const attack of [
          "umount /proc",
          "umount -l /proc",
          "mount -o remount,rw /",
          "mount -t proc proc /tmp",
          "nsenter -t 1 -n true",
          "nsenter -t 1 -m -p true",
          "unshare -Ur sh -c 'umount -l /proc && ls /proc | grep -c . '",
        ]
      ) {
        const r = await t.run(`${attack} && echo ESCAPED`);
        assert.ok(!r.out.includes("ESCAPED"), `${attack}: ${r.out}`);
        assert.notEqual(r.exitCode, 0, attack);
      }
    } finally {
      await t.cleanup();
    }
  },
});

Deno.test({
  name: "sandbox: no connection reaches a 127.0.0.1 listener of the host, with or without network",
  ignore,
  fn: async () => {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    let accepted = 0;
    const accepting = (async () => {
      for await (const conn of listener) {
        accepted++;
        conn.close();
      }
    })();
    const t = await setup();
    try {
      const port = listener.addr.port;
      for (const network of [false, true]) {
        for (const host of ["127.0.0.1", "10.0.2.2", "localhost"]) {
          const r = await t.run(`exec 3<>/dev/tcp/${host}/${port} && echo CONNECTED`, {
            network,
            timeoutMs: 8000,
          });
          assert.ok(!r.out.includes("CONNECTED"), `${host} network=${network}`);
        }
      }
      assert.equal(accepted, 0);
    } finally {
      listener.close();
      await accepting.catch(() => {});
      await t.cleanup();
    }
  },
});

Deno.test({
  name: "sandbox: writes outside the snapshot and scratch area fail and change nothing",
  ignore,
  fn: async () => {
    const t = await setup();
    try {
      const r = await t.run(
        `touch /usr/escaped /etc/escaped /escaped /proc/escaped || echo refused`,
      );
      assert.match(r.out, /refused/);
      const direct = await t.run(`touch "${t.outside}/escaped" || echo refused`);
      assert.match(direct.out, /refused/);
      assert.deepEqual([...Deno.readDirSync(t.outside)], [], "nothing written outside");
      for (const path of ["/usr/escaped", "/etc/escaped", "/escaped"]) {
        assert.equal(await Deno.lstat(path).then(() => true, () => false), false, path);
      }
      const inside = await t.run(`touch inside && echo wrote`);
      assert.equal(inside.out, "wrote\n", inside.err);
      const info = await Deno.stat(join(t.snapshotRoot, "inside"));
      assert.equal(info.uid, SANDBOX_ID, "the sandbox uid owns what it wrote");
    } finally {
      await t.cleanup();
    }
  },
});

Deno.test({
  name: "sandbox: a fork bomb stops at the process limit and leaves nothing behind",
  ignore,
  fn: async () => {
    const t = await setup({ limits: { processes: 40 } });
    const marker = `cc-bomb-${crypto.randomUUID()}`;
    try {
      const r = await t.run(
        `n=0; while [ $n -lt 200 ]; do sleep 30 & n=$((n+1)); done 2>/dev/null; ` +
          `echo started; ps -e 2>/dev/null | wc -l`,
        { env: { CC_MARKER: marker }, timeoutMs: 10_000 },
      );
      assert.ok(r.timedOut || r.exitCode !== null);
      const lines = r.out.trim().split("\n");
      if (lines[0] === "started") {
        assert.ok(Number(lines[1]) < 60, `${lines[1]} processes ran under a limit of 40`);
      }
      assert.deepEqual(await waitForNoSurvivors(marker), []);
    } finally {
      for (const pid of await survivors(marker)) Deno.kill(pid, "SIGKILL");
      await t.cleanup();
    }
  },
});

Deno.test({
  name: "sandbox: a large file stops at the file-size cap and /tmp at its size",
  ignore,
  fn: async () => {
    const MiB = 1024 * 1024;
    const t = await setup({ limits: { fileBytes: 8 * MiB, tmpBytes: 16 * MiB } });
    try {
      const big = await t.run(`head -c ${64 * MiB} /dev/zero > big.bin; echo $?`);
      const size = (await Deno.stat(join(t.snapshotRoot, "big.bin"))).size;
      assert.ok(size <= 8 * MiB, `wrote ${size} bytes`);
      assert.notEqual(big.out.trim(), "0");
      const tmp = await t.run(
        `for i in 1 2 3 4; do head -c ${6 * MiB} /dev/zero > /tmp/f$i || echo full; done`,
      );
      assert.match(tmp.out + tmp.err, /full|No space left/);
    } finally {
      await t.cleanup();
    }
  },
});

Deno.test({
  name: "sandbox: memory stops at the memory limit",
  ignore,
  fn: async () => {
    const t = await setup({ limits: { memoryBytes: 256 * 1024 * 1024 } });
    try {
      const r = await t.run(
        `python3 -c 'b = bytearray(1024 ** 3); print("allocated", len(b))' 2>&1 || echo refused`,
      );
      assert.ok(!r.out.includes("allocated"), r.out);
      assert.match(r.out, /MemoryError|refused/);
    } finally {
      await t.cleanup();
    }
  },
});

Deno.test({
  name: "sandbox: a process that calls setsid and sleeps does not outlive its command",
  ignore,
  fn: async () => {
    const t = await setup();
    const marker = `cc-setsid-${crypto.randomUUID()}`;
    try {
      const r = await t.run(`setsid sleep 1000 & nohup sleep 1000 >/dev/null 2>&1 & echo left`, {
        env: { CC_MARKER: marker },
      });
      assert.equal(r.out, "left\n");
      assert.deepEqual(await waitForNoSurvivors(marker), []);
    } finally {
      for (const pid of await survivors(marker)) Deno.kill(pid, "SIGKILL");
      await t.cleanup();
    }
  },
});

Deno.test({
  name: "sandbox: the shared cache is read-only, but for the part an install names (writeCache)",
  ignore,
  fn: async () => {
    const cache = await Deno.makeTempDir({ prefix: "cc-attack-cache-" });
    await Deno.chmod(cache, 0o755);
    await Deno.writeTextFile(join(cache, "module.js"), "export const ok = 1;\n");
    const t = await setup({ cache: [cache] });
    try {
      const poison =
        `echo poisoned > "${cache}/module.js" && echo POISONED; cat "${cache}/module.js"`;
      const test = await t.run(poison);
      assert.ok(!test.out.includes("POISONED"), test.out);
      assert.match(test.out, /export const ok/, "the cache stays readable");
      assert.equal(await Deno.readTextFile(join(cache, "module.js")), "export const ok = 1;\n");
      const own = join(cache, "pip", "key-a");
      const install = await t.run(`echo wheel > "${own}/w"`, { writeCache: [own] });
      assert.equal(install.exitCode, 0, install.err);
      assert.equal(await Deno.readTextFile(join(own, "w")), "wheel\n");
      // The install of one key cannot change what another key's install, or any test, reads.
      const other = await t.run(
        `mkdir -p "${cache}/pip/key-b" && echo POISONED; echo x > "${cache}/module.js" && echo POISONED`,
        { writeCache: [own] },
      );
      assert.ok(!other.out.includes("POISONED"), other.out);
      assert.equal(await Deno.readTextFile(join(cache, "module.js")), "export const ok = 1;\n");
      const outside = await t.run("true", { writeCache: ["/etc"] });
      assert.match(outside.startError ?? "", /Cannot write \/etc: not a part of a cache/);
    } finally {
      await t.cleanup();
      await Deno.remove(cache, { recursive: true });
    }
  },
});

Deno.test({
  name: "sandbox: the disk watchdog kills a command that fills the snapshot past the cap",
  ignore,
  fn: async () => {
    const MiB = 1024 * 1024;
    const t = await setup({ limits: { diskBytes: 32 * MiB } });
    try {
      const r = await t.run(
        // 48 MiB, past the cap; then it waits to be killed (the watchdog polls every second).
        `i=0; while [ $i -lt 12 ]; do head -c ${
          4 * MiB
        } /dev/urandom > f$i; i=$((i+1)); done; echo written; exec sleep 1000`,
        { timeoutMs: 120_000 },
      );
      assert.equal(r.out, "written\n");
      assert.match(r.limitExceeded ?? "", /^disk: /);
      assert.equal(r.timedOut, false);
    } finally {
      await t.cleanup();
    }
  },
});

Deno.test({
  name:
    "sandbox: pip reaches local indexes with the network off, and gets a network only for a remote one",
  ignore: ignore || !(await Deno.stat("/opt/pypi/simple").then(() => true, () => false)),
  fn: async () => {
    const before = Deno.env.get("PIP_INDEX_URL");
    Deno.env.set("PIP_INDEX_URL", "file:///opt/pypi/simple");
    const t = await setup();
    try {
      const r = await t.exec([
        "/usr/bin/python3",
        "-m",
        "pip",
        "download",
        "--no-deps",
        "-d",
        ".",
        "six",
      ], {
        network: "pip",
        passEnv: ["PIP_INDEX_URL"],
        timeoutMs: 120_000,
      });
      assert.equal(r.evidence.networkMode, "off");
      assert.equal(r.evidence.exitCode, 0, r.evidence.stderrHead + r.evidence.stdoutTail);
      assert.ok([...Deno.readDirSync(t.snapshotRoot)].some((e) => e.name.startsWith("six-")));
    } finally {
      if (before === undefined) Deno.env.delete("PIP_INDEX_URL");
      else Deno.env.set("PIP_INDEX_URL", before);
      await t.cleanup();
    }
    const remote = await setup();
    try {
      Deno.env.set("PIP_INDEX_URL", "https://pypi.example/simple");
      const r = await remote.exec(["true"], { network: "pip" });
      assert.equal(r.evidence.networkMode, (await probeSandbox()).installNetwork);
    } finally {
      if (before === undefined) Deno.env.delete("PIP_INDEX_URL");
      else Deno.env.set("PIP_INDEX_URL", before);
      await remote.cleanup();
    }
  },
});

Deno.test({
  name: "sandbox: the target cannot create a nested user namespace",
  ignore: ignore || (await probeSandbox()).userns !== "disabled",
  fn: async () => {
    const t = await setup();
    try {
      const r = await t.run(
        `unshare --user true && echo NESTED; unshare --user --map-root-user id && echo ROOT; ` +
          `python3 -c "import ctypes; print('UNSHARED' if ctypes.CDLL(None).unshare(0x10000000) == 0 else 'refused')"; true`,
      );
      assert.ok(!/NESTED|ROOT|UNSHARED/.test(r.out), r.out);
      assert.match(r.out, /refused/, r.err);
      assert.match(r.err, /unshare failed/);
    } finally {
      await t.cleanup();
    }
  },
});

Deno.test({
  name: "sandbox: two audits run as their own uids: no shared process limit, no shared files",
  ignore,
  fn: async () => {
    const mark = `cc-uid-${crypto.randomUUID()}`;
    const limits = { processes: 40 };
    // Leased as audits lease theirs, so that no audit of another test shares them (or their limit).
    const [ida, idb] = [await leaseSandboxId(), await leaseSandboxId()];
    const [a, b] = [
      await setup({ sandboxId: ida.id, limits }),
      await setup({ sandboxId: idb.id, limits }),
    ];
    try {
      await Deno.chmod(a.snapshotRoot, 0o755);
      // A comes close to its process limit and stays there; its private file is mode 0600.
      const hog = a.run(
        `umask 077; echo private > mine; i=0; while [ $i -lt 36 ]; do sleep 20 & i=$((i+1)); done; ` +
          `: > started; wait`,
        { env: { CC_MARK: mark }, timeoutMs: 20_000 },
      );
      while (!await Deno.stat(join(a.snapshotRoot, "started")).then(() => true, () => false)) {
        await new Promise((r) => setTimeout(r, 100));
      }
      // A forked child is a shell until it has exec'd sleep: wait until all 36 have (under load too).
      const sleepsOfA = async () => {
        const out: string[] = [];
        for (const pid of await survivors(mark)) {
          const cmd = await Deno.readTextFile(`/proc/${pid}/cmdline`).catch(() => "");
          if (cmd.startsWith("sleep\0")) out.push(await Deno.readTextFile(`/proc/${pid}/status`));
        }
        return out;
      };
      let sleeps = await sleepsOfA();
      for (const deadline = Date.now() + 15_000; sleeps.length < 36 && Date.now() < deadline;) {
        await new Promise((r) => setTimeout(r, 100));
        sleeps = await sleepsOfA();
      }
      assert.equal(sleeps.length, 36);
      for (const status of sleeps) {
        assert.match(
          status,
          new RegExp(`^Uid:\\s+${ida.id}\\s`, "m"),
          "A's processes run as A's uid",
        );
      }
      const r = await b.run(
        `for i in 1 2 3 4 5; do true & done; wait && echo STARTED; cat "$CC_A/mine" || echo UNREADABLE`,
        { env: { CC_A: a.snapshotRoot }, visible: [a.snapshotRoot] },
      );
      assert.equal(r.sandboxUid, idb.id);
      assert.match(r.out, /STARTED/, `A's full process limit does not stop B: ${r.err}`);
      assert.match(r.out, /UNREADABLE/, "B cannot read A's private file");
      await killAll(mark);
      const done = await hog;
      assert.equal(done.sandboxUid, ida.id);
    } finally {
      await killAll(mark);
      await a.cleanup();
      await b.cleanup();
      await ida.release();
      await idb.release();
    }
  },
});
