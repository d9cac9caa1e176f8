import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { detect } from "../src/detect.ts";
import { docsPresent, evaluateDocs } from "./docs_present.ts";

Deno.test("evaluateDocs() passes with a README and a license and counts each kind", () => {
  const outcome = evaluateDocs([
    { kind: "readme", path: "README.md" },
    { kind: "license", path: "LICENSE" },
    { kind: "status", path: "docs/STATUS.md" },
    { kind: "status", path: "PRODUCTION_READY.md" },
    { kind: "other", path: "docs/guide.md" },
  ]);
  strictEqual(outcome.status, "pass");
  deepStrictEqual(
    outcome.measurements?.map((m) => [m.metric, m.value]),
    [
      ["repo.files.readme", 1],
      ["repo.files.license", 1],
      ["repo.files.status", 2],
      ["repo.files.changelog", 0],
    ],
  );
  strictEqual(
    outcome.summary,
    "Found README, license, status document (read from the snapshot's file list)",
  );
  deepStrictEqual(outcome.findings?.[2], {
    message: "Found status document",
    file: "docs/STATUS.md",
  });
  deepStrictEqual(outcome.findings?.at(-1), { message: "No changelog found" });
});

Deno.test("evaluateDocs() warns when the README or the license is missing", () => {
  const noLicense = evaluateDocs([{ kind: "readme", path: "README.md" }]);
  strictEqual(noLicense.status, "warn");
  strictEqual(
    noLicense.summary,
    "Found README; missing license (read from the snapshot's file list)",
  );
  const nothing = evaluateDocs([]);
  strictEqual(nothing.status, "warn");
  strictEqual(
    nothing.summary,
    "Found no documentation; missing README and license (read from the snapshot's file list)",
  );
});

Deno.test("docsPresent applies to every target and reads the facts only", async () => {
  strictEqual(docsPresent.applies({} as Parameters<typeof docsPresent.applies>[0]), true);
  const outcome = await docsPresent.run(
    {
      facts: { docs: [{ kind: "readme", path: "README.md" }] },
    } as unknown as Parameters<typeof docsPresent.run>[0],
  );
  strictEqual(outcome.status, "warn");
});

Deno.test("docs.present accepts README.rst, README.txt and README as a readme", async (t) => {
  const cases: [string[], string[]][] = [
    [["README.rst", "LICENSE", "CHANGES.rst"], ["README.rst", "LICENSE", "CHANGES.rst"]],
    [["README.txt", "COPYING"], ["README.txt", "COPYING"]],
    [["README", "LICENSE.txt", "HISTORY"], ["README", "LICENSE.txt", "HISTORY"]],
    [["readme.md", "LICENSE"], ["readme.md", "LICENSE"]],
    [["README.html", "README.rst.bak", "notes.txt", "LICENSE"], ["LICENSE"]],
  ];
  for (const [files, docs] of cases) {
    await t.step(files.join(" "), async () => {
      const facts = await detect("/nowhere", files);
      deepStrictEqual(facts.docs.map((d) => d.path), docs);
      const outcome = evaluateDocs(facts.docs);
      strictEqual(outcome.status, docs.some((d) => /^readme/i.test(d)) ? "pass" : "warn");
    });
  }
});
