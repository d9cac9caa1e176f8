/**
 * repo.history (git targets), over each status document's headline figures:
 * - restored: a figure that fell and came back with no change to anything but documentation in
 *   between (read over the commits that touched the document);
 * - raised: a figure at HEAD that the commit which wrote its line (`git blame`) raised over the
 *   figure it replaced, when no code or test changed from the version that held the old figure to
 *   that commit: the number moved while nothing that could move it did. A lowered figure is never
 *   a finding.
 * git runs inertly (`src/git_inert.ts`).
 * @module
 */
import type { Check, CheckContext, CheckOutcome } from "../src/check.ts";
import { blameLines, changedPaths, documentVersions } from "../src/integrity/git_history.ts";
import {
  evaluateHistory,
  type Raise,
  raises,
  type Restoration,
  restorations,
} from "../src/integrity/history.ts";

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const { facts } = ctx;
  const dir = facts.gitSource;
  if (dir === undefined) return { status: "skip", summary: "The target is not a git checkout" };
  const docs = facts.docs.filter((d) => d.kind === "status" || d.kind === "readme")
    .filter((d) => /\.(md|markdown)$/i.test(d.path));
  if (docs.length === 0) return { status: "skip", summary: "No status document" };
  const found: Restoration[] = [];
  const raised: Raise[] = [];
  let versions = 0;
  for (const doc of docs) {
    const history = await documentVersions(dir, doc.path);
    const blame = await blameLines(dir, doc.path);
    if (history === undefined || blame === undefined) {
      return { status: "unverified", summary: `Cannot read the history of ${doc.path} with git` };
    }
    versions += history.length;
    found.push(...restorations(doc.path, history));
    raised.push(...raises(doc.path, history, blame));
  }
  const ranges = [
    ...found.map((r) => [r.retractedAt, r.restoredAt]),
    ...raised.map((r) => [r.previousAt, r.writtenAt]),
  ];
  const changed = new Map<string, string[]>();
  for (const [from = "", to = ""] of ranges) {
    const key = `${from}..${to}`;
    if (!changed.has(key)) changed.set(key, await changedPaths(dir, from, to));
  }
  return evaluateHistory(found, raised, changed, docs.length, versions);
}

/** repo.history: status figures restored or raised without a code change. */
export const repoHistory: Check = {
  id: "repo.history",
  category: "docs",
  applies: (facts) => facts.gitSource !== undefined,
  run,
};
