/**
 * Detection: turn a snapshot's file list into Facts.
 * @module
 */
import { basename } from "node:path";
import type {
  Doc,
  DocKind,
  Ecosystem,
  Facts,
  Manifest,
  ManifestKind,
  TestRunner,
} from "./facts.ts";
import { findInterpreters, findPythons } from "./interpreters.ts";
import { safeReadText } from "./safe_read.ts";

const ROOT_MANIFESTS: ReadonlyArray<[RegExp, ManifestKind]> = [
  [/^pyproject\.toml$/, "pyproject"],
  [/^setup\.py$/, "setup.py"],
  [/^setup\.cfg$/, "setup.cfg"],
  [/^requirements[\w.-]*\.txt$/, "requirements"],
  [/^package\.json$/, "package.json"],
  [/^deno\.jsonc?$/, "deno.json"],
];

const ECOSYSTEM_OF: Record<ManifestKind, Ecosystem> = {
  "pyproject": "python",
  "setup.py": "python",
  "setup.cfg": "python",
  "requirements": "python",
  "package.json": "node",
  "deno.json": "deno",
};

/**
 * Folders whose contents are someone else's, generated, or test data (a fixture repository's README
 * is no document of the target's): never read as the target's own.
 */
const FOREIGN =
  /(^|\/)(node_modules|vendor|third_party|site-packages|dist|build|\.venv|venv|fixtures|testdata|__fixtures__)\//;

const STATUS_NAME = /status|summary|readiness|iteration|report|progress|production|complete|audit/i;

/** Plain-text formats a README or changelog is written in besides markdown (`README` alone too). */
const PLAIN_DOC = /^[^.]+(\.(rst|txt))?$/i;

function docKind(path: string): DocKind | undefined {
  const name = basename(path);
  if (/^(license|licence|copying)(\.|$)/i.test(name)) return "license";
  const markdown = /\.(md|markdown)$/i.test(name);
  if (!markdown && !PLAIN_DOC.test(name)) return undefined;
  if (/^readme(\.|$)/i.test(name)) return "readme";
  if (/^(changelog|changes|history)(\.|$)/i.test(name)) return "changelog";
  if (!markdown) return undefined;
  return STATUS_NAME.test(name) ? "status" : "other";
}

function testRunners(
  ecosystems: readonly Ecosystem[],
  files: readonly string[],
  packageJson?: string,
): TestRunner[] {
  const runners: TestRunner[] = [];
  if (
    ecosystems.includes("deno") &&
    files.some((f) => /(^|\/|_|\.)test\.(ts|tsx|js|mjs|mts)$/.test(f))
  ) {
    runners.push("deno");
  }
  if (
    ecosystems.includes("python") && files.some((f) => /(^|\/)(test_[^/]*|[^/]*_test)\.py$/.test(f))
  ) {
    runners.push("pytest");
  }
  if (packageJson !== undefined && /"test"\s*:/.test(packageJson)) runners.push("node");
  return runners;
}

/** What detection is told besides the snapshot. */
export interface DetectOptions {
  /** More folders to look for Python interpreters in (`--python-search`). */
  pythonSearch?: readonly string[];
}

/** Read Facts from a snapshot at `root` whose files (relative, sorted) are `files`. */
export async function detect(
  root: string,
  files: readonly string[],
  options: DetectOptions = {},
): Promise<Facts> {
  const manifests: Manifest[] = [];
  for (const path of files) {
    if (path.includes("/")) continue;
    const hit = ROOT_MANIFESTS.find(([pattern]) => pattern.test(path));
    if (hit) manifests.push({ kind: hit[1], path });
  }
  const ecosystems = [...new Set(manifests.map((m) => ECOSYSTEM_OF[m.kind]))];
  const own = files.filter((f) => !FOREIGN.test(f));
  const docs: Doc[] = own.flatMap((path) => {
    const kind = docKind(path);
    return kind ? [{ kind, path }] : [];
  });
  const packageJson = manifests.some((m) => m.kind === "package.json")
    ? await safeReadText(root, "package.json", { maxBytes: 8 * 1024 * 1024 }).catch(() => undefined)
    : undefined;
  const python = ecosystems.includes("python");
  return {
    root,
    files: [...files],
    ecosystems,
    manifests,
    testRunners: testRunners(ecosystems, own, packageJson),
    docs,
    models: own.filter((f) => f.endsWith(".onnx")),
    interpreters: await findInterpreters([
      "git",
      ...ecosystems.flatMap((e) =>
        e === "python" ? ["python" as const] : e === "node" ? ["node" as const] : []
      ),
    ]),
    pythons: python ? await findPythons(options.pythonSearch ?? []) : [],
  };
}
