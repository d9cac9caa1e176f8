import { deepStrictEqual } from "node:assert/strict";
import { hashFile } from "./file_hash.ts";

Deno.test("hashFile() gives the size and sha256 of a file", async () => {
  const path = await Deno.makeTempFile();
  await Deno.writeTextFile(path, "abc");
  deepStrictEqual(await hashFile(path), {
    bytes: 3,
    sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  });
});
