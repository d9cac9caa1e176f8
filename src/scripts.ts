/**
 * The command-line entry points a target declares (for claims that name a command).
 * @module
 */
import { parse as parseToml } from "smol-toml";
import type { Facts } from "./facts.ts";
import { safeReadText } from "./safe_read.ts";

const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;
const read = (root: string, path: string) =>
  safeReadText(root, path, { maxBytes: MAX_MANIFEST_BYTES });

function keysOf(value: unknown): string[] {
  return value !== null && typeof value === "object" ? Object.keys(value) : [];
}

function field(value: unknown, ...path: string[]): unknown {
  let node = value;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

async function readJson(root: string, path: string): Promise<Record<string, unknown>> {
  try {
    const value = JSON.parse(await read(root, path));
    return value !== null && typeof value === "object" ? value : {};
  } catch {
    return {};
  }
}

/**
 * Names of declared entry points: `[project.scripts]` and Poetry scripts of pyproject.toml,
 * package.json `bin` (or its package name when `bin` is a string), deno.json tasks. A manifest
 * that cannot be read contributes nothing (the checks that own it report the problem).
 */
export async function scriptNames(root: string, facts: Facts): Promise<string[]> {
  const names: string[] = [];
  for (const manifest of facts.manifests) {
    const path = manifest.path;
    if (manifest.kind === "pyproject") {
      try {
        const toml = parseToml(await read(root, path));
        names.push(...keysOf(field(toml, "project", "scripts")));
        names.push(...keysOf(field(toml, "tool", "poetry", "scripts")));
      } catch {
        // An unreadable pyproject.toml is deps.python's finding.
      }
    } else if (manifest.kind === "package.json") {
      const pkg = await readJson(root, path);
      if (typeof pkg.bin === "string" && typeof pkg.name === "string") names.push(pkg.name);
      else names.push(...keysOf(pkg.bin));
    } else if (manifest.kind === "deno.json") {
      names.push(...keysOf(field(await readJson(root, path), "tasks")));
    }
  }
  return [...new Set(names)].sort();
}
