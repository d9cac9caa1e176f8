/**
 * Reading the mount table: which mount points the sandbox has to remount read-only.
 * @module
 */

/** Trees whose mounts the sandbox leaves as they are (kernel and device filesystems). */
const LEFT_ALONE = ["/proc", "/sys", "/dev"];

/**
 * The mount points of a `/proc/self/mountinfo` text that are mounted read-write, in table order,
 * with the table's octal escapes (`\040` for a space) decoded.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writableMountPoints } from "./mounts.ts";
 *
 * const text = "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n" +
 *   "28 27 0:25 / /mnt/my\\040data ro,nosuid - tmpfs none ro\n";
 * assert.deepEqual(writableMountPoints(text), ["/"]);
 * ```
 */
export function writableMountPoints(mountinfo: string): string[] {
  const points: string[] = [];
  for (const line of mountinfo.split("\n")) {
    const fields = line.split(" ");
    const point = fields[4];
    const options = fields[5];
    if (point === undefined || options === undefined) continue;
    if (options.split(",").includes("rw")) points.push(unescapeOctal(point));
  }
  return points;
}

/**
 * The mount points, besides `/`, to remount read-only so that only the `writable` directories (real
 * paths) stay writable: every read-write mount point except those below `/proc`, `/sys` and `/dev`,
 * and except those equal to or inside a writable directory (they stay writable with it). A mount
 * point that holds a writable directory is included: that directory is bound onto itself first, so
 * it is a mount of its own and keeps its own flags.
 */
export function mountsToProtect(
  mountPoints: readonly string[],
  writable: readonly string[],
): string[] {
  const kept = mountPoints.filter((point) =>
    point !== "/" && ![...LEFT_ALONE, ...writable].some((dir) => isWithin(point, dir))
  );
  return [...new Set(kept)];
}

/** Whether `path` is `dir` or lies below it. */
function isWithin(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith("/") ? dir : `${dir}/`);
}

/** Decodes the `\ooo` escapes of a mountinfo field. */
function unescapeOctal(field: string): string {
  return field.replace(
    /\\([0-7]{3})/g,
    (_, code: string) => String.fromCharCode(parseInt(code, 8)),
  );
}
