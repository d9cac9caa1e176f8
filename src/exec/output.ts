/**
 * Capture of a child's output streams: full bytes to a capped file, an incremental hash, and a bounded
 * head and tail kept in memory.
 * @module
 */
import { createHash, type Hash } from "node:crypto";

/** Bytes of a stream kept in memory: the first `keepBytes` and, after them, the last `keepBytes`. */
export class HeadTail {
  readonly #keep: number;
  #head: Uint8Array;
  #headLength = 0;
  #tail: Uint8Array[] = [];
  #tailLength = 0;
  #total = 0;

  /** Keeps at most `keepBytes` bytes of head and `keepBytes` bytes of tail. */
  constructor(keepBytes: number) {
    this.#keep = keepBytes;
    this.#head = new Uint8Array(keepBytes);
  }

  /** Adds the next chunk of the stream. */
  push(chunk: Uint8Array): void {
    this.#total += chunk.length;
    const toHead = Math.min(this.#keep - this.#headLength, chunk.length);
    if (toHead > 0) {
      this.#head.set(chunk.subarray(0, toHead), this.#headLength);
      this.#headLength += toHead;
    }
    if (toHead === chunk.length) return;
    // Copy: the caller may reuse the chunk's buffer.
    this.#tail.push(chunk.slice(toHead));
    this.#tailLength += chunk.length - toHead;
    while (this.#tail.length > 1 && this.#tailLength - this.#tail[0]!.length >= this.#keep) {
      this.#tailLength -= this.#tail.shift()!.length;
    }
  }

  /** Total bytes pushed. */
  get bytes(): number {
    return this.#total;
  }

  /**
   * The head and tail decoded as UTF-8 (invalid bytes become U+FFFD). The tail holds the bytes after
   * the head, so `head + tail` is the whole stream when it is at most `2 * keepBytes` long. A character
   * cut at either edge of a gap is dropped rather than shown as U+FFFD.
   */
  text(): { head: string; tail: string } {
    const head = this.#head.subarray(0, this.#headLength);
    const tail = concat(this.#tail, this.#tailLength).subarray(
      Math.max(0, this.#tailLength - this.#keep),
    );
    const decoder = new TextDecoder();
    const gap = this.#total > this.#headLength + tail.length;
    if (!gap) {
      // Contiguous: one streaming decoder carries a character split between head and tail.
      return { head: decoder.decode(head, { stream: true }), tail: decoder.decode(tail) };
    }
    return {
      head: decoder.decode(head, { stream: true }),
      tail: new TextDecoder().decode(tail.subarray(leadingContinuationBytes(tail))),
    };
  }
}

/** Joins chunks into one array of `length` bytes. */
function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Number of UTF-8 continuation bytes (at most 3) at the start of `bytes`. */
function leadingContinuationBytes(bytes: Uint8Array): number {
  let n = 0;
  while (n < 3 && n < bytes.length && (bytes[n]! & 0xc0) === 0x80) n++;
  return n;
}

/** Limits on the bytes of the second stream that wait while the first is still open. */
export interface HoldLimits {
  /** Held in memory before they spill to a file (default 1 MiB). */
  memoryBytes?: number;
  /** Held in all; beyond this the hash is given up (default 1 GiB). */
  totalBytes?: number;
}

/**
 * sha256 of one stream followed by another, while both are read concurrently: the second stream's
 * bytes wait (in memory, then in a spill file) until the first has ended. When more than
 * `totalBytes` wait, the digest is given up: `digest()` returns `""` rather than a wrong hash.
 */
export class SequentialHash {
  readonly #hash: Hash = createHash("sha256");
  readonly #spillPath: string;
  readonly #memoryBytes: number;
  readonly #totalBytes: number;
  #firstEnded = false;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  #spill: Deno.FsFile | undefined;
  #spilledBytes = 0;
  #gaveUp = false;

  /** `spillPath` is where the second stream's early bytes go when too many wait. */
  constructor(spillPath: string, limits: HoldLimits = {}) {
    this.#spillPath = spillPath;
    this.#memoryBytes = limits.memoryBytes ?? 1 << 20;
    this.#totalBytes = limits.totalBytes ?? 1 << 30;
  }

  /** Hashes a chunk of the first stream. */
  first(chunk: Uint8Array): void {
    if (!this.#gaveUp) this.#hash.update(chunk);
  }

  /** Marks the first stream as complete; later calls to `first()` are a bug. */
  endFirst(): void {
    this.#firstEnded = true;
  }

  /** Hashes (or holds back) a chunk of the second stream. Calls must not overlap. */
  async second(chunk: Uint8Array): Promise<void> {
    if (this.#gaveUp) return;
    if (this.#firstEnded) {
      await this.#flush();
      this.#hash.update(chunk);
      return;
    }
    this.#pending.push(chunk.slice());
    this.#pendingBytes += chunk.length;
    if (this.#pendingBytes < this.#memoryBytes) return;
    if (this.#spilledBytes + this.#pendingBytes > this.#totalBytes) return await this.#giveUp();
    this.#spill ??= await Deno.open(this.#spillPath, { write: true, createNew: true });
    for (const held of this.#pending) await writeAll(this.#spill, held);
    this.#spilledBytes += this.#pendingBytes;
    this.#pending = [];
    this.#pendingBytes = 0;
  }

  /** The hex digest, or `""` when it was given up; call once, after both streams ended. */
  async digest(): Promise<string> {
    this.#firstEnded = true;
    if (this.#gaveUp) return "";
    await this.#flush();
    return this.#hash.digest("hex");
  }

  async #flush(): Promise<void> {
    if (this.#spill) {
      this.#spill.close();
      this.#spill = undefined;
      using file = await Deno.open(this.#spillPath, { read: true });
      for await (const chunk of file.readable) this.#hash.update(chunk);
      await Deno.remove(this.#spillPath);
      this.#spilledBytes = 0;
    }
    for (const held of this.#pending) this.#hash.update(held);
    this.#pending = [];
    this.#pendingBytes = 0;
  }

  async #giveUp(): Promise<void> {
    this.#gaveUp = true;
    this.#pending = [];
    this.#pendingBytes = 0;
    if (this.#spill) {
      this.#spill.close();
      this.#spill = undefined;
      await Deno.remove(this.#spillPath);
    }
  }
}

/** Writes all of `bytes` to `file`. */
export async function writeAll(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) written += await file.write(bytes.subarray(written));
}

/** What was kept of one stream. */
export interface CapturedStream {
  bytes: number;
  head: string;
  tail: string;
}

/** A reader that drains a stream into a sink, and can be stopped early. */
export interface Drain {
  /**
   * Resolves when the stream ended or was cancelled and the sink saw every chunk read: to `null`, or
   * to the error that stopped the reading or the sink. Never rejects.
   */
  done: Promise<Error | null>;
  /** Stops reading (e.g. when a process that escaped the kill still holds the pipe). */
  cancel(): Promise<void>;
}

/** Reads `stream` to its end, handing each chunk in order to `sink`. */
export function drain(
  stream: ReadableStream<Uint8Array>,
  sink: (chunk: Uint8Array) => Promise<void>,
): Drain {
  const reader = stream.getReader();
  const done = (async () => {
    try {
      while (true) {
        const { done, value } = await reader.read();
        if (done) return null;
        await sink(value);
      }
    } catch (error) {
      await reader.cancel().catch(() => {});
      return error instanceof Error ? error : new Error(String(error));
    } finally {
      reader.releaseLock();
    }
  })();
  return {
    done,
    cancel: async () => {
      await reader.cancel().catch(() => {});
    },
  };
}

/**
 * Sink for one output stream: writes up to `maxFileBytes` to `file` (the rest is counted and hashed
 * but not stored), and keeps a head and tail.
 */
export class StreamSink {
  readonly #file: Deno.FsFile;
  readonly #maxFileBytes: number;
  readonly #kept: HeadTail;
  #written = 0;

  /** Takes ownership of `file`; `close()` closes it. */
  constructor(file: Deno.FsFile, keepBytes: number, maxFileBytes: number) {
    this.#file = file;
    this.#kept = new HeadTail(keepBytes);
    this.#maxFileBytes = maxFileBytes;
  }

  /** Records one chunk. */
  async write(chunk: Uint8Array): Promise<void> {
    this.#kept.push(chunk);
    const room = this.#maxFileBytes - this.#written;
    if (room <= 0) return;
    const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
    await writeAll(this.#file, part);
    this.#written += part.length;
  }

  /** Closes the file and returns what was kept. */
  close(): CapturedStream {
    this.#file.close();
    return { bytes: this.#kept.bytes, ...this.#kept.text() };
  }
}
