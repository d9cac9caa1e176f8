/**
 * Claims extracted from a document, kept on disk by the document's path and text, so that a
 * warm audit of a repository with thousands of documents re-reads none it has read before.
 * Entries are keyed by the extractor's own source (any rule change misses the cache), the path
 * (it decides README and changelog reading) and a SHA-256 of the text.
 * @module
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { type Claim, ClaimSchema } from "./claim.ts";

/** A claims cache under one folder. */
export interface ExtractionCache {
  /** The claims of `path` with `text`, from the cache or from `extract` (and then stored). */
  claimsOf(path: string, text: string, extract: () => Claim[]): Promise<Claim[]>;
}

const ENTRY = ClaimSchema.array();

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

let fingerprint: Promise<string> | undefined;

/**
 * A hash of the extractor's source files (the `.ts` files beside this module and in `rules/`),
 * read once per process; "unversioned" when the source cannot be read (a compiled binary).
 */
export function extractorFingerprint(): Promise<string> {
  fingerprint ??= (() => {
    const here = new URL(".", import.meta.url);
    if (here.protocol !== "file:") return Promise.resolve("unversioned");
    try {
      const parts: string[] = [];
      for (const folder of [here, new URL("rules/", here)]) {
        const names = [...Deno.readDirSync(folder)]
          .filter((e) => e.isFile && e.name.endsWith(".ts") && !e.name.endsWith("_test.ts"))
          .map((e) => e.name).sort();
        for (const name of names) parts.push(name, Deno.readTextFileSync(new URL(name, folder)));
      }
      return Promise.resolve(sha256(parts.join("\0")).slice(0, 16));
    } catch {
      return Promise.resolve("unversioned");
    }
  })();
  return fingerprint;
}

/**
 * A cache in `dir` (created on first store; entries of older extractor versions are removed then).
 * A damaged or unreadable entry is a miss; a failed store is ignored: the cache only saves time,
 * it never changes a claim.
 */
export function openExtractionCache(dir: string): ExtractionCache {
  let pruned = false;
  /** Entries of other extractor versions can never be read again: remove them once. */
  const prune = async (version: string) => {
    if (pruned) return;
    pruned = true;
    try {
      for await (const entry of Deno.readDir(dir)) {
        if (entry.isDirectory && entry.name !== version && /^[0-9a-f]{16}$/.test(entry.name)) {
          await Deno.remove(join(dir, entry.name), { recursive: true }).catch(() => {});
        }
      }
    } catch {
      // no cache folder yet
    }
  };
  return {
    async claimsOf(path, text, extract) {
      const version = await extractorFingerprint();
      if (version === "unversioned") return extract();
      const key = sha256(`${path}\0${text}`);
      const folder = join(dir, version, key.slice(0, 2));
      const file = join(folder, `${key}.json`);
      try {
        const parsed = ENTRY.safeParse(JSON.parse(await Deno.readTextFile(file)));
        if (parsed.success) return parsed.data;
      } catch {
        // a miss
      }
      const claims = extract();
      try {
        await prune(version);
        await Deno.mkdir(folder, { recursive: true });
        await Deno.writeTextFile(file, JSON.stringify(claims));
      } catch {
        // a cache that cannot be written is no cache
      }
      return claims;
    },
  };
}
