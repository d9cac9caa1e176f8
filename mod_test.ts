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
    "tests.vacuous",
    "deps.shadowed",
    "compat.python",
    "code.mocks",
    "code.constants",
    "repo.evidence",
    "run.entrypoints",
    "repo.history",
    "onnx.models",
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

Deno.test("the committed demo report names no path of the machine that made it", async () => {
  const checkout = new URL(".", import.meta.url).pathname.replace(/\/$/, "");
  const home = Deno.env.get("HOME");
  const tmp = Deno.env.get("TMPDIR") ?? "/tmp";
  const escape = (path: string) => path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // A path counts where it ends (`/root` in `/root/.cache`, not in `/rootfs`). `/tmp/…` in the
  // output of sandboxed commands is the sandbox's private /tmp; the machine's is where audits live.
  const machine = [
    checkout,
    "/opt/",
    "/root",
    ...(home && home !== "/" ? [home] : []),
    `${tmp}/claimcheck-`,
  ]
    .map((path) =>
      [path, new RegExp(`${escape(path)}${path.endsWith("/") ? "" : "(?![\\w.-])"}`)] as const
    );
  for (const file of ["demo.json", "demo.md"]) {
    const text = await Deno.readTextFile(new URL(`./reports/${file}`, import.meta.url));
    for (const [path, pattern] of machine) {
      const at = text.search(pattern);
      strictEqual(at, -1, `${file} names ${path}: …${text.slice(Math.max(0, at - 60), at + 60)}…`);
    }
  }
});
