/**
 * Finding what an `exists` claim names — a file, a dotted module or a command — in a snapshot.
 * @module
 */

/** Where a subject was found, that it is absent, or that absence cannot be told here. */
export type Location =
  | { found: true; where: string }
  | { found: false; looked: string }
  | { found: undefined; why: string };

/** Extensions that make a dotted name a file rather than a module. */
const FILE_EXTENSION =
  /\.(py|pyi|pyx|ts|tsx|js|jsx|mjs|cjs|json|jsonc|md|rst|txt|toml|ya?ml|cfg|ini|sh|lock|onnx|pt|pth|bin|safetensors|csv|ipynb|rs|go|c|h|cc|cpp|hpp|java|html|css|sql|xml|whl|zip|gz|png|jpe?g|svg|pdf|env)$/i;
const DOTTED = /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)+$/;
const IDENTIFIER = /^[A-Za-z_][\w-]*$/;

function hasPath(files: readonly string[], path: string): string | undefined {
  return files.find((f) => f === path) ?? files.find((f) => f.endsWith(`/${path}`));
}

function hasFolder(files: readonly string[], folder: string): string | undefined {
  const hit = files.find((f) => f.startsWith(`${folder}/`) || f.includes(`/${folder}/`));
  if (hit === undefined) return undefined;
  return hit.startsWith(`${folder}/`)
    ? `${folder}/`
    : `${hit.slice(0, hit.indexOf(`/${folder}/`))}/${folder}/`;
}

function findModule(files: readonly string[], dotted: string): string | undefined {
  const path = dotted.replaceAll(".", "/");
  for (const candidate of [`${path}.py`, `${path}/__init__.py`, `${path}.ts`, `${path}/mod.ts`]) {
    const hit = hasPath(files, candidate);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

function locateFile(path: string, files: readonly string[]): Location {
  if (path.endsWith("/")) {
    const folder = path.replace(/\/+$/, "");
    const hit = hasFolder(files, folder);
    return hit !== undefined
      ? { found: true, where: hit }
      : { found: false, looked: `no folder ${folder}/` };
  }
  const hit = hasPath(files, path) ?? (hasFolder(files, path) ?? undefined);
  return hit !== undefined
    ? { found: true, where: hit }
    : { found: false, looked: `no file ${path}` };
}

function locateModule(dotted: string, files: readonly string[]): Location {
  const hit = findModule(files, dotted);
  if (hit !== undefined) return { found: true, where: hit };
  const path = dotted.replaceAll(".", "/");
  return { found: false, looked: `no module ${dotted} (${path}.py or ${path}/__init__.py)` };
}

function locateCommand(name: string, scripts: readonly string[] | undefined): Location {
  if (scripts === undefined) {
    return { found: undefined, why: "the declared entry points are unknown" };
  }
  if (scripts.includes(name)) return { found: true, where: `entry point ${name}` };
  const declared = scripts.length > 0 ? scripts.join(", ") : "none";
  return { found: false, looked: `no entry point ${name} (declared: ${declared})` };
}

/** The script or module a command line runs: `python -m x` → module x; `deno task x`, `npm run x`, `x …` → x. */
function locateCommandLine(
  words: readonly string[],
  files: readonly string[],
  scripts: readonly string[] | undefined,
): Location {
  const [first = "", second = "", third = ""] = words;
  if (/^python(3(\.\d+)?)?$/.test(first) && second === "-m" && third !== "") {
    return locateModule(third, files);
  }
  if ((first === "deno" && second === "task") || (first === "npm" && second === "run")) {
    return locateCommand(third, scripts);
  }
  if (first.includes("/") || FILE_EXTENSION.test(first)) {
    return locateFile(first.replace(/^\.\//, ""), files);
  }
  return locateCommand(first, scripts);
}

/**
 * Find `subject` among `files` (relative POSIX paths) and `scripts` (declared entry points;
 * undefined when unknown). A path or a name with a file extension is a file, matched exactly or as
 * a path suffix (`core.py` matches `src/pkg/core.py`; a trailing `/` names a folder); a dotted name
 * is a file when one has that name (`MANIFEST.in`, `Dockerfile.dev`), else a module (`pkg/mod.py`, `pkg/mod/__init__.py`, anywhere, so src layouts match); a command line
 * names its entry point (`python -m mod` its module); a bare name is an entry point, a package or a
 * file, whichever exists.
 */
export function locateSubject(
  subject: string,
  files: readonly string[],
  scripts: readonly string[] | undefined,
): Location {
  const name = subject.trim().replace(/^`+|`+$/g, "").trim().replace(/^\.\//, "");
  const words = name.split(/\s+/);
  if (words.length > 1) return locateCommandLine(words, files, scripts);
  if (name.includes("/") || name.startsWith(".") || FILE_EXTENSION.test(name)) {
    return locateFile(name, files);
  }
  if (DOTTED.test(name)) {
    // A dotted name is a file first (`MANIFEST.in`, `Dockerfile.dev`, `.env.example`), else a module.
    const file = hasPath(files, name);
    if (file !== undefined) return { found: true, where: file };
    const module = locateModule(name, files);
    // A lower-case dotted identifier reads as a module; anything else was a file name first.
    return module.found === false && !/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)+$/.test(name)
      ? { found: false, looked: `no file ${name}, and ${module.looked}` }
      : module;
  }
  if (!IDENTIFIER.test(name)) return { found: undefined, why: `cannot tell what ${name} names` };
  const hit = scripts?.includes(name)
    ? `entry point ${name}`
    : findModule(files, name) ?? hasPath(files, name) ?? hasFolder(files, name);
  if (hit !== undefined) return { found: true, where: hit };
  if (scripts === undefined) {
    return { found: undefined, why: "the declared entry points are unknown" };
  }
  return { found: false, looked: `no entry point, module or file named ${name}` };
}
