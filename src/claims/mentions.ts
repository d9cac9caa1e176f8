/**
 * Files, folders and modules a sentence names as part of the target: `basic_model_loader.py`,
 * `revnet_zero/cli/`, README.md, "`from pkg import f` works", "- `pkg.export` — CSV summary"
 * under a "Layout" heading. Each is an `exists` claim.
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
  /^(Dockerfile(\.[\w-]+)?|Makefile|MANIFEST\.in|Procfile|Justfile|Vagrantfile|Gemfile|Pipfile|LICENSE(\.\w+)?|CODEOWNERS|\.(?:gitignore|gitattributes|dockerignore|editorconfig|npmignore|coveragerc|flake8|pylintrc|prettierrc|eslintrc|env(?:\.[\w-]+)?))$/;
/** A relative path: words joined by slashes, optionally ending in one. */
const PATH = /^(?:\.{1,2}\/)?\.?[\w@+-][\w.@+-]*(?:\/[\w.@+-]+)*\/?$/;
/** Library names spelled like files ("Node.js", "Three.js"). */
const LIBRARY =
  /^(([A-Z][\w]*|node|vue|next|nuxt|three|d3|chart|express|react|p5|ml5|deno)\.js|coverage\.py|asp\.net)$/i;
/** A file name or path inside prose (outside code spans). */
const BARE = new RegExp(
  String
    .raw`(?<![\w./@-])((?:\.?[\w-]+\/)*(?:\.?(?:[\w-][\w.-]*)?[\w-]\.(?:${EXTENSIONS})|Dockerfile(?:\.[\w-]+)?|Makefile|MANIFEST\.in|Procfile|CODEOWNERS|\.(?:gitignore|gitattributes|dockerignore|editorconfig|coveragerc|pylintrc|env(?:\.[\w-]+)?)))(?![\w/-]|\.\w)`,
  "g",
);
/** A file name without extension used as a noun's modifier names a kind of file ("Dockerfile analysis"). */
const KIND_OF_FILE = /^(?:[A-Z][A-Za-z]*|\.[a-z]+)$/;
const MODIFIED_NOUN =
  /^\s+(optimi\w*|analy\w*|process\w*|lint\w*|generat\w*|best|security|instructions?|syntax|formats?|pars\w*|templates?|support|scann\w*|rules?|checks?|files)\b/i;
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

/** A dotted module path in lower case: `pkg.sub`, `pkg.sub.mod` (not `Class.attr`, `v1.2`, `f()`). */
const DOTTED_MODULE = /^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+$/;
/** Roots of dotted names from the standard library, common libraries and variables. */
const FOREIGN_ROOT =
  /^(os|sys|re|io|json|math|time|datetime|typing|collections|itertools|functools|pathlib|shutil|subprocess|asyncio|logging|unittest|importlib|multiprocessing|concurrent|urllib|http|email|xml|np|numpy|pd|pandas|torch|tf|tensorflow|jax|scipy|sklearn|self|cls|result|results|response|request|args|kwargs)$/;
/** A command that runs a module of the project: "python -m pkg.web --port 80" → `pkg.web`. */
const RUN_MODULE = /^python(?:3(?:\.\d+)?)?\s+-m\s+([A-Za-z_][\w.]*)(?:\s|$)/;

/**
 * The dotted module a code span runs with `python -m`, when it is one of the project's (not of
 * the standard library or a common library): `python -m pkg.webapp` → `pkg.webapp`.
 */
export function runModule(code: string): string | undefined {
  const name = RUN_MODULE.exec(code.trim())?.[1];
  if (name === undefined || !DOTTED_MODULE.test(name)) return undefined;
  return FOREIGN_ROOT.test(name.split(".")[0] as string) ? undefined : name;
}

/** Headings (or a first column's header) under which listed names are parts of the project. */
const LAYOUT =
  /\b(modules?|components?|structure|layout|architecture|organi[sz]ation|code\s*base|source\s+tree|project\s+tree|files)\b/i;
/** What follows a name that opens a listing entry: a separator, then its description. */
const DESCRIBED = /^\s*[:\-–—→]\s+\S/;
/** A dotted name called a module or package: "module `pkg.sub`", "the `pkg.sub` package". */
const MODULE_BEFORE =
  /\b(?:sub)?(?:modules?|packages?)\s+$|\b(?:found|located|lives?|defined)\s+(?:at|in)\s+$/i;
const MODULE_AFTER = /^\s+(?:sub)?(?:module|package)\b/i;

/**
 * Whether the dotted name at `start`–`end` of `sentence` is presented as a module of the project:
 * called a module or package in its clause, or opening a described listing entry ("`pkg.sub` —
 * CSV export") under a heading such as "Layout", "Modules" or "Structure" (`section`).
 */
function isModule(
  code: string,
  clause: string,
  sentence: string,
  [start, end]: readonly [number, number],
  section: string,
): boolean {
  if (!DOTTED_MODULE.test(code) || FOREIGN_ROOT.test(code.split(".")[0] as string)) return false;
  if (MODULE_BEFORE.test(clause.slice(0, start)) || MODULE_AFTER.test(clause.slice(end))) {
    return true;
  }
  const opens = !/\w/.test(sentence.slice(0, start));
  return opens && DESCRIBED.test(sentence.slice(end)) && LAYOUT.test(section);
}

/**
 * Words that point to a document or file: "is tracked in STATUS.md", "see `docs/api.md`", "can
 * be found at `pkg.ext`", "the example app in `examples/app.py`".
 */
const POINTER =
  /(?:\b(?:is|are)\s+(?:tracked|documented|described|recorded|kept|listed|explained|maintained|logged|summari[sz]ed|detailed)\s+in|\bsee|\b(?:found|located|defined|lives?)\s+(?:at|in)|\b(?:app|application|example|script|demo|module|package|code|notebook)\s+(?:in|at))\s+(?:the\s+)?$/i;

/** Whether the name at `index` of `sentence` is pointed to: "The status is tracked in STATUS.md". */
export function isPointedTo(sentence: string, index: number): boolean {
  return POINTER.test(sentence.slice(0, index));
}

/** A clause about removing, renaming or replacing files names files that are gone. */
const GONE =
  /\b(remov\w*|delet\w*|dropp\w*|deprecat\w*|renam\w*|moved|replac\w*|instead of|legacy|obsolete)\b/i;
/** A name preceded by these words is any such file, not one of this repository. */
const GENERIC_BEFORE = /\b(your|their|any|each|every|custom)\s+(?:[\w-]+\s+)?$/i;
/**
 * A place the program reads its input from is the user's file ("reads connection details from
 * `x.yaml`", "database configured in `x.yaml`"); "configuration is read from `x.yaml`" is not.
 */
const INPUT_BEFORE = /\b(?:reads|loads)\s+(?:[\w-]+\s+){1,4}from\s+$|\bconfigured\s+in\s+$/i;

function isGeneric(clause: string, start: number, end: number): boolean {
  const before = clause.slice(0, start);
  return GENERIC_BEFORE.test(before) || INPUT_BEFORE.test(before) ||
    (/\ban?\s+$/i.test(before) && /^\s*files?\b/i.test(clause.slice(end)));
}

/**
 * The files, folders and modules named in a clause. `clause` is the sentence with everything
 * outside the clause blanked; `codeSpans` are the sentence's inline-code ranges; `sentence` is
 * its unmasked text (code is read from it); `section` the headings above it (see `isModule`).
 */
export function findMentions(
  clause: string,
  sentence: string,
  codeSpans: ReadonlyArray<readonly [number, number]>,
  section = "",
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
    } else if (
      !isGeneric(clause, start, end) &&
      (isRepoPath(code) || isModule(code, clause, sentence, [start, end], section))
    ) {
      found.push({ index: start, subject: code.replace(/^\.\//, "") });
    }
  }
  for (const m of prose.matchAll(BARE)) {
    const name = m[1] as string;
    if (LIBRARY.test(name) || isGeneric(prose, m.index, m.index + name.length)) continue;
    const after = prose.slice(m.index + name.length);
    if (KIND_OF_FILE.test(name) && MODIFIED_NOUN.test(after)) continue;
    found.push({ index: m.index, subject: name });
  }
  return found.filter((m) => m.subject !== "").sort((a, b) => a.index - b.index);
}
