import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { distributionCandidates, normalizeName } from "./distributions.ts";

Deno.test("normalizeName() follows PEP 503", () => {
  deepStrictEqual(
    ["Typing_Extensions", "zope.interface", "A--B__c", "requests"].map(normalizeName),
    ["typing-extensions", "zope-interface", "a-b-c", "requests"],
  );
});

Deno.test("distributionCandidates() maps import names through the table and namespaces", async (t) => {
  const cases: Array<[string, string]> = [
    ["yaml", "pyyaml"],
    ["PIL.Image", "pillow"],
    ["sklearn.linear_model", "scikit-learn"],
    ["cv2", "opencv-python"],
    ["bs4", "beautifulsoup4"],
    ["dateutil.parser", "python-dateutil"],
    ["google.cloud.storage", "google-cloud-storage"],
    ["typing_extensions", "typing-extensions"],
    ["tenacity", "tenacity"],
  ];
  for (const [module, dist] of cases) {
    await t.step(module, () => strictEqual(distributionCandidates(module).includes(dist), true));
  }
  strictEqual(distributionCandidates("yaml").includes("requests"), false);
});
