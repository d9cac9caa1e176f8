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
