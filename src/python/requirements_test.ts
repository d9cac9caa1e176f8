import { deepStrictEqual, strictEqual } from "node:assert/strict";
import {
  isDevName,
  isDevRequirementsFile,
  parseRequirementsFile,
  requirementName,
} from "./requirements.ts";

Deno.test("requirementName() reads the distribution of PEP 508 and pip lines", async (t) => {
  const cases: Array<[string, string | undefined]> = [
    ["requests", "requests"],
    ["PyYAML>=6.0", "PyYAML"],
    ["uvicorn[standard]==0.30; python_version >= '3.8'", "uvicorn"],
    ["  typing_extensions ~= 4.0 ", "typing_extensions"],
    ["pkg @ https://example.com/pkg-1.0.tar.gz", "pkg"],
    ["git+https://github.com/o/r.git@main#egg=mylib", "mylib"],
    ["https://example.com/x.whl", undefined],
    [".", undefined],
    ["./libs/local", undefined],
    ["--index-url https://x", undefined],
    ["", undefined],
  ];
  for (const [spec, expected] of cases) {
    await t.step(spec || "(empty)", () => strictEqual(requirementName(spec), expected));
  }
});

Deno.test("parseRequirementsFile() keeps requirements with lines, follows -r, drops the rest", () => {
  const text = [
    "# runtime",
    "requests>=2  # http",
    "-r base.txt",
    "--requirement=extra.txt",
    "-c constraints.txt",
    "--index-url https://mirror/simple",
    "-e git+https://h/r.git#egg=editable_pkg",
    "-e .",
    "numpy==1.26 \\",
    "    --hash=sha256:abc",
    "",
    "tenacity",
  ].join("\n");
  const file = parseRequirementsFile(text, "requirements.txt");
  deepStrictEqual(file.includes, ["base.txt", "extra.txt"]);
  deepStrictEqual(
    file.requirements.map((r) => [r.name, r.line]),
    [["requests", 2], ["editable_pkg", 7], ["numpy", 9], ["tenacity", 12]],
  );
  strictEqual(file.requirements[0]?.source, "requirements.txt");
});

Deno.test("isDevRequirementsFile() and isDevName() tell development files and groups apart", () => {
  deepStrictEqual(
    [
      "requirements.txt",
      "requirements-dev.txt",
      "requirements_test.txt",
      "test-requirements.txt",
      "requirements/docs.txt",
      "requirements-prod.txt",
    ].map(isDevRequirementsFile),
    [false, true, true, true, true, false],
  );
  deepStrictEqual(
    ["test", "tests", "dev", "lint", "docs", "typing", "all", "cli", "gpu", "latest"].map(
      isDevName,
    ),
    [true, true, true, true, true, true, false, false, false, false],
  );
});
