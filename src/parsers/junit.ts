/**
 * Parse JUnit XML (as written by `deno test --junit-path` and `pytest --junitxml`).
 * @module
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";

/** How one test case ended. */
export type CaseOutcome = "passed" | "failed" | "error" | "skipped";

/** One `<testcase>`. */
export interface JUnitCase {
  /** `classname` attribute (pytest: dotted module path; deno: the test file). */
  classname: string;
  name: string;
  file?: string;
  line?: number;
  durationMs: number;
  outcome: CaseOutcome;
  /** The failure/error/skip message attribute, when given. */
  message?: string;
  /** The failure/error/skip `type` attribute (pytest marks xfail as `pytest.xfail`). */
  type?: string;
  /** The element's text: a traceback for failures and errors. */
  detail?: string;
}

/** Totals of a JUnit document, counted from its test cases. */
export interface JUnitSummary {
  tests: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
  durationMs: number;
  cases: JUnitCase[];
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  textNodeName: "#text",
  parseAttributeValue: false,
  // Numeric character references (pytest writes line breaks in messages as `&#10;`).
  htmlEntities: true,
  isArray: (name) => ["testsuite", "testcase", "failure", "error", "skipped"].includes(name),
});

/** An element list; an element without attributes parses as its text (`<skipped/>` as ""). */
function list(value: unknown): Node[] {
  if (!Array.isArray(value)) return [];
  return value.map((v) =>
    typeof v === "object" && v !== null ? v as Node : v === "" ? {} : { "#text": String(v) }
  );
}

function text(node: Node | undefined): string | undefined {
  if (node === undefined) return undefined;
  const t = node["#text"];
  return typeof t === "string" ? t : undefined;
}

function attr(node: Node | undefined, key: string): string | undefined {
  const v = node?.[key];
  return typeof v === "string" ? v : undefined;
}

function suites(node: Node): Node[] {
  const nested = list(node["testsuite"]);
  return nested.flatMap((s) => [s, ...suites(s)]);
}

function toCase(tc: Node): JUnitCase {
  const failure = list(tc["failure"])[0];
  const error = list(tc["error"])[0];
  const skipped = list(tc["skipped"])[0];
  const marker = failure ?? error ?? skipped;
  const outcome: CaseOutcome = failure
    ? "failed"
    : error
    ? "error"
    : skipped
    ? "skipped"
    : "passed";
  const line = Number(attr(tc, "line"));
  const seconds = Number(attr(tc, "time") ?? "0");
  const result: JUnitCase = {
    classname: attr(tc, "classname") ?? "",
    name: attr(tc, "name") ?? "",
    durationMs: Number.isFinite(seconds) ? seconds * 1000 : 0,
    outcome,
  };
  const file = attr(tc, "file");
  if (file !== undefined) result.file = file;
  if (Number.isInteger(line) && line > 0) result.line = line;
  const message = attr(marker, "message");
  if (message !== undefined) result.message = message;
  const type = attr(marker, "type");
  if (type !== undefined) result.type = type;
  const detail = text(marker);
  if (detail !== undefined) result.detail = detail;
  return result;
}

/**
 * Parse a JUnit XML document into counted test cases.
 * Throws a `TypeError` ("Cannot parse JUnit XML: …") when the text is not well-formed JUnit.
 *
 * @example
 * ```ts
 * import { parseJUnit } from "./junit.ts";
 * parseJUnit('<testsuites><testsuite name="s"><testcase name="t"/></testsuite></testsuites>').passed; // 1
 * ```
 */
export function parseJUnit(xml: string): JUnitSummary {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new TypeError(
      `Cannot parse JUnit XML: ${valid.err.msg} at line ${valid.err.line}`,
    );
  }
  const doc = parser.parse(xml) as Node;
  const root =
    (doc["testsuites"] ?? (doc["testsuite"] ? { testsuite: doc["testsuite"] } : undefined)) as
      | Node
      | undefined;
  if (root === undefined || typeof root !== "object") {
    throw new TypeError("Cannot parse JUnit XML: no <testsuites> or <testsuite> element");
  }
  const cases = suites(root).flatMap((s) => list(s["testcase"]).map(toCase));
  const count = (o: CaseOutcome) => cases.filter((c) => c.outcome === o).length;
  return {
    tests: cases.length,
    passed: count("passed"),
    failed: count("failed"),
    errors: count("error"),
    skipped: count("skipped"),
    durationMs: cases.reduce((sum, c) => sum + c.durationMs, 0),
    cases,
  };
}
