import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { type JUnitCase, parseJUnit } from "../parsers/junit.ts";
import {
  environmentSkipText,
  modulesToProbe,
  namedModules,
  parseImportable,
  skipReason,
  summarizeSkips,
} from "./skips.ts";

function skip(message: string, detail = message, type = "pytest.skip"): JUnitCase {
  return { classname: "t", name: "x", durationMs: 0, outcome: "skipped", message, detail, type };
}

Deno.test("skipReason() reads the message, and a module skipped at collection from its tuple", () => {
  // Recorded from pytest 9: a module-level pytest.importorskip.
  const junit = parseJUnit(`<testsuites><testsuite name="pytest">
<testcase classname="" name="tests.test_mod" file="tests/test_mod.py" time="0.000"><skipped message="collection skipped">('/tmp/p/tests/test_mod.py', 2, "Skipped: could not import 'yamlxx': No module named 'yamlxx'")</skipped></testcase>
<testcase classname="tests.test_a" name="test_skipif" file="tests/test_a.py" line="9" time="0.000"><skipped type="pytest.skip" message="needs lxml">/tmp/p/tests/test_a.py:10: needs lxml</skipped></testcase>
</testsuite></testsuites>`);
  deepStrictEqual(junit.cases.map(skipReason), [
    "could not import 'yamlxx': No module named 'yamlxx'",
    "needs lxml",
  ]);
});

Deno.test("namedModules() finds the modules a skip reason says the test needs", async (t) => {
  const cases: Array<[string, string[]]> = [
    ["could not import 'lxml': No module named 'lxml'", ["lxml"]],
    ["No module named 'yaml.cyaml'", ["yaml.cyaml"]],
    ["requires numpy", ["numpy"]],
    ["scikit-learn is not installed", ["scikit_learn"]],
    ["`pandas` not available", ["pandas"]],
    ["requires network", []],
    ["needs Python 3.12", []],
    ["skip on windows", []],
    ["flaky upstream, see #12", []],
  ];
  for (const [reason, expected] of cases) {
    await t.step(reason, () => deepStrictEqual(namedModules(reason), expected));
  }
});

Deno.test("summarizeSkips() counts skips by reason and those caused by a module missing here", () => {
  const cases = [
    skip("could not import 'lxml': No module named 'lxml'"),
    skip("requires yaml"),
    skip("requires yaml"),
    skip("requires json"),
    skip("needs network"),
    skip("known bug", "", "pytest.xfail"),
  ];
  deepStrictEqual(modulesToProbe(cases), ["json", "yaml"]);
  const s = summarizeSkips(cases, { json: true, yaml: false });
  deepStrictEqual(s.reasons, [
    { reason: "requires yaml", count: 2, missingHere: ["yaml"] },
    { reason: "could not import 'lxml': No module named 'lxml'", count: 1, missingHere: ["lxml"] },
    { reason: "needs network", count: 1, missingHere: [] },
    { reason: "requires json", count: 1, missingHere: [] },
  ]);
  strictEqual(s.environment, 3);
  deepStrictEqual(s.byModule, { yaml: 2, lxml: 1 });
  strictEqual(
    environmentSkipText(s),
    "3 skipped because a module is missing here (yaml ×2, lxml ×1)",
  );
  // A name the probe did not answer never makes a skip environmental.
  strictEqual(summarizeSkips([skip("requires yaml")], {}).environment, 0);
  strictEqual(
    environmentSkipText(summarizeSkips([skip("could not import 'lxml'")], {})),
    "1 skipped because a module is missing here (lxml)",
  );
});

Deno.test("parseImportable() reads the probe's answer, and nothing from a broken one", () => {
  deepStrictEqual(
    parseImportable('noise\n@@claimcheck-importable@@\n{"yaml": false, "json": true, "x": 1}\n'),
    { yaml: false, json: true },
  );
  deepStrictEqual(parseImportable("Traceback …"), {});
});
