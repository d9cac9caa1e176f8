/**
 * The version a git-version build backend reports when the snapshot has no `.git`: claimcheck sets
 * the variables those backends read instead of asking git, as distribution packagers do.
 * @module
 */

/**
 * The variables each backend reads: setuptools_scm (and hatch-vcs, which uses it), pdm-backend's
 * SCM versioning, and poetry-dynamic-versioning.
 */
export const PRETEND_VERSION_VARIABLES = [
  "SETUPTOOLS_SCM_PRETEND_VERSION",
  "PDM_BUILD_SCM_VERSION",
  "POETRY_DYNAMIC_VERSIONING_BYPASS",
] as const;

/** What the pretend version is made from. */
export interface VersionSource {
  /** The nearest tag of the audited commit (`v1.2.3`), when the target info has one. */
  tag?: string;
  /** The audited commit, when known. */
  commit?: string;
}

/**
 * The pretend version: the nearest tag without its `v` prefix when it is a version, else
 * `0+g<short sha>` for a known commit, else `0.0.0`.
 *
 * @example
 * ```ts
 * import { pretendVersion } from "./pretend_version.ts";
 * pretendVersion({ tag: "v1.2.3" }); // "1.2.3"
 * pretendVersion({ commit: "28d4506f2a49d781" }); // "0+g28d4506"
 * ```
 */
export function pretendVersion(source: VersionSource = {}): string {
  const tag = source.tag?.trim().replace(/^(?:v|version-|release-)/i, "");
  if (tag && /^\d+(\.\d+)*([._-]?(a|b|rc|post|dev)\d*)*$/i.test(tag)) return tag;
  if (source.commit && /^[0-9a-f]{7,40}$/i.test(source.commit)) {
    return `0+g${source.commit.slice(0, 7).toLowerCase()}`;
  }
  return "0.0.0";
}

/** The environment that makes every git-version backend report `version`. */
export function pretendVersionEnv(version: string): Record<string, string> {
  return Object.fromEntries(PRETEND_VERSION_VARIABLES.map((name) => [name, version]));
}
