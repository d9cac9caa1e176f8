import { deepStrictEqual, notStrictEqual, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import { walkTree } from "./tree_hash.ts";

Deno.test("walkTree() copies and hashes a tree, skipping VCS and cache folders", async () => {
  const src = await Deno.makeTempDir();
  await Deno.mkdir(join(src, "a", ".git"), { recursive: true });
  await Deno.mkdir(join(src, "node_modules"));
  await Deno.writeTextFile(join(src, "a", "x.txt"), "x");
  await Deno.writeTextFile(join(src, "a", ".git", "HEAD"), "ref");
  await Deno.writeTextFile(join(src, "node_modules", "m.js"), "m");
  const dest = join(await Deno.makeTempDir(), "copy");
  const listing = await walkTree(src, dest);
  deepStrictEqual(listing.files, ["a/x.txt"]);
  strictEqual(await Deno.readTextFile(join(dest, "a", "x.txt")), "x");
  strictEqual((await walkTree(dest)).treeHash, listing.treeHash);
  await Deno.writeTextFile(join(src, "a", "x.txt"), "y");
  notStrictEqual((await walkTree(src)).treeHash, listing.treeHash);
});

Deno.test("walkTree() recreates symlinks but lists only those that stay inside the tree", async () => {
  const src = await Deno.makeTempDir();
  await Deno.writeTextFile(join(src, "real.md"), "# real");
  await Deno.symlink("real.md", join(src, "inside.md"));
  await Deno.symlink("/etc/passwd", join(src, "absolute.md"));
  await Deno.symlink("../../etc/hostname", join(src, "escape.md"));
  const dest = join(await Deno.makeTempDir(), "copy");
  const listing = await walkTree(src, dest);
  deepStrictEqual(listing.files, ["inside.md", "real.md"]);
  strictEqual(await Deno.readLink(join(dest, "absolute.md")), "/etc/passwd");
});

Deno.test("walkTree() never opens special files, breaks symlink loops and skips sparse files", async () => {
  const src = await Deno.makeTempDir();
  await Deno.writeTextFile(join(src, "a.txt"), "a");
  await new Deno.Command("mkfifo", { args: [join(src, "pipe")] }).output();
  await Deno.symlink("loop2", join(src, "loop1"));
  await Deno.symlink("loop1", join(src, "loop2"));
  await Deno.mkdir(join(src, "d"));
  await Deno.symlink("..", join(src, "d", "up"));
  const sparse = join(src, "disk.img");
  await Deno.writeFile(sparse, new Uint8Array());
  await Deno.truncate(sparse, 4 * 2 ** 30);
  const dest = join(await Deno.makeTempDir(), "copy");
  const listing = await walkTree(src, dest);
  deepStrictEqual(listing.files, ["a.txt"]);
  deepStrictEqual(listing.skipped.map((s) => s.path), [
    "d/up",
    "disk.img",
    "loop1",
    "loop2",
    "pipe",
  ]);
  deepStrictEqual(listing.skipped.find((s) => s.path === "pipe")?.reason, "a FIFO");
  for (const name of ["pipe", "loop1", "d/up", "disk.img"]) {
    strictEqual(await Deno.lstat(join(dest, name)).then(() => true, () => false), false, name);
  }
  await Deno.remove(src, { recursive: true });
  await Deno.remove(dest, { recursive: true });
});

Deno.test("walkTree() copies 2,000 files with 64 file descriptors", async () => {
  const src = await Deno.makeTempDir();
  const script = "for i in $(seq 0 3); do mkdir d$i; (cd d$i && seq 1 500 | xargs touch); done";
  await new Deno.Command("sh", { args: ["-c", script], cwd: src }).output();
  const dest = join(await Deno.makeTempDir(), "copy");
  const code = `import { walkTree } from ${
    JSON.stringify(new URL("./tree_hash.ts", import.meta.url).href)
  };
    const l = await walkTree(${JSON.stringify(src)}, ${
    JSON.stringify(dest)
  }); console.log(l.files.length);`;
  const out = await new Deno.Command("sh", {
    args: ["-c", `ulimit -n 64 && exec "$0" eval "$1"`, Deno.execPath(), code],
    stdout: "piped",
    stderr: "piped",
  }).output();
  strictEqual(new TextDecoder().decode(out.stderr), "");
  strictEqual(new TextDecoder().decode(out.stdout).trim(), "2000");
  await Deno.remove(src, { recursive: true });
  await Deno.remove(dest, { recursive: true });
});
