import { equal, throws } from "node:assert/strict";
import { globMatcher, globProblem } from "./glob.ts";

Deno.test("globMatcher() reads *, **, ?, [ab] and braces, and commas only inside braces", async (t) => {
  const cases: ReadonlyArray<readonly [string, string, boolean]> = [
    ["*.md", "README.md", true],
    ["*.md", "docs/README.md", false],
    ["**/*.md", "docs/a/README.md", true],
    ["**/*.md", "README.md", true],
    ["docs/**", "docs/a/b.txt", true],
    ["notes/?.md", "notes/a.md", true],
    ["notes/?.md", "notes/ab.md", false],
    ["{docs,notes}/*.md", "notes/x.md", true],
    ["status(1).md", "status(1).md", true],
    ["notes/[ab].md", "notes/b.md", true],
    ["notes/[ab].md", "notes/c.md", false],
    ["notes,v2/*.md", "v2/x.md", false],
    ["notes,v2/*.md", "notes", false],
    ["notes,v2/*.md", "notes,v2/x.md", true],
  ];
  for (const [glob, path, want] of cases) {
    await t.step(`${glob} ~ ${path}`, () => equal(globMatcher(glob)(path), want));
  }
});

Deno.test("globProblem() names unbalanced globs; globMatcher() throws a TypeError for them", () => {
  equal(globProblem("docs/*.md"), undefined);
  for (const bad of ["docs/{a.md", "docs/[a.md", ""]) {
    equal(typeof globProblem(bad), "string", bad);
    throws(() => globMatcher(bad), TypeError);
  }
});
