/**
 * GitHub Actions workflows: the jobs, their `run:` steps split into commands (with lines), their
 * `env:` values that are not expressions, and the `python-version` matrix.
 * @module
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type YAMLMap } from "yaml";
import { type ShellCommand, splitScript } from "./shell_commands.ts";

/** One step of a job. */
export interface WorkflowStep {
  name?: string;
  line: number;
  /** The commands of its `run:` block (empty for a `uses:` step). */
  commands: ShellCommand[];
  /** The environment of the step: workflow, job and step `env:` merged, expressions left out. */
  env: Record<string, string>;
}

/** One job of a workflow. */
export interface WorkflowJob {
  id: string;
  line: number;
  steps: WorkflowStep[];
  /** Concrete `3.x` versions of its matrix and `setup-python` steps, oldest first. */
  pythonVersions: string[];
}

/** A parsed workflow. */
export interface Workflow {
  path: string;
  jobs: WorkflowJob[];
}

type Node = ReturnType<YAMLMap["get"]>;

/** A mapping's scalar values that are plain text, expressions (`${{ … }}`) left out. */
function envOf(node: Node): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isMap(node)) return out;
  for (const pair of node.items) {
    if (isScalar(pair.key) && isScalar(pair.value)) {
      const value = String(pair.value.value);
      if (!value.includes("${{")) out[String(pair.key.value)] = value;
    }
  }
  return out;
}

function scalarStrings(node: Node): string[] {
  if (isScalar(node)) return [String(node.value)];
  if (isSeq(node)) {
    return node.items.flatMap((item) => (isScalar(item) ? [String(item.value)] : []));
  }
  return [];
}

/** `3.9` < `3.10` < `3.12.1`. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** Concrete `3.x` versions among `values`, each once, oldest first. */
export function concreteVersions(values: readonly string[]): string[] {
  const kept = values.map((v) => v.trim()).filter((v) => /^3\.\d+(\.\d+)?$/.test(v));
  return [...new Set(kept)].sort(compareVersions);
}

const MATRIX_KEYS = ["python-version", "python", "python-versions", "python_version", "py"];

function matrixVersions(job: YAMLMap): string[] {
  const matrix = job.getIn(["strategy", "matrix"], true);
  if (!isMap(matrix)) return [];
  const out: string[] = [];
  for (const key of MATRIX_KEYS) out.push(...scalarStrings(matrix.get(key, true)));
  const include = matrix.get("include", true);
  if (isSeq(include)) {
    for (const item of include.items) {
      if (isMap(item)) {
        for (const key of MATRIX_KEYS) out.push(...scalarStrings(item.get(key, true)));
      }
    }
  }
  return out;
}

/**
 * Parse a workflow file. Throws a `TypeError` ("Cannot parse PATH:LINE: reason") when the YAML
 * does not parse.
 */
export function parseWorkflow(text: string, path: string): Workflow {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, schema: "failsafe" });
  const error = doc.errors[0];
  if (error) {
    const line = lines.linePos(error.pos[0]).line;
    throw new TypeError(`Cannot parse ${path}:${line}: ${error.message.split("\n")[0]}`);
  }
  const lineOf = (node: { range?: [number, number, number] | null } | null | undefined) =>
    node?.range ? lines.linePos(node.range[0]).line : 1;
  const workflowEnv = envOf(doc.get("env", true) as Node);
  const jobsNode = doc.get("jobs", true);
  const jobs: WorkflowJob[] = [];
  if (!isMap(jobsNode)) return { path, jobs };
  for (const pair of jobsNode.items) {
    if (!isScalar(pair.key) || !isMap(pair.value)) continue;
    const job = pair.value;
    const jobEnv = { ...workflowEnv, ...envOf(job.get("env", true)) };
    const versions = matrixVersions(job);
    const steps: WorkflowStep[] = [];
    const stepsNode = job.get("steps", true);
    for (const item of isSeq(stepsNode) ? stepsNode.items : []) {
      if (!isMap(item)) continue;
      const uses = item.get("uses");
      if (typeof uses === "string" && uses.includes("setup-python")) {
        versions.push(...scalarStrings(item.getIn(["with", "python-version"], true) as Node));
      }
      const run = item.get("run", true);
      let commands: ShellCommand[] = [];
      if (isScalar(run)) {
        const block = run.type === "BLOCK_LITERAL" || run.type === "BLOCK_FOLDED";
        commands = splitScript(String(run.value), lineOf(run) + (block ? 1 : 0));
      }
      const name = item.get("name");
      steps.push({
        ...(typeof name === "string" ? { name } : {}),
        line: lineOf(item),
        commands,
        env: { ...jobEnv, ...envOf(item.get("env", true)) },
      });
    }
    jobs.push({
      id: String(pair.key.value),
      line: lineOf(pair.key),
      steps,
      pythonVersions: concreteVersions(versions),
    });
  }
  return { path, jobs };
}
