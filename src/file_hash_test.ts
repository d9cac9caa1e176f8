import { deepStrictEqual, rejects } from "node:assert/strict";
import { hashFile } from "./file_hash.ts";

Deno.test("hashFile() gives the size and sha256 of a file", async () => {
  const path = await Deno.makeTempFile();
  await Deno.writeTextFile(path, "abc");
  deepStrictEqual(await hashFile(path), {
    bytes: 3,
    sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  });
});

Deno.test("hashFile() refuses a FIFO at once instead of waiting for a writer", async () => {
  const dir = await Deno.makeTempDir();
  const fifo = `${dir}/pipe`;
  await new Deno.Command("mkfifo", { args: [fifo] }).output();
  await rejects(hashFile(fifo), /not a regular file/);
  await Deno.remove(dir, { recursive: true });
});
