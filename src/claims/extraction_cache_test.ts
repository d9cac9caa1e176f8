import assert from "node:assert/strict";
import { join } from "node:path";
import { collectClaims } from "./collect.ts";
import { extractClaims } from "./extract.ts";
import { extractorFingerprint, openExtractionCache } from "./extraction_cache.ts";

Deno.test("openExtractionCache() extracts a document once and answers from disk after", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const cache = openExtractionCache(dir);
    const text = "# Status\n\n- **Coverage**: 91%\n";
    let runs = 0;
    const extract = () => {
      runs++;
      return extractClaims(text, "STATUS.md");
    };
    const first = await cache.claimsOf("STATUS.md", text, extract);
    const second = await openExtractionCache(dir).claimsOf("STATUS.md", text, extract);
    assert.equal(runs, 1);
    assert.deepEqual(second, first);
    assert.equal(first[0]?.metric, "coverage.lines");
    await cache.claimsOf("STATUS.md", `${text}\nEdited.\n`, extract);
    await cache.claimsOf("docs/STATUS.md", text, extract);
    assert.equal(runs, 3, "another text or another path is another entry");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("openExtractionCache() removes the entries of other extractor versions", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(join(dir, "0123456789abcdef", "aa"), { recursive: true });
    await Deno.mkdir(join(dir, "keep-me"));
    await openExtractionCache(dir).claimsOf("README.md", "# x\n", () => []);
    const left = [];
    for await (const e of Deno.readDir(dir)) left.push(e.name);
    assert.deepEqual(left.sort(), [await extractorFingerprint(), "keep-me"].sort());
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("openExtractionCache() treats a damaged entry as a miss", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const cache = openExtractionCache(dir);
    const text = "All 12 tests pass.\n";
    await cache.claimsOf("README.md", text, () => extractClaims(text, "README.md"));
    const version = await extractorFingerprint();
    for await (const shard of Deno.readDir(join(dir, version))) {
      for await (const entry of Deno.readDir(join(dir, version, shard.name))) {
        await Deno.writeTextFile(join(dir, version, shard.name, entry.name), "{not json");
      }
    }
    const again = await openExtractionCache(dir).claimsOf("README.md", text, () => []);
    assert.deepEqual(again, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("collectClaims() reads a document whose name and first heading are not status-like", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(join(dir, "docs"));
    await Deno.writeTextFile(
      join(dir, "docs/ARCHITECTURE_OVERVIEW.md"),
      "# Architecture overview\n\nThe layers, top to bottom.\n\n**Status:** v2 Production Ready\n\n" +
        "## Goals\n\n- Reach 90% coverage.\n",
    );
    const claims = await collectClaims(dir, ["docs/ARCHITECTURE_OVERVIEW.md"]);
    assert.deepEqual(claims.map((c) => [c.file, c.line, c.kind, c.subject]), [
      ["docs/ARCHITECTURE_OVERVIEW.md", 5, "status", "production ready"],
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
