/**
 * Reading a Python project's manifests from the snapshot (pyproject.toml, setup.cfg, requirements files).
 * @module
 */
import { join, normalize } from "node:path";
import { safeReadTextIfExists } from "../safe_read.ts";
import type { Manifest } from "../facts.ts";
import { parsePyproject, type Pyproject } from "./pyproject.ts";
import { isDevRequirementsFile, parseRequirementsFile } from "./requirements.ts";
import { parseSetupCfg, type SetupCfg } from "./setup_cfg.ts";
import type { RequirementsSource } from "./declared.ts";

/** The parsed manifests of one project. */
export interface Manifests {
  pyproject?: Pyproject;
  setupCfg?: SetupCfg;
  /** Requirements files, the root ones first, then those they include (`-r`), each once. */
  requirements: RequirementsSource[];
}

/** Bytes of one manifest read at most. */
const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;

/** A manifest's text (read defensively: see `safe_read.ts`); undefined when it does not exist. */
function readText(root: string, path: string): Promise<string | undefined> {
  return safeReadTextIfExists(root, path, { maxBytes: MAX_MANIFEST_BYTES });
}

/** `include` (as written in `from`) as a path relative to the root; undefined when it leaves the root. */
function resolveInclude(from: string, include: string): string | undefined {
  const dir = from.includes("/") ? from.slice(0, from.lastIndexOf("/")) : ".";
  const path = normalize(join(dir, include));
  return path.startsWith("..") || path.startsWith("/") ? undefined : path;
}

/**
 * Read the manifests listed in `manifests` (detection's list) below `root`. Throws a `TypeError`
 * naming the file and line when `pyproject.toml` is not valid TOML.
 */
export async function readManifests(
  root: string,
  manifests: readonly Manifest[],
): Promise<Manifests> {
  const out: Manifests = { requirements: [] };
  for (const manifest of manifests) {
    if (manifest.kind === "pyproject") {
      const text = await readText(root, manifest.path);
      if (text !== undefined) out.pyproject = parsePyproject(text, manifest.path);
    } else if (manifest.kind === "setup.cfg") {
      const text = await readText(root, manifest.path);
      if (text !== undefined) out.setupCfg = parseSetupCfg(text, manifest.path);
    }
  }
  const queue = manifests.filter((m) => m.kind === "requirements").map((m) => ({
    path: m.path,
    dev: isDevRequirementsFile(m.path),
  }));
  const seen = new Set<string>();
  for (let next = queue.shift(); next; next = queue.shift()) {
    if (seen.has(`${next.path}:${next.dev}`)) continue;
    seen.add(`${next.path}:${next.dev}`);
    const text = await readText(root, next.path);
    if (text === undefined) continue;
    const file = parseRequirementsFile(text, next.path);
    out.requirements.push({ path: next.path, requirements: file.requirements, dev: next.dev });
    for (const include of file.includes) {
      const path = resolveInclude(next.path, include);
      if (path) queue.push({ path, dev: next.dev || isDevRequirementsFile(path) });
    }
  }
  return out;
}
