import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import $ from "dax";
import {
  distributionCandidates,
  IMPORT_NAMES_SCRIPT,
  normalizeName,
  parseImportNames,
} from "./distributions.ts";
import { PROBE_MARKER } from "./env.ts";
import { findPythons } from "../interpreters.ts";

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

Deno.test("distributionCandidates() puts the installed environment's names first", () => {
  const installed = new Map([["cpuinfo", ["py-cpuinfo"]], ["yaml", ["PyYAML", "pyyaml-ft"]]]);
  deepStrictEqual(distributionCandidates("cpuinfo", installed), ["py-cpuinfo", "cpuinfo"]);
  deepStrictEqual(distributionCandidates("yaml.loader", installed), [
    "pyyaml",
    "pyyaml-ft",
    "yaml",
    "yaml-loader",
  ]);
  deepStrictEqual(distributionCandidates("cpuinfo"), ["cpuinfo"]);
});

Deno.test("parseImportNames() reads the JSON after the marker and refuses anything else", () => {
  const out = `noise from a .pth file\n${PROBE_MARKER}\n{"dateutil": ["python-dateutil"]}\n`;
  deepStrictEqual(parseImportNames(out), new Map([["dateutil", ["python-dateutil"]]]));
  strictEqual(parseImportNames('{"dateutil": ["python-dateutil"]}'), undefined);
  strictEqual(parseImportNames(`${PROBE_MARKER}\n{"dateutil": "python-dateutil"}`), undefined);
  strictEqual(parseImportNames(`${PROBE_MARKER}\nTraceback`), undefined);
});

Deno.test("IMPORT_NAMES_SCRIPT maps pip to pip on Python 3.8 and later, with or without packages_distributions()", async () => {
  const pythons = (await findPythons([])).filter((p) => /^3\.(8|9|1\d)\./.test(p.version));
  ok(pythons.length > 0, "no Python 3.8+ on this machine");
  for (const python of pythons) {
    const out = await $`${python.path} -c ${IMPORT_NAMES_SCRIPT}`.cwd("/tmp").env({
      PYTHONNOUSERSITE: "1",
    }).text();
    const names = parseImportNames(out);
    deepStrictEqual(names?.get("pip"), ["pip"], `${python.version}: ${out.slice(0, 200)}`);
  }
});
