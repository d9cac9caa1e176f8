/**
 * Files, folders and modules a sentence names as part of the target: `basic_model_loader.py`,
 * `revnet_zero/cli/`, README.md, "`from pkg import f` works". Each is an `exists` claim.
 * @module
 */

/** A named file, folder or module, and where the name starts in the sentence. */
export interface Mention {
  index: number;
  subject: string;
}

const EXTENSIONS =
  "py|pyi|pyx|ipynb|ts|tsx|js|jsx|mjs|cjs|md|mdx|rst|toml|ya?ml|json|jsonc|cfg|ini|txt|lock|sh|onnx|rs|go|java|rb|c|h|cc|cpp|hpp|html|css|sql|proto|env";
const FILE_EXTENSION = new RegExp(`\\.(${EXTENSIONS})$`, "i");
/** Names that are files without an extension of the list above. */
const SPECIAL_FILE =
  /^(Dockerfile(\.[\w-]+)?|Makefile|MANIFEST\.in|Procfile|Justfile|Vagrantfile|Gemfile|Pipfile|LICENSE(\.\w+)?|CODEOWNERS)$/;
/** A relative path: words joined by slashes, optionally ending in one. */
const PATH = /^(?:\.{1,2}\/)?\.?[\w@+-][\w.@+-]*(?:\/[\w.@+-]+)*\/?$/;
/** Library names spelled like files ("Node.js", "Three.js"). */
const LIBRARY =
  /^(([A-Z][\w]*|node|vue|next|nuxt|three|d3|chart|express|react|p5|ml5|deno)\.js|coverage\.py|asp\.net)$/i;
/** A file name or path inside prose (outside code spans). */
const BARE = new RegExp(
  String
    .raw`(?<![\w./@-])((?:[\w-]+\/)*(?:[\w-][\w.-]*)?[\w-]\.(?:${EXTENSIONS})|Dockerfile(?:\.[\w-]+)?|Makefile|MANIFEST\.in|Procfile|CODEOWNERS)(?![\w/-]|\.\w)`,
  "g",
);
const IMPORT =
  /^(?:from\s+([A-Za-z_][\w.]*)\s+import\s+[\w.,* ()]+|import\s+([A-Za-z_][\w.]*)(?:\s+as\s+\w+)?)$/;
/** Words saying that something named works, which makes a quoted import statement a claim. */
const WORKS =
  /\b(works?|working|functional|succeeds?|successful(?:ly)?|passes|available|importable|operational)\b/i;

/**
 * Whether an inline-code text names a file or folder of the repository: a relative path with a
 * file extension or a well-known file name, or one ending in `/` or starting with `./`. Absolute
 * paths, versions, library names (`Node.js`) and package specifiers (`pkg/sub`, `@scope/pkg`) are
 * not.
 */
export function isRepoPath(code: string): boolean {
  if (!PATH.test(code) || code.startsWith("/") || LIBRARY.test(code)) return false;
  if (/^v?\d+(\.\d+)+$/.test(code)) return false;
  const name = code.replace(/\/$/, "").split("/").pop() ?? "";
  return FILE_EXTENSION.test(name) || SPECIAL_FILE.test(name) || code.endsWith("/") ||
    /^\.{1,2}\//.test(code);
}

/** A clause about removing, renaming or replacing files names files that are gone. */
const GONE =
  /\b(remov\w*|delet\w*|dropp\w*|deprecat\w*|renam\w*|moved|replac\w*|instead of|legacy|obsolete)\b/i;
/** A name preceded by these words is any such file, not one of this repository. */
const GENERIC_BEFORE = /\b(your|their|any|each|every|custom)\s+(?:[\w-]+\s+)?$/i;

function isGeneric(clause: string, start: number, end: number): boolean {
  const before = clause.slice(0, start);
  return GENERIC_BEFORE.test(before) ||
    (/\ban?\s+$/i.test(before) && /^\s*files?\b/i.test(clause.slice(end)));
}

/**
 * The files, folders and modules named in a clause. `clause` is the sentence with everything
 * outside the clause blanked; `codeSpans` are the sentence's inline-code ranges; `sentence` is
 * its unmasked text (code is read from it).
 */
export function findMentions(
  clause: string,
  sentence: string,
  codeSpans: ReadonlyArray<readonly [number, number]>,
): Mention[] {
  if (GONE.test(clause)) return [];
  const found: Mention[] = [];
  let prose = clause;
  for (const [start, end] of codeSpans) {
    if (clause.slice(start, end).trim() === "") continue;
    prose = prose.slice(0, start) + " ".repeat(end - start) + prose.slice(end);
    const code = sentence.slice(start, end).trim();
    const imported = IMPORT.exec(code);
    if (imported !== null) {
      if (WORKS.test(clause)) {
        found.push({ index: start, subject: imported[1] ?? imported[2] ?? "" });
      }
    } else if (isRepoPath(code) && !isGeneric(clause, start, end)) {
      found.push({ index: start, subject: code.replace(/^\.\//, "") });
    }
  }
  for (const m of prose.matchAll(BARE)) {
    const name = m[1] as string;
    if (LIBRARY.test(name) || isGeneric(prose, m.index, m.index + name.length)) continue;
    found.push({ index: m.index, subject: name });
  }
  return found.filter((m) => m.subject !== "").sort((a, b) => a.index - b.index);
}
