/**
 * `docs.present`: which of README, license, status documents and changelog the target has.
 * @module
 */
import type { Check, CheckOutcome, Finding, Measurement } from "../src/check.ts";
import type { Doc, DocKind } from "../src/facts.ts";

const KINDS: ReadonlyArray<[Exclude<DocKind, "other">, string]> = [
  ["readme", "README"],
  ["license", "license"],
  ["status", "status document"],
  ["changelog", "changelog"],
];

/**
 * Count the documents of each kind (`repo.files.readme`, `repo.files.license`, …); pass when a
 * README and a license are present, warn when either is missing.
 */
export function evaluateDocs(docs: readonly Doc[]): CheckOutcome {
  const measurements: Measurement[] = [];
  const findings: Finding[] = [];
  for (const [kind, label] of KINDS) {
    const found = docs.filter((d) => d.kind === kind).map((d) => d.path);
    measurements.push({ metric: `repo.files.${kind}`, value: found.length, unit: "count" });
    if (found.length === 0) findings.push({ message: `No ${label} found` });
    for (const path of found) findings.push({ message: `Found ${label}`, file: path });
  }
  const missing = KINDS.slice(0, 2)
    .filter(([kind]) => !docs.some((d) => d.kind === kind))
    .map(([, label]) => label);
  const present = KINDS.filter(([kind]) => docs.some((d) => d.kind === kind)).map(([, l]) => l);
  const seen = present.length > 0 ? `Found ${present.join(", ")}` : "Found no documentation";
  const source = "(read from the snapshot's file list)";
  if (missing.length > 0) {
    return {
      status: "warn",
      summary: `${seen}; missing ${missing.join(" and ")} ${source}`,
      measurements,
      findings,
    };
  }
  return { status: "pass", summary: `${seen} ${source}`, measurements, findings };
}

/** `docs.present`: README, license, status documents, changelog, from the detected facts. */
export const docsPresent: Check = {
  id: "docs.present",
  category: "docs",
  applies: () => true,
  run: (ctx) => Promise.resolve(evaluateDocs(ctx.facts.docs)),
};
