/**
 * sha256 of files, read as streams; only regular files are read (a FIFO never blocks the reader).
 * @module
 */
import { createHash } from "node:crypto";
import { constants, type FileHandle, open } from "node:fs/promises";

/**
 * Open `path` for reading only if it is a regular file: opened non-blocking (a FIFO returns at
 * once instead of waiting for a writer), then checked with fstat. Throws a `TypeError` otherwise.
 */
export async function openRegular(path: string): Promise<{ handle: FileHandle; size: number }> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    throw new TypeError(`Cannot read ${path}: not a regular file`);
  }
  return { handle, size: info.size };
}

/** Feed every byte of the regular file `path` to `onChunk`; returns its size. */
export async function streamFile(
  path: string,
  onChunk: (chunk: Uint8Array) => void,
): Promise<number> {
  const { handle } = await openRegular(path);
  const buffer = new Uint8Array(1 << 20);
  let bytes = 0;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return bytes;
      onChunk(buffer.subarray(0, bytesRead));
      bytes += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

/** sha256 (hex) and size of a regular file, read as a stream. */
export async function hashFile(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  const bytes = await streamFile(path, (chunk) => hash.update(chunk));
  return { bytes, sha256: hash.digest("hex") };
}
