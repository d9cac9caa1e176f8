import assert from "node:assert/strict";
import { join } from "node:path";
import { findInPath, findProgram, resolveCwd } from "./preflight.ts";

async function roots() {
  const snapshot = await Deno.realPath(await Deno.makeTempDir());
  const temp = await Deno.realPath(await Deno.makeTempDir());
  await Deno.mkdir(join(snapshot, "sub"));
  await Deno.writeTextFile(join(snapshot, "file.txt"), "");
  await Deno.symlink("/etc", join(snapshot, "link-out"));
  await Deno.symlink(join(snapshot, "sub"), join(snapshot, "link-in"));
  await Deno.writeTextFile(join(snapshot, "run.sh"), "#!/bin/sh\n");
  await Deno.chmod(join(snapshot, "run.sh"), 0o755);
  return {
    snapshot,
    temp,
    cleanup: async () => {
      await Deno.remove(snapshot, { recursive: true });
      await Deno.remove(temp, { recursive: true });
    },
  };
}

Deno.test("resolveCwd() accepts directories inside the roots only", async (t) => {
  const r = await roots();
  try {
    const cases: [string | undefined, string | null][] = [
      [undefined, r.snapshot],
      ["sub", join(r.snapshot, "sub")],
      ["link-in", join(r.snapshot, "link-in")],
      [r.temp, r.temp],
      ["..", null],
      ["/", null],
      ["link-out", null],
      ["missing", null],
      ["file.txt", null],
    ];
    for (const [cwd, expected] of cases) {
      await t.step(String(cwd), async () => {
        const result = await resolveCwd(cwd, [r.snapshot, r.temp]);
        if (expected === null) {
          assert.equal(result.ok, false);
          assert.match(result.ok ? "" : result.error, /^Cannot use working directory /);
        } else {
          assert.deepEqual(result, { ok: true, value: expected });
        }
      });
    }
  } finally {
    await r.cleanup();
  }
});

Deno.test("resolveCwd() keeps the spelling of a root reached through a symlink", async () => {
  const r = await roots();
  const alias = join(r.temp, "alias");
  try {
    await Deno.symlink(r.snapshot, alias);
    assert.deepEqual(await resolveCwd("sub", [alias, r.temp]), {
      ok: true,
      value: join(alias, "sub"),
    });
  } finally {
    await r.cleanup();
  }
});

Deno.test("findProgram() resolves names in PATH and paths relative to cwd", async () => {
  const r = await roots();
  try {
    assert.deepEqual(await findProgram("./run.sh", r.snapshot, ""), {
      ok: true,
      value: join(r.snapshot, "run.sh"),
    });
    assert.deepEqual(await findProgram("run.sh", "/", `/nonexistent::${r.snapshot}`), {
      ok: true,
      value: join(r.snapshot, "run.sh"),
    });
    for (
      const [name, path] of [["./file.txt", ""], ["sub", r.snapshot], ["cc-nope", "/usr/bin"], [
        "",
        "/usr/bin",
      ]]
    ) {
      const result = await findProgram(name!, r.snapshot, path!);
      assert.equal(result.ok, false, name);
      assert.match(result.ok ? "" : result.error, /^Cannot start /);
    }
  } finally {
    await r.cleanup();
  }
});

Deno.test("findInPath() finds sh", async () => {
  assert.match((await findInPath("sh", "/usr/bin:/bin")) ?? "", /\/sh$/);
});
