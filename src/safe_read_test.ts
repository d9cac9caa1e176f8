import { deepStrictEqual as assertEquals, rejects } from "node:assert/strict";
import { join } from "node:path";
import { resolveInside, safeReadFile, safeReadText, UnsafeFileError } from "./safe_read.ts";

async function tree(): Promise<{ root: string; outside: string }> {
  const base = await Deno.makeTempDir({ prefix: "safe-read-" });
  const root = join(base, "root");
  const outside = join(base, "secret.md");
  await Deno.mkdir(join(root, "docs"), { recursive: true });
  await Deno.writeTextFile(outside, "SECRET");
  await Deno.writeTextFile(join(root, "docs/real.md"), "hello");
  await Deno.symlink("real.md", join(root, "docs/inner.md"));
  await Deno.symlink("docs/inner.md", join(root, "README.md"));
  await Deno.symlink(outside, join(root, "docs/out.md"));
  await Deno.symlink("docs/out.md", join(root, "CHAIN.md"));
  await Deno.symlink("loop-b", join(root, "loop-a"));
  await Deno.symlink("loop-a", join(root, "loop-b"));
  await Deno.symlink("../secret.md", join(root, "up.md"));
  await Deno.writeTextFile(join(root, "big.txt"), "x".repeat(1000));
  await new Deno.Command("mkfifo", { args: [join(root, "fifo")] }).output();
  return { root, outside };
}

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "read";
  } catch (error) {
    if (error instanceof UnsafeFileError) return error.reason;
    throw error;
  }
}

Deno.test("safeReadFile() follows a symlink chain that stays inside the tree", async () => {
  const { root } = await tree();
  assertEquals(await safeReadText(root, "README.md"), "hello");
  assertEquals(await resolveInside(root, "README.md"), join(root, "docs/real.md"));
  await Deno.remove(join(root, ".."), { recursive: true });
});

Deno.test("safeReadFile() refuses outside hops, loops, FIFOs, missing and large files", async () => {
  const { root } = await tree();
  const table: Array<[string, string]> = [
    ["CHAIN.md", "outside"],
    ["docs/out.md", "outside"],
    ["up.md", "outside"],
    ["../secret.md", "outside"],
    ["loop-a", "loop"],
    ["fifo", "not-regular"],
    ["docs", "not-regular"],
    ["absent.md", "missing"],
  ];
  for (const [path, expected] of table) {
    assertEquals(await reason(safeReadFile(root, path)), expected, path);
  }
  assertEquals(await reason(safeReadFile(root, "big.txt", { maxBytes: 100 })), "too-large");
  const part = await safeReadFile(root, "big.txt", { maxBytes: 100, partial: true });
  assertEquals([part.bytes.length, part.size, part.truncated], [100, 1000, true]);
  await rejects(safeReadFile(root, join(root, "fifo")), UnsafeFileError);
  await Deno.remove(join(root, ".."), { recursive: true });
});
