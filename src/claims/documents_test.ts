import assert from "node:assert/strict";
import { join } from "node:path";
import {
  decodeDocument,
  discoverDocuments,
  firstHeading,
  isStatusDocument,
  readDocument,
  selectDocuments,
} from "./documents.ts";

Deno.test("selectDocuments() picks READMEs and status documents by name", () => {
  const files = [
    "CHANGELOG.md",
    "README.md",
    "build/README.md",
    "docs/ITERATION_10.md",
    "docs/api.md",
    "docs/production-readiness-checklist.md",
    "fixtures/py_ok/README.md",
    "node_modules/pkg/README.md",
    "notes/SprintSummary.md",
    "pkg/README.rst",
    "src/report.py",
    "src/status.md",
    "third_party/lib/STATUS.md",
    "vendor/x/CHANGELOG.md",
  ];
  assert.deepEqual(selectDocuments(files), [
    "CHANGELOG.md",
    "README.md",
    "docs/ITERATION_10.md",
    "docs/production-readiness-checklist.md",
    "notes/SprintSummary.md",
    "pkg/README.rst",
    "src/status.md",
  ]);
});

Deno.test("selectDocuments() adds files matching the extra globs, once", () => {
  const files = ["README.md", "docs/notes/a.md", "docs/notes/b.txt", "docs/x.md", "fixtures/f.md"];
  assert.deepEqual(selectDocuments(files, ["docs/notes/*", "README.md", "fixtures/**/*.md"]), [
    "README.md",
    "docs/notes/a.md",
    "docs/notes/b.txt",
    "fixtures/f.md",
  ]);
});

Deno.test("firstHeading() skips front matter and code fences and reads setext headings", () => {
  assert.equal(firstHeading("---\ntitle: x\n---\n# Real title\n"), "Real title");
  assert.equal(firstHeading("```\n# not a heading\n```\n## Second ##\n"), "Second");
  assert.equal(firstHeading("Intro text\n\nIteration 4 report\n=====\n"), "Iteration 4 report");
  assert.equal(firstHeading("No heading at all."), undefined);
});

Deno.test("isStatusDocument() reads the first heading", async (t) => {
  const cases: ReadonlyArray<readonly [string, boolean]> = [
    ["# Iteration 12: final validation\n", true],
    ["# Production Readiness Checklist\n", true],
    ["# Implementation Summary\n\n# Installing\n", true],
    ["## Release notes for 2.0\n", true],
    ["# Installing\n\n## Status\n", false],
    ["# API reference\n", false],
    ["", false],
  ];
  for (const [markdown, want] of cases) {
    await t.step(markdown.split("\n")[0] || "(empty)", () => {
      assert.equal(isStatusDocument(markdown), want);
    });
  }
});

Deno.test("decodeDocument() reads UTF-8, byte-order marks, UTF-16 and cp1252", () => {
  const utf8 = new TextEncoder().encode("✅ ok");
  assert.equal(decodeDocument(utf8), "✅ ok");
  assert.equal(decodeDocument(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])), "✅ ok");
  assert.equal(decodeDocument(new Uint8Array([0xff, 0xfe, 0x41, 0, 0x42, 0])), "AB");
  assert.equal(decodeDocument(new Uint8Array([0xfe, 0xff, 0, 0x41, 0, 0x42])), "AB");
  assert.equal(decodeDocument(new Uint8Array([0x63, 0x61, 0x66, 0xe9])), "café");
});

Deno.test("readDocument() decodes and repairs doubly encoded UTF-8", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "STATUS.md");
    await Deno.writeTextFile(path, "# Status âœ…\n\nCoverage â‰¥ 85%\n");
    assert.equal(await readDocument(path), "# Status ✅\n\nCoverage ≥ 85%\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readDocument() names the path it cannot read", async () => {
  await assert.rejects(
    () => readDocument("/nonexistent/claimcheck/README.md"),
    /^Error: Cannot read document \/nonexistent\/claimcheck\/README\.md: /,
  );
});

Deno.test("discoverDocuments() reads every markdown document, whatever its name or heading", async () => {
  const dir = await Deno.makeTempDir();
  try {
    for (const folder of ["notes", "docs", "testdata", "node_modules/x", "pkg.egg-info"]) {
      await Deno.mkdir(join(dir, folder), { recursive: true });
    }
    await Deno.writeTextFile(join(dir, "README.md"), "# tool\n");
    await Deno.writeTextFile(join(dir, "docs/guide.md"), "# Using the tool\n");
    await Deno.writeTextFile(join(dir, "docs/ARCHITECTURE.mdx"), "# Architecture\n");
    await Deno.writeTextFile(join(dir, "notes/week3.markdown"), "# Week 3 progress report\n");
    await Deno.writeTextFile(join(dir, "testdata/sample.md"), "# Sample: production ready\n");
    await Deno.writeTextFile(join(dir, "node_modules/x/README.md"), "# x\n");
    await Deno.writeTextFile(join(dir, "pkg.egg-info/PKG-INFO.md"), "# pkg\n");
    const files = [
      "README.md",
      "docs/guide.md",
      "docs/ARCHITECTURE.mdx",
      "notes/gone.md",
      "notes/week3.markdown",
      "testdata/sample.md",
      "node_modules/x/README.md",
      "pkg.egg-info/PKG-INFO.md",
    ];
    assert.deepEqual((await discoverDocuments(dir, files)).map((d) => d.path), [
      "README.md",
      "docs/guide.md",
      "docs/ARCHITECTURE.mdx",
      "notes/week3.markdown",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
