/**
 * repo.history (git targets): each status document's headline figures over the commits that
 * touched it; a figure that fell and came back with no change to anything but documentation in
 * between is a finding on that claim.
 * @module
 */
import type { Check, CheckContext, CheckOutcome } from "../src/check.ts";
import { changedPaths, documentVersions } from "../src/integrity/git_history.ts";
import { evaluateHistory, type Restoration, restorations } from "../src/integrity/history.ts";

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const { facts } = ctx;
  const dir = facts.gitSource;
  if (dir === undefined) return { status: "skip", summary: "The target is not a git checkout" };
  const docs = facts.docs.filter((d) => d.kind === "status" || d.kind === "readme")
    .filter((d) => /\.(md|markdown)$/i.test(d.path));
  if (docs.length === 0) return { status: "skip", summary: "No status document" };
  const found: Restoration[] = [];
  let versions = 0;
  for (const doc of docs) {
    const history = await documentVersions(dir, doc.path);
    if (history === undefined) {
      return { status: "unverified", summary: `Cannot read the history of ${doc.path} with git` };
    }
    versions += history.length;
    found.push(...restorations(doc.path, history));
  }
  const changed = new Map<string, string[]>();
  for (const r of found) {
    const key = `${r.retractedAt}..${r.restoredAt}`;
    if (!changed.has(key)) changed.set(key, await changedPaths(dir, r.retractedAt, r.restoredAt));
  }
  return evaluateHistory(found, changed, docs.length, versions);
}

/** repo.history: status figures restored after a retraction with no code change in between. */
export const repoHistory: Check = {
  id: "repo.history",
  category: "docs",
  applies: (facts) => facts.gitSource !== undefined,
  run,
};
