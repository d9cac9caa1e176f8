import { deepStrictEqual, strictEqual } from "node:assert/strict";
import * as claimcheck from "./mod.ts";

Deno.test("mod.ts exports the audit, the registry, the schemas and the renderers", async () => {
  strictEqual(typeof claimcheck.audit, "function");
  deepStrictEqual(claimcheck.checks.map((c) => c.id), [
    "install.python",
    "deps.python",
    "build.python",
    "tests.pytest",
    "coverage.python",
    "perf.python-import",
    "build.deno",
    "tests.deno",
    "coverage.deno",
    "docs.present",
    "repo.todos",
    "perf.bindings",
  ]);
  const sample = JSON.parse(
    await Deno.readTextFile(new URL("./reports/demo.json", import.meta.url)),
  );
  const report = claimcheck.ReportSchema.parse(sample);
  const markdown = await Deno.readTextFile(new URL("./reports/demo.md", import.meta.url));
  strictEqual(
    claimcheck.renderMarkdown(report),
    markdown,
    "the committed sample is rendered from its JSON",
  );
});

Deno.test("the registry's needs name registered checks and form no cycle", () => {
  const ids = new Set(claimcheck.checks.map((c) => c.id));
  const seen = new Set<string>();
  for (const check of claimcheck.checks) {
    for (const need of check.needs ?? []) {
      strictEqual(ids.has(need), true, `${check.id} needs unknown ${need}`);
      strictEqual(seen.has(need), true, `${check.id} is listed before ${need}, which it needs`);
    }
    seen.add(check.id);
  }
});
