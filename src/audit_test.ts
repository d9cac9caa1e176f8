import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import { fakePython } from "./_fake_python.ts";
import { audit } from "./audit.ts";
import type { Check } from "./check.ts";
import { detectIsolation } from "./exec/executor.ts";
import { walkTree } from "./tree_hash.ts";

const FIXTURES = new URL("../fixtures/", import.meta.url).pathname;

/** A Deno target whose tests probe the sandbox from inside: secrets, network, output volume. */
async function hostileTarget(port: number): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "cc-hostile-" });
  await Deno.writeTextFile(join(dir, "deno.json"), "{}\n");
  await Deno.writeTextFile(
    join(dir, "probe_test.ts"),
    `Deno.test("the canary secret does not reach the test", () => {
  if (Deno.env.get("CC_CANARY_SECRET") !== undefined) throw new Error("secret leaked");
  if (Deno.env.get("GITHUB_TOKEN") !== undefined) throw new Error("token leaked");
});
Deno.test("a listener outside the sandbox cannot be reached", async () => {
  let connected = false;
  try {
    (await Deno.connect({ hostname: "127.0.0.1", port: ${port} })).close();
    connected = true;
  } catch { /* refused: the network namespace has only its own loopback */ }
  if (connected) throw new Error("reached the outside");
});
Deno.test("printing 100 MB is drained", async () => {
  const chunk = new TextEncoder().encode("x".repeat(1 << 20));
  for (let i = 0; i < 100; i++) await Deno.stdout.write(chunk);
});
`,
  );
  return dir;
}

Deno.test("audit() of a hostile target: no secret, no outside network, 100 MB drained, tree untouched", async () => {
  if (await detectIsolation() === "none") {
    console.log("skipped: no namespace sandbox on this machine");
    return;
  }
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const accepted = (async () => {
    for await (const conn of listener) conn.close();
  })();
  Deno.env.set("CC_CANARY_SECRET", "canary-value-1234");
  Deno.env.set("GITHUB_TOKEN", "ghp_canary");
  try {
    const target = await hostileTarget((listener.addr as Deno.NetAddr).port);
    const before = await walkTree(target);
    const report = await audit({ target, only: ["tests.deno"] });
    const tests = report.checks.find((c) => c.id === "tests.deno");
    strictEqual(tests?.status, "pass", tests?.summary);
    deepStrictEqual(tests?.measurements.find((m) => m.metric === "tests.passed")?.value, 3);
    const run = tests?.evidence.find((e) => e.argv.includes("test"));
    ok((run?.stdoutBytes ?? 0) >= 100 * (1 << 20));
    ok((run?.stdoutTail.length ?? Infinity) <= 64 * 1024);
    strictEqual(run?.network, false);
    const text = JSON.stringify(report);
    strictEqual(text.includes("canary-value-1234"), false);
    strictEqual(text.includes("CC_CANARY_SECRET"), false);
    strictEqual((await walkTree(target)).treeHash, before.treeHash);
  } finally {
    Deno.env.delete("CC_CANARY_SECRET");
    Deno.env.delete("GITHUB_TOKEN");
    listener.close();
    await accepted.catch(() => {});
  }
});

Deno.test("audit() leaves a fixture's tree byte-identical and records its identity", async () => {
  const target = join(FIXTURES, "deno_failing");
  const before = await walkTree(target);
  const report = await audit({ target });
  strictEqual((await walkTree(target)).treeHash, before.treeHash);
  strictEqual(report.target.treeHash, before.treeHash);
  ok(report.target.commit === null || /^[0-9a-f]{40}$/.test(report.target.commit));
});

Deno.test("audit() hands --python-search folders to detection", async () => {
  const dir = await Deno.makeTempDir({ prefix: "cc-python-search-" });
  try {
    const target = join(dir, "target");
    await Deno.mkdir(target);
    await Deno.writeTextFile(join(target, "pyproject.toml"), '[project]\nname = "x"\n');
    await fakePython(join(dir, "pythons", "3.99.0", "bin", "python"), "3.99.0");
    const seen: Check = {
      id: "probe.pythons",
      category: "deps",
      applies: () => true,
      run: (ctx) =>
        Promise.resolve({
          status: "pass",
          summary: ctx.facts.pythons.map((tool) => tool.version).join(" "),
        }),
    };
    const report = await audit({
      target,
      checks: [seen],
      pythonSearch: [join(dir, "pythons")],
    });
    ok(report.checks[0]?.summary.endsWith(" 3.99.0"), report.checks[0]?.summary);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
