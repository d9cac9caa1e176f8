import { deepStrictEqual, match, notStrictEqual, rejects, strictEqual } from "node:assert/strict";
import $ from "dax";
import { join } from "node:path";
import { InputError } from "./errors.ts";
import { parseTarget, takeSnapshot } from "./snapshot.ts";
import { walkTree } from "./tree_hash.ts";

async function makeRepo(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "cc-snap-" });
  await Deno.writeTextFile(join(dir, "a.txt"), "one\n");
  await Deno.mkdir(join(dir, "sub"));
  await Deno.writeTextFile(join(dir, "sub", "b.txt"), "two\n");
  const g = (args: string[]) => $`git -c user.name=t -c user.email=t@t ${args}`.cwd(dir).quiet();
  await g(["init", "-q", "-b", "main"]);
  await g(["add", "."]);
  await g(["commit", "-q", "-m", "first"]);
  await g(["tag", "v1"]);
  await Deno.writeTextFile(join(dir, "a.txt"), "changed\n");
  await g(["commit", "-q", "-am", "second"]);
  return dir;
}

Deno.test("takeSnapshot() copies a directory, records its commit, and leaves it untouched", async () => {
  const repo = await makeRepo();
  const before = await walkTree(repo);
  const work = await Deno.makeTempDir();
  const snap = await takeSnapshot(repo, "/", work);
  deepStrictEqual(snap.files, ["a.txt", "sub/b.txt"]);
  strictEqual(snap.target.dirty, false);
  match(snap.target.commit ?? "", /^[0-9a-f]{40}$/);
  strictEqual(snap.target.treeHash, before.treeHash);
  strictEqual(await Deno.readTextFile(join(snap.root, "a.txt")), "changed\n");
  await Deno.writeTextFile(join(repo, "new.txt"), "x");
  strictEqual((await takeSnapshot(repo, "/", await Deno.makeTempDir())).target.dirty, true);
});

Deno.test("takeSnapshot() clones a git URL at a ref", async () => {
  const repo = await makeRepo();
  const snap = await takeSnapshot(`file://${repo}@v1`, "/", await Deno.makeTempDir());
  strictEqual(await Deno.readTextFile(join(snap.root, "a.txt")), "one\n");
  strictEqual(snap.target.ref, "v1");
  const head = await takeSnapshot(`file://${repo}`, "/", await Deno.makeTempDir());
  notStrictEqual(head.target.commit, snap.target.commit);
  strictEqual(await Deno.readTextFile(join(head.root, "a.txt")), "changed\n");
  deepStrictEqual(head.files, ["a.txt", "sub/b.txt"]);
});

Deno.test("takeSnapshot() reads a local path@ref as a git repository", async () => {
  const repo = await makeRepo();
  const snap = await takeSnapshot(`${repo}@v1`, "/", await Deno.makeTempDir());
  strictEqual(await Deno.readTextFile(join(snap.root, "a.txt")), "one\n");
});

Deno.test("takeSnapshot() turns bad targets into one-line InputErrors", async (t) => {
  const repo = await makeRepo();
  const file = join(repo, "a.txt");
  const empty = await Deno.makeTempDir();
  await $`git init -q --bare ${empty}`.quiet();
  const cases: Array<[string, RegExp]> = [
    ["/no/such/dir", /Cannot audit \/no\/such\/dir: no such directory/],
    [file, /not a directory/],
    ["file:///no/such/repo.git", /Cannot clone file:\/\/\/no\/such\/repo.git: /],
    [`file://${repo}@no-such-ref`, /Cannot check out no-such-ref of .*: no such ref/],
    [empty, /has no commits/],
  ];
  for (const [input, message] of cases) {
    await t.step(input, async () => {
      await rejects(takeSnapshot(input, "/", await Deno.makeTempDir()), (error: unknown) => {
        strictEqual(error instanceof InputError, true);
        match((error as Error).message, message);
        strictEqual((error as Error).message.includes("\n"), false);
        return true;
      });
    });
  }
});

Deno.test("parseTarget() resolves relative paths against cwd and splits refs only on URLs or repos", async () => {
  const repo = await makeRepo();
  deepStrictEqual(await parseTarget("sub", repo), {
    kind: "directory",
    location: join(repo, "sub"),
    ref: null,
  });
  deepStrictEqual(await parseTarget("git@example.com:o/r.git@v2", "/"), {
    kind: "git",
    location: "git@example.com:o/r.git",
    ref: "v2",
  });
  deepStrictEqual(await parseTarget("https://example.com/o/r.git", "/"), {
    kind: "git",
    location: "https://example.com/o/r.git",
    ref: null,
  });
});

Deno.test("takeSnapshot() runs no command the target's git config names", async () => {
  const repo = await makeRepo();
  const marker = join(await Deno.makeTempDir(), "fsmonitor-ran");
  await $`git config core.fsmonitor ${`touch ${marker}; false`}`.cwd(repo).quiet();
  await takeSnapshot(repo, "/", await Deno.makeTempDir());
  strictEqual(await Deno.stat(marker).then(() => true, () => false), false);
});

Deno.test("takeSnapshot() runs no filter, textconv, pager or hook of the target, cloned or not", async () => {
  const repo = await makeRepo();
  const markers = await Deno.makeTempDir();
  const touch = (name: string) => `touch ${join(markers, name)}; cat`;
  await Deno.writeTextFile(join(repo, ".gitattributes"), "* filter=evil diff=evil\n");
  await $`git -c user.name=t -c user.email=t@t add -A`.cwd(repo).quiet();
  await $`git -c user.name=t -c user.email=t@t commit -q -m attrs`.cwd(repo).quiet();
  for (const hook of ["post-checkout", "reference-transaction"]) {
    await Deno.writeTextFile(join(repo, ".git", "hooks", hook), `#!/bin/sh\n${touch(hook)}\n`);
    await Deno.chmod(join(repo, ".git", "hooks", hook), 0o755);
  }
  for (
    const [key, value] of Object.entries({
      "filter.evil.clean": touch("clean"),
      "filter.evil.smudge": touch("smudge"),
      "filter.evil.process": touch("process"),
      "filter.evil.required": "true",
      "diff.evil.textconv": touch("textconv"),
      "core.pager": touch("pager"),
    })
  ) await $`git config ${key} ${value}`.cwd(repo).quiet();
  await Deno.writeTextFile(join(repo, "a.txt"), "dirty\n");
  const local = await takeSnapshot(repo, "/", await Deno.makeTempDir());
  strictEqual(local.target.dirty, true);
  await takeSnapshot(`${repo}@HEAD`, "/", await Deno.makeTempDir());
  deepStrictEqual(await Array.fromAsync(Deno.readDir(markers)), []);
});

Deno.test("takeSnapshot() reads a clean tree as clean without running git status", async () => {
  const repo = await makeRepo();
  strictEqual((await takeSnapshot(repo, "/", await Deno.makeTempDir())).target.dirty, false);
  await Deno.writeTextFile(join(repo, "new.txt"), "untracked\n");
  strictEqual((await takeSnapshot(repo, "/", await Deno.makeTempDir())).target.dirty, true);
});
