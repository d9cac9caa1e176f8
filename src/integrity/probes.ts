/**
 * The integrity probes: their check ids and what a finding of each means, for the report's
 * "Integrity" section and SARIF rules.
 * @module
 */

/** What a finding of each integrity probe means, by check id. */
export const INTEGRITY_MEANINGS: Readonly<Record<string, string>> = {
  "tests.vacuous": "a test that cannot fail: it passes whatever the code does",
  "code.mocks": "the shipped package runs a stand-in instead of the real dependency",
  "deps.shadowed": "a file on the import path is imported instead of the real module",
  "code.constants": "a figure presented as measured is a literal in the code",
  "run.entrypoints": "a declared way to start the project does not start",
  "compat.python": "the code does not compile under a Python version the project declares",
  "repo.evidence": "the repository's own committed results disagree with its documents",
  "repo.history": "a document's figure was restored or raised without any code change",
};

/** Whether `id` is one of the integrity probes. */
export function isIntegrityCheck(id: string): boolean {
  return Object.hasOwn(INTEGRITY_MEANINGS, id);
}
