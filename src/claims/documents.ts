/**
 * Which documents of a repository speak about it (READMEs and status, summary, readiness,
 * iteration, report and changelog notes), and reading them as text.
 * @module
 */
import { globMatcher } from "../glob.ts";
import { repairMojibake } from "./mojibake.ts";
import { stepFence } from "./fences.ts";
import { safeReadFile } from "../safe_read.ts";

/** Bytes of a document read at most; a longer one is read up to its last line break before this. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

/** Folders whose documents are vendored, generated, or fixture repositories of their own. */
const SKIPPED_FOLDERS = new Set([
  "node_modules",
  "vendor",
  "third_party",
  "dist",
  "build",
  ".venv",
  "venv",
  "site-packages",
  "__pycache__",
  ".git",
  ".tox",
  ".nox",
  ".mypy_cache",
  ".pytest_cache",
  "fixtures",
  "testdata",
  "test_data",
  "test-data",
  "generated",
  "htmlcov",
  "_build",
  ".eggs",
  "env",
]);
const MARKDOWN = /\.(md|markdown|mdx)$/i;
const README = /^readme(\.[\w-]+)*$/i;
/** Words of a file name that mark a status document (each must start a word of the name). */
const NAME_WORDS = [
  "status",
  "summary",
  "readiness",
  "iteration",
  "report",
  "changelog",
  "changes",
  "progress",
  "checklist",
  "completion",
  "complete",
];
/** A first heading that marks a status document. */
const STATUS_HEADING =
  /\b(status|summary|readiness|ready|iteration|report|changelog|change log|release notes|progress|checklist|complete|completion|assessment|validation results?|achievements?)\b/i;

function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function inSkippedFolder(path: string): boolean {
  return path.split("/").slice(0, -1).some((folder) =>
    SKIPPED_FOLDERS.has(folder) || folder.endsWith(".egg-info")
  );
}

/** The words of a file name: `PRODUCTION_READINESS_Checklist.md` → production, readiness, checklist, md. */
function nameWords(name: string): string[] {
  return name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}

function isStatusName(path: string): boolean {
  const name = basename(path);
  if (README.test(name)) return true;
  if (!MARKDOWN.test(name)) return false;
  return nameWords(name).some((word) => NAME_WORDS.some((key) => word.startsWith(key)));
}

/**
 * The documents to read claims from, in the order of `files` (relative POSIX paths): every
 * README and every markdown file whose name marks it as a status, summary, readiness, iteration,
 * report or changelog document, outside vendored, generated and fixture folders; plus any file
 * matching one of `extraGlobs` (these are taken wherever they are). Documents whose first heading
 * marks them need their text: see {@linkcode isStatusDocument} and {@linkcode discoverDocuments}.
 *
 * @example
 * ```ts
 * import { selectDocuments } from "./documents.ts";
 * selectDocuments(["README.md", "docs/ITERATION_10.md", "node_modules/x/README.md", "src/a.py"]);
 * // ["README.md", "docs/ITERATION_10.md"]
 * ```
 */
export function selectDocuments(
  files: readonly string[],
  extraGlobs: readonly string[] = [],
): string[] {
  const extra = extraGlobs.map(globMatcher);
  const chosen = files.filter((f) =>
    (isStatusName(f) && !inSkippedFolder(f)) || extra.some((matches) => matches(f))
  );
  return [...new Set(chosen)];
}

/** Markdown files outside vendored, generated and fixture folders. */
export function markdownFiles(files: readonly string[]): string[] {
  return files.filter((f) => MARKDOWN.test(f) && !inSkippedFolder(f));
}

/** The text of the first heading (ATX or setext) outside front matter and code fences. */
export function firstHeading(markdown: string): string | undefined {
  const lines = markdown.split(/\r?\n/);
  let i = 0;
  if (lines[0]?.trim() === "---") {
    const end = lines.findIndex((line, n) => n > 0 && /^(---|\.\.\.)\s*$/.test(line));
    i = end < 0 ? 0 : end + 1;
  }
  let fence: string | undefined;
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    const step = stepFence(fence, line);
    fence = step.open;
    if (step.fenced) continue;
    const atx = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (atx !== null) return atx[1];
    const underline = lines[i + 1];
    if (line.trim() !== "" && underline !== undefined && /^ {0,3}(=+|-+)\s*$/.test(underline)) {
      return line.trim();
    }
  }
  return undefined;
}

/**
 * Whether a markdown document's first heading marks it as a status document ("Iteration 10:
 * Final Validation", "Production Readiness Checklist", "Implementation Summary", "Changelog").
 *
 * @example
 * ```ts
 * import { isStatusDocument } from "./documents.ts";
 * isStatusDocument("# Sprint 4 summary\n\nAll done."); // true
 * isStatusDocument("# Installing\n\nRun the script."); // false
 * ```
 */
export function isStatusDocument(markdown: string): boolean {
  const heading = firstHeading(markdown);
  return heading !== undefined && STATUS_HEADING.test(heading);
}

/** Text from bytes: UTF-8 (with or without a byte-order mark), UTF-16 with a mark, else cp1252. */
export function decodeDocument(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder("utf-8").decode(bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** A document's text, and a note when only its beginning was read. */
export interface DocumentText {
  text: string;
  note?: string;
}

/**
 * Read a document defensively (inside `root`, every symlink hop checked, regular files only, with a
 * deadline): its bytes decoded ({@linkcode decodeDocument}) and doubly encoded UTF-8 repaired
 * ({@linkcode repairMojibake}). A document over {@link MAX_DOCUMENT_BYTES} is read up to its last
 * line break before the cap, with a note. Throws an Error naming the path when it cannot be read.
 */
export async function readDocumentText(path: string, root = "/"): Promise<DocumentText> {
  let read;
  try {
    read = await safeReadFile(root, path, { maxBytes: MAX_DOCUMENT_BYTES, partial: true });
  } catch (error) {
    throw new Error(`Cannot read document ${path}: ${(error as Error).message}`, { cause: error });
  }
  let bytes = read.bytes;
  if (read.truncated) {
    const lastBreak = bytes.lastIndexOf(0x0a);
    bytes = bytes.subarray(0, lastBreak < 0 ? 0 : lastBreak + 1);
  }
  const text = repairMojibake(decodeDocument(bytes));
  if (!read.truncated) return { text };
  return {
    text,
    note:
      `${path}: ${read.size} bytes, only the first ${bytes.length} read (cap ${MAX_DOCUMENT_BYTES})`,
  };
}

/** {@linkcode readDocumentText} without the note. */
export async function readDocument(path: string, root = "/"): Promise<string> {
  return (await readDocumentText(path, root)).text;
}

/** A document to read claims from: its relative path, its decoded, repaired text, and a note when read in part. */
export interface Document {
  path: string;
  text: string;
  note?: string;
}

/**
 * All documents of a repository at `root` to read claims from, each read once:
 * {@linkcode selectDocuments} by name, plus every other markdown file (`*.md`, `*.markdown`,
 * `*.mdx`) outside vendored, generated, virtual-environment, fixture and test-data folders. The
 * rules that tell claims from goals, plans and examples decide, not the file name. Files that
 * cannot be read are left out.
 */
export async function discoverDocuments(
  root: string,
  files: readonly string[],
  extraGlobs: readonly string[] = [],
): Promise<Document[]> {
  const byName = new Set(selectDocuments(files, extraGlobs));
  const markdown = new Set(markdownFiles(files));
  const candidates = files.filter((f) => byName.has(f) || markdown.has(f));
  const read = await Promise.all(candidates.map(async (path) => {
    try {
      const { text, note } = await readDocumentText(path, root);
      // Every markdown document speaks: its name or first heading need not say "status".
      return [note === undefined ? { path, text } : { path, text, note }];
    } catch {
      return []; // An unreadable file is no document to read claims from.
    }
  }));
  return read.flat();
}
