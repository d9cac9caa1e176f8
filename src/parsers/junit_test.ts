import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { parseJUnit } from "./junit.ts";

const PYTEST = `<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests">
<testsuite name="pytest" errors="1" failures="1" skipped="2" tests="5" time="0.5">
<testcase classname="tests.test_a" name="test_ok" file="tests/test_a.py" line="3" time="0.1"/>
<testcase classname="tests.test_a" name="test_bad" time="0.2"><failure message="assert 1 == 2">tb</failure></testcase>
<testcase classname="" name="tests.test_b" time="0.0"><error message="collection failure">ModuleNotFoundError: No module named 'torch'</error></testcase>
<testcase classname="tests.test_a" name="test_skip" time="0"><skipped type="pytest.skip" message="later"/></testcase>
<testcase classname="tests.test_a" name="test_xf" time="0"><skipped type="pytest.xfail" message="known"/></testcase>
</testsuite></testsuites>`;

Deno.test("parseJUnit() counts pytest outcomes from the test cases", () => {
  const s = parseJUnit(PYTEST);
  deepStrictEqual(
    [s.tests, s.passed, s.failed, s.errors, s.skipped],
    [5, 1, 1, 1, 2],
  );
  strictEqual(s.cases[0]?.file, "tests/test_a.py");
  strictEqual(s.cases[0]?.line, 3);
  strictEqual(s.cases[2]?.detail, "ModuleNotFoundError: No module named 'torch'");
  strictEqual(s.cases[4]?.type, "pytest.xfail");
  strictEqual(Math.round(s.durationMs), 300);
});

Deno.test("parseJUnit() reads nested deno suites and a bare <testsuite> root", () => {
  const deno = `<testsuites name="deno test" tests="2"><testsuite name="./a_test.ts">
<testcase name="adds" classname="./a_test.ts" time="0.001" line="3" col="6"/>
<testcase name="fails" classname="./a_test.ts" time="0.002"><failure message="boom"/></testcase>
</testsuite></testsuites>`;
  const s = parseJUnit(deno);
  deepStrictEqual([s.passed, s.failed], [1, 1]);
  strictEqual(parseJUnit(`<testsuite name="x"><testcase name="t"/></testsuite>`).passed, 1);
});

Deno.test("parseJUnit() refuses malformed or foreign XML with a clear TypeError", () => {
  throws(() => parseJUnit("<testsuites><testsuite>"), /Cannot parse JUnit XML/);
  throws(() => parseJUnit("not xml at all"), /Cannot parse JUnit XML/);
  throws(() => parseJUnit("<html><body/></html>"), /no <testsuites>/);
});

Deno.test("parseJUnit() reads markers without attributes (deno's <skipped/>, a bare <failure>)", () => {
  const s = parseJUnit(`<testsuites><testsuite name="./a_test.ts">
<testcase name="ign" classname="./a_test.ts"><skipped/></testcase>
<testcase name="bad" classname="./a_test.ts"><failure>boom</failure></testcase>
</testsuite></testsuites>`);
  deepStrictEqual([s.passed, s.skipped, s.failed], [0, 1, 1]);
  strictEqual(s.cases[1]?.detail, "boom");
});

Deno.test("parseJUnit() decodes numeric character references in attributes", () => {
  const s = parseJUnit(
    `<testsuite><testcase name="t"><failure message="assert 1&#10;where x &amp; y"/></testcase></testsuite>`,
  );
  strictEqual(s.cases[0]?.message, "assert 1\nwhere x & y");
});
