/**
 * The environment of a sandboxed command, built from an allowlist.
 * @module
 */

/** Variables copied from claimcheck's own environment when set. */
export const INHERITED_ENV = ["PATH", "LANG", "LC_ALL", "TZ", "TERM"] as const;

/** PATH used when claimcheck's own environment has none. */
export const DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

/** Inputs of `buildEnv()`. */
export interface EnvInputs {
  /** Reads a variable of claimcheck's own environment. */
  get: (name: string) => string | undefined;
  home: string;
  tmpDir: string;
  /** The working directory, exported as PWD (as a shell would). */
  pwd: string;
  /** Explicit variables; they win over everything else. */
  env?: Record<string, string> | undefined;
  /** Names to copy from claimcheck's own environment when set. */
  passEnv?: readonly string[] | undefined;
}

/**
 * Builds the environment: the allowlisted variables, a private HOME and TMPDIR, PWD, `NO_COLOR=1`,
 * `CI=true`, then `passEnv` names, then the explicit `env`. Nothing else is inherited.
 */
export function buildEnv(inputs: EnvInputs): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of INHERITED_ENV) {
    const value = inputs.get(name);
    if (value !== undefined) env[name] = value;
  }
  env.PATH ??= DEFAULT_PATH;
  env.HOME = inputs.home;
  env.TMPDIR = inputs.tmpDir;
  env.PWD = inputs.pwd;
  env.NO_COLOR = "1";
  env.CI = "true";
  for (const name of inputs.passEnv ?? []) {
    const value = inputs.get(name);
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...inputs.env };
}
