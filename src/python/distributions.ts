/**
 * Import names ↔ distribution names: a small documented table plus PEP 503 name normalisation.
 * @module
 */

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
 * Normalised names of the distributions that may provide the import `module` (dotted): the table's
 * entries for its top-level name, the top-level name itself, and for a namespace import such as
 * `google.cloud.storage` the dashed prefixes (`google-cloud-storage`, `google-cloud`).
 */
export function distributionCandidates(module: string): string[] {
  const parts = module.split(".");
  const top = parts[0] ?? module;
  const names = [...(IMPORT_TO_DISTRIBUTION[top] ?? []), top];
  for (let n = parts.length; n >= 2; n--) names.push(parts.slice(0, n).join("-"));
  return [...new Set(names.map(normalizeName))];
}
