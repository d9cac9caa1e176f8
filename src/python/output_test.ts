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
