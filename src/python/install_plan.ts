/**
 * The pip commands that install a project into a fresh environment, planned from its manifests.
 * @module
 */
import type { Manifests } from "./manifests.ts";

/** pip's own build requirements when a project has no `[build-system]` table. */
const DEFAULT_BUILD_REQUIRES = ["setuptools>=40.8.0", "wheel"];

/** What the plan reads. */
export interface InstallInput {
  /** The environment's interpreter. */
  python: string;
  /** The snapshot root. */
  root: string;
  /** Whether the project is an installable package (has `pyproject.toml` or `setup.py`). */
  installable: boolean;
  /** The parsed manifests; undefined when `pyproject.toml` could not be parsed. */
  manifests?: Manifests;
  /** Requirements files at the root (detection's list). */
  requirementsFiles: readonly string[];
}

/** The argv of each step; `buildRequires` and `target` are absent when there is nothing to install. */
export interface InstallPlan {
  /** claimcheck's tools (pytest, coverage, build) and wheel. */
  tools: string[];
  /** The project's build backend, so pip and `python -m build` need no isolated environment. */
  buildRequires?: string[];
  /** The project with every extra it declares, its requirements files and development groups. */
  target?: string[];
}

function pip(python: string, args: readonly string[]): string[] {
  return [python, "-m", "pip", "install", ...args];
}

/**
 * Plan the install. The build requirements go in first and the project is then installed with
 * `--no-build-isolation`: one resolution, and a backend that later builds can use offline.
 *
 * @example
 * ```ts
 * import { planInstall } from "./install_plan.ts";
 * planInstall({ python: "py", root: "/s", installable: false, requirementsFiles: ["requirements.txt"] })
 *   .target; // ["py", "-m", "pip", "install", "-r", "/s/requirements.txt"]
 * ```
 */
export function planInstall(input: InstallInput): InstallPlan {
  const { python, root } = input;
  const pyproject = input.manifests?.pyproject;
  const plan: InstallPlan = { tools: pip(python, ["pytest", "coverage", "build", "wheel"]) };
  const buildRequires = pyproject?.buildRequires ?? DEFAULT_BUILD_REQUIRES;
  if (input.installable && buildRequires.length > 0) {
    plan.buildRequires = pip(python, buildRequires);
  }
  const extras = [
    ...Object.keys(pyproject?.optional ?? {}),
    ...Object.keys(input.manifests?.setupCfg?.optional ?? {}),
  ].filter((e) => /^[A-Za-z0-9][\w.-]*$/.test(e));
  const dev = [
    ...Object.values(pyproject?.dev ?? {}).flat(),
    ...Object.values(input.manifests?.setupCfg?.dev ?? {}).flat(),
  ].map((r) => r.raw);
  const args = [
    ...input.requirementsFiles.flatMap((f) => ["-r", `${root}/${f}`]),
    ...(input.installable ? ["--no-build-isolation", withExtras(root, extras)] : []),
    ...new Set(dev),
  ];
  if (args.length > 0) plan.target = pip(python, args);
  return plan;
}

function withExtras(root: string, extras: readonly string[]): string {
  const unique = [...new Set(extras)].sort();
  return unique.length > 0 ? `${root}[${unique.join(",")}]` : root;
}
