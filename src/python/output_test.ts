import { strictEqual } from "node:assert/strict";
import { fakeEvidence } from "../../checks/_fake_evidence.ts";
import { failureLine, keptOutput } from "./output.ts";

Deno.test("failureLine() prefers the start error, a timeout, then stderr's last line", () => {
  strictEqual(
    failureLine(fakeEvidence({ startError: "Cannot start py: not found" })),
    "Cannot start py: not found",
  );
  strictEqual(
    failureLine(fakeEvidence({ timedOut: true, durationMs: 5200 })),
    "timed out after 5 s",
  );
  strictEqual(
    failureLine(
      fakeEvidence({ exitCode: 1, stderrHead: "a\nNo data to report.\n\n", stdoutHead: "x" }),
    ),
    "No data to report.",
  );
  strictEqual(
    failureLine(fakeEvidence({ exitCode: 1, stdoutHead: "only stdout\n" })),
    "only stdout",
  );
  strictEqual(failureLine(fakeEvidence({ exitCode: 3 })), "exit 3");
  strictEqual(keptOutput(fakeEvidence({ stdoutHead: "a", stdoutTail: "b" }), "stdout"), "ab");
});

Deno.test("failureLine() passes over the warnings printed at exit to the error before them", () => {
  const stderr = [
    "ImportError while loading conftest '/s/tests/conftest.py'.",
    "E   ImportError: No module named 'greenlet'",
    "/venv/lib/coverage/inorout.py:558: CoverageWarning: Module pkg was never imported. (module-not-imported)",
    '  self.warn(f"Module {pkg} was never imported.", slug="module-not-imported")',
    "/venv/lib/coverage/control.py:967: CoverageWarning: No data was collected. (no-data-collected)",
    '  self._warn("No data was collected.", slug="no-data-collected")',
    "",
  ].join("\n");
  strictEqual(
    failureLine(fakeEvidence({ exitCode: 4, stderrHead: stderr })),
    "E   ImportError: No module named 'greenlet'",
  );
  const onlyWarning = "/x.py:3: DeprecationWarning: old\n  import imp\n";
  strictEqual(failureLine(fakeEvidence({ exitCode: 1, stderrHead: onlyWarning })), "import imp");
});
