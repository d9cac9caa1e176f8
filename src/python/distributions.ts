/**
 * Import names ↔ distribution names: what an installed environment's metadata says, a small
 * documented table, and PEP 503 name normalisation.
 * @module
 */
import { z } from "zod";
import { PROBE_MARKER } from "./env.ts";

/** Top-level import name → the distributions that install it (from an environment's metadata). */
export type ImportNames = ReadonlyMap<string, readonly string[]>;

/**
 * Top-level import names whose distribution is named differently. Add an entry when a well-known
 * distribution installs a module whose name does not normalise to its own (PEP 503) name.
 */
export const IMPORT_TO_DISTRIBUTION: Readonly<Record<string, readonly string[]>> = {
  yaml: ["PyYAML"],
  PIL: ["Pillow"],
  sklearn: ["scikit-learn"],
  skimage: ["scikit-image"],
  cv2: [
    "opencv-python",
    "opencv-python-headless",
    "opencv-contrib-python",
    "opencv-contrib-python-headless",
  ],
  bs4: ["beautifulsoup4"],
  dateutil: ["python-dateutil"],
  dotenv: ["python-dotenv"],
  jose: ["python-jose"],
  jwt: ["PyJWT"],
  multipart: ["python-multipart"],
  magic: ["python-magic"],
  docx: ["python-docx"],
  pptx: ["python-pptx"],
  serial: ["pyserial"],
  usb: ["pyusb"],
  Crypto: ["pycryptodome"],
  Cryptodome: ["pycryptodomex"],
  OpenSSL: ["pyOpenSSL"],
  attr: ["attrs"],
  google: ["protobuf"],
  grpc: ["grpcio"],
  zmq: ["pyzmq"],
  MySQLdb: ["mysqlclient"],
  psycopg2: ["psycopg2", "psycopg2-binary"],
  pkg_resources: ["setuptools"],
  _pytest: ["pytest"],
  git: ["GitPython"],
  github: ["PyGithub"],
  gi: ["PyGObject"],
  win32api: ["pywin32"],
  win32con: ["pywin32"],
  fitz: ["PyMuPDF"],
  Levenshtein: ["python-Levenshtein", "Levenshtein"],
  slugify: ["python-slugify"],
  telegram: ["python-telegram-bot"],
  sentence_transformers: ["sentence-transformers"],
  faiss: ["faiss-cpu", "faiss-gpu"],
  onnxruntime: ["onnxruntime", "onnxruntime-gpu"],
  tensorflow: ["tensorflow", "tensorflow-cpu"],
  torch: ["torch"],
  umap: ["umap-learn"],
  websocket: ["websocket-client"],
  markdown: ["Markdown"],
  lxml: ["lxml"],
  tomli_w: ["tomli-w"],
  typing_extensions: ["typing-extensions"],
  importlib_metadata: ["importlib-metadata"],
  ruamel: ["ruamel.yaml"],
  mpl_toolkits: ["matplotlib"],
};

/**
 * PEP 503 normalised name: lower case, runs of `-`, `_` and `.` as one `-`.
 *
 * @example
 * ```ts
 * import { normalizeName } from "./distributions.ts";
 * normalizeName("Typing_Extensions"); // "typing-extensions"
 * ```
 */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

/**
 * Normalised names of the distributions that may provide the import `module` (dotted): those the
 * installed environment names for its top-level name (`installed`), the table's entries, the
 * top-level name itself, and for a namespace import such as `google.cloud.storage` the dashed
 * prefixes (`google-cloud-storage`, `google-cloud`).
 */
export function distributionCandidates(module: string, installed?: ImportNames): string[] {
  const parts = module.split(".");
  const top = parts[0] ?? module;
  const names = [...(installed?.get(top) ?? []), ...(IMPORT_TO_DISTRIBUTION[top] ?? []), top];
  for (let n = parts.length; n >= 2; n--) names.push(parts.slice(0, n).join("-"));
  return [...new Set(names.map(normalizeName))];
}

/**
 * The probe, run as `python -c IMPORT_NAMES_SCRIPT` by an environment's interpreter: its
 * `importlib.metadata.packages_distributions()` (computed the same way on Python 3.8 and 3.9,
 * which lack it), printed as JSON after the marker line. Nothing of the project is imported.
 */
export const IMPORT_NAMES_SCRIPT = [
  "import json",
  "from importlib import metadata",
  "def top_names(dist):",
  "    declared = (dist.read_text('top_level.txt') or '').split()",
  "    if declared:",
  "        return declared",
  "    names = set()",
  "    for f in dist.files or []:",
  "        parts = str(f).split('/')",
  "        if len(parts) > 1 and not parts[0].endswith(('.dist-info', '.egg-info', '.data')):",
  "            names.add(parts[0])",
  "        elif len(parts) == 1 and parts[0].endswith('.py'):",
  "            names.add(parts[0][:-3])",
  "    return sorted(names)",
  "try:",
  "    mapping = metadata.packages_distributions()",
  "except AttributeError:",
  "    mapping = {}",
  "    for dist in metadata.distributions():",
  "        for name in top_names(dist):",
  "            mapping.setdefault(name, []).append(dist.metadata['Name'])",
  `print('\\n${PROBE_MARKER}')`,
  "print(json.dumps(mapping))",
].join("\n");

const ImportNamesSchema = z.record(z.string(), z.array(z.string()));

/** Parse the probe's stdout; undefined when it did not finish (no marker, or not the JSON). */
export function parseImportNames(stdout: string): ImportNames | undefined {
  const at = stdout.lastIndexOf(PROBE_MARKER);
  if (at < 0) return undefined;
  try {
    const parsed = ImportNamesSchema.safeParse(JSON.parse(stdout.slice(at + PROBE_MARKER.length)));
    return parsed.success ? new Map(Object.entries(parsed.data)) : undefined;
  } catch {
    return undefined;
  }
}
