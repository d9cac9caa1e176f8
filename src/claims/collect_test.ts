import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { join } from "node:path";
import { collectClaims, isClaimcheckReport } from "./collect.ts";

Deno.test("collectClaims() reads status documents but not claimcheck's own reports", async () => {
  const root = await Deno.makeTempDir();
  await Deno.mkdir(join(root, "reports"));
  await Deno.writeTextFile(join(root, "STATUS.md"), "# Status\n\n- **Tests:** 12 passed\n");
  await Deno.writeTextFile(
    join(root, "reports", "x.md"),
    "# claimcheck report: x\n\n| ❌ contradicted | STATUS.md:3 | 12 passed |\n",
  );
  const claims = await collectClaims(root, ["STATUS.md", "reports/x.md"]);
  deepStrictEqual(claims.map((c) => [c.file, c.line, c.metric, c.value]), [
    ["STATUS.md", 3, "tests.passed", 12],
  ]);
  strictEqual(isClaimcheckReport("\n# claimcheck report: demo\n"), true);
  strictEqual(isClaimcheckReport("# Status report\n"), false);
});
