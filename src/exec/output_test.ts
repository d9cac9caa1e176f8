import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { drain, HeadTail, SequentialHash, StreamSink } from "./output.ts";

const encode = (s: string) => new TextEncoder().encode(s);

function sha256(...parts: (string | Uint8Array)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest("hex");
}

Deno.test("HeadTail.text() keeps the head and the bytes after it", async (t) => {
  const cases: { name: string; keep: number; chunks: string[]; head: string; tail: string }[] = [
    { name: "empty", keep: 4, chunks: [], head: "", tail: "" },
    { name: "fits in the head", keep: 4, chunks: ["ab"], head: "ab", tail: "" },
    { name: "head and contiguous tail", keep: 4, chunks: ["abc", "def"], head: "abcd", tail: "ef" },
    {
      name: "gap between head and tail",
      keep: 3,
      chunks: ["ab", "cdefg", "hij"],
      head: "abc",
      tail: "hij",
    },
    {
      name: "tail spans many chunks",
      keep: 2,
      chunks: ["a", "b", "c", "d", "e", "f"],
      head: "ab",
      tail: "ef",
    },
    { name: "one huge chunk", keep: 2, chunks: ["0123456789"], head: "01", tail: "89" },
    // "é" is two bytes: the head ends inside it, the contiguous tail carries it whole.
    {
      name: "character split between head and tail",
      keep: 2,
      chunks: ["aé"],
      head: "a",
      tail: "é",
    },
    // A character cut by the gap is dropped at the edges, not shown as U+FFFD.
    {
      name: "characters cut at a gap",
      keep: 3,
      chunks: ["abé", "xxxxxx", "éyz"],
      head: "ab",
      tail: "yz",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const kept = new HeadTail(c.keep);
      for (const chunk of c.chunks) kept.push(encode(chunk));
      assert.deepEqual(kept.text(), { head: c.head, tail: c.tail });
      assert.equal(kept.bytes, c.chunks.reduce((n, chunk) => n + encode(chunk).length, 0));
    });
  }
});

Deno.test("HeadTail.text() shows invalid UTF-8 as U+FFFD", () => {
  const kept = new HeadTail(8);
  kept.push(new Uint8Array([0x61, 0xff, 0x62]));
  assert.deepEqual(kept.text(), { head: "a\ufffdb", tail: "" });
});

Deno.test("HeadTail.push() copies chunks the caller may reuse", () => {
  const kept = new HeadTail(2);
  const buffer = encode("abcd");
  kept.push(buffer);
  buffer.fill(0x7a);
  assert.deepEqual(kept.text(), { head: "ab", tail: "cd" });
});

Deno.test("SequentialHash hashes the first stream before the second, whatever the arrival order", async (t) => {
  const dir = await Deno.makeTempDir();
  try {
    const big = new Uint8Array(5000).fill(7);
    const orders: { name: string; run: (h: SequentialHash) => Promise<void> }[] = [
      {
        name: "second stream first, held in memory",
        run: async (h) => {
          await h.second(encode("err"));
          h.first(encode("out"));
          h.endFirst();
        },
      },
      {
        name: "second stream spilled to a file, then more after the first ended",
        run: async (h) => {
          await h.second(big);
          await h.second(encode("err"));
          h.first(encode("out"));
          h.endFirst();
          await h.second(encode("more"));
        },
      },
    ];
    const expected = [sha256("out", "err"), sha256("out", big, "err", "more")];
    for (const [i, order] of orders.entries()) {
      await t.step(order.name, async () => {
        const spill = join(dir, `spill-${i}`);
        const hash = new SequentialHash(spill, { memoryBytes: 1000 });
        await order.run(hash);
        assert.equal(await hash.digest(), expected[i]);
        assert.equal(await Deno.stat(spill).catch(() => null), null, "spill file removed");
      });
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("SequentialHash.digest() gives up rather than lie when too much waits", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const spill = join(dir, "spill");
    const hash = new SequentialHash(spill, { memoryBytes: 10, totalBytes: 25 });
    for (let i = 0; i < 4; i++) await hash.second(new Uint8Array(10));
    hash.first(encode("out"));
    assert.equal(await hash.digest(), "");
    assert.equal(await Deno.stat(spill).catch(() => null), null, "spill file removed");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("StreamSink stops writing at the cap but counts everything", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "out");
    const sink = new StreamSink(await Deno.open(path, { write: true, createNew: true }), 2, 5);
    for (const chunk of ["abc", "def", "ghi"]) await sink.write(encode(chunk));
    assert.deepEqual(sink.close(), { bytes: 9, head: "ab", tail: "hi" });
    assert.equal(await Deno.readTextFile(path), "abcde");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("drain() hands every chunk to the sink in order, and reports a failing sink", async () => {
  const seen: string[] = [];
  const ok = drain(ReadableStream.from([encode("a"), encode("b")]), (chunk) => {
    seen.push(new TextDecoder().decode(chunk));
    return Promise.resolve();
  });
  assert.equal(await ok.done, null);
  assert.deepEqual(seen, ["a", "b"]);
  const failing = drain(
    ReadableStream.from([encode("a")]),
    () => Promise.reject(new Error("disk full")),
  );
  assert.equal((await failing.done)?.message, "disk full");
});

Deno.test("drain().cancel() ends a stream that never closes", async () => {
  const endless = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}) });
  const d = drain(endless, () => Promise.resolve());
  await d.cancel();
  assert.equal(await d.done, null);
});
