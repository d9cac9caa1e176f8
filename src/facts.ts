/**
 * Facts: what detection found in a snapshot. Checks read facts; they never rescan the tree.
 * @module
 */

/** An ecosystem claimcheck knows how to probe. */
export type Ecosystem = "python" | "node" | "deno";

/** Kinds of manifest detection recognises. */
export type ManifestKind =
  | "pyproject"
  | "setup.py"
  | "setup.cfg"
  | "requirements"
  | "package.json"
  | "deno.json";

/** A manifest file, relative to the snapshot root. */
export interface Manifest {
  kind: ManifestKind;
  path: string;
}

/** Kinds of document detection recognises. */
export type DocKind = "readme" | "license" | "status" | "changelog" | "other";

/**
 * A document, relative to the snapshot root: markdown, a license, or a README or changelog in
 * reStructuredText, plain text or without extension (`README.rst`, `README.txt`, `README`).
 */
export interface Doc {
  kind: DocKind;
  path: string;
}

/** A test runner the target appears to use. */
export type TestRunner = "deno" | "pytest" | "node";

/** An interpreter or tool found on this machine. */
export interface Tool {
  /** Resolved real path (a shim such as pyenv's is followed). */
  path: string;
  version: string;
}

/** Everything detection found about one snapshot. */
export interface Facts {
  /** Absolute path of the snapshot (the disposable copy). */
  root: string;
  /** Every file in the snapshot, relative POSIX paths, sorted; VCS and cache folders left out. */
  files: string[];
  ecosystems: Ecosystem[];
  manifests: Manifest[];
  testRunners: TestRunner[];
  docs: Doc[];
  /** `*.onnx` files, relative paths. */
  models: string[];
  /** The tools found; `python` is the machine's default `python3`. */
  interpreters: Partial<Record<"deno" | "python" | "node" | "git", Tool>>;
  /** Every Python interpreter on the machine, oldest first (empty unless the target uses Python). */
  pythons: Tool[];
}
