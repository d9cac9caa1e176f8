/**
 * Running as a GitHub Action (`GITHUB_ACTIONS=true`): after an audit, append the markdown report to
 * the step summary, print the annotations, and write the step outputs (`level`, `contradicted`,
 * `report`, `sarif`). All of it here, in TypeScript; `action.yml` only calls the CLI.
 * @module
 */
import { githubAnnotations } from "./report/github.ts";
import { renderMarkdown } from "./report/markdown.ts";
import type { Report } from "./report/schema.ts";

/** The environment variables this module reads (a subset of `Deno.env.toObject()`). */
export type GitHubEnv = Readonly<Record<string, string | undefined>>;

/** Whether claimcheck runs inside a GitHub Actions job. */
export function inGitHubActions(env: GitHubEnv): boolean {
  return env.GITHUB_ACTIONS === "true";
}

/** The web URL of the workflow's repository, from `GITHUB_SERVER_URL` and `GITHUB_REPOSITORY`. */
export function repositoryWebUrl(env: GitHubEnv): string | undefined {
  const server = env.GITHUB_SERVER_URL?.replace(/\/+$/, "");
  const repository = env.GITHUB_REPOSITORY;
  if (!server || !repository || !/^[\w.-]+\/[\w.-]+$/.test(repository)) return undefined;
  return `${server}/${repository}`;
}

/** `report` with the repository's web URL when the target is the workflow's own checkout. */
export function withRepositoryUrl(report: Report, env: GitHubEnv): Report {
  const url = repositoryWebUrl(env);
  const workspace = env.GITHUB_WORKSPACE;
  const local = !/^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(report.target.path);
  if (!url || !workspace || !local || report.target.webUrl) return report;
  return { ...report, target: { ...report.target, webUrl: url } };
}

/** The step outputs as `name=value` lines; a value never spans lines. */
export function outputLines(report: Report, written: readonly string[]): string[] {
  const json = written.find((p) => p.endsWith(".json"));
  const sarif = written.find((p) => p.endsWith(".sarif"));
  return [
    `level=${report.level.value}`,
    `contradicted=${report.summary.contradicted}`,
    ...(json ? [`report=${json}`] : []),
    ...(sarif ? [`sarif=${sarif}`] : []),
  ].map((line) => line.replace(/[\r\n]/g, " "));
}

/**
 * Publish an audit to the job: the markdown report to `GITHUB_STEP_SUMMARY`, the outputs to
 * `GITHUB_OUTPUT` (each only when its variable names a file), and the annotations through `print`.
 */
export async function publishToGitHub(
  report: Report,
  written: readonly string[],
  env: GitHubEnv,
  print: (line: string) => void = console.log,
): Promise<void> {
  if (env.GITHUB_STEP_SUMMARY) {
    await Deno.writeTextFile(env.GITHUB_STEP_SUMMARY, `${renderMarkdown(report)}\n`, {
      append: true,
    });
  }
  for (const line of githubAnnotations(report, report.target.repoPath ?? "")) print(line);
  if (env.GITHUB_OUTPUT) {
    await Deno.writeTextFile(env.GITHUB_OUTPUT, `${outputLines(report, written).join("\n")}\n`, {
      append: true,
    });
  }
}
