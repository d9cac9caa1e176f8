/**
 * `deno task bench` (part 2): the static `deps.python` scan on a generated package of 1,000
 * modules, warm (after one run), as the check's own duration inside an audit. Goal: ≤ 0.5 s.
 * @module
 */
import { join } from "node:path";
import { audit } from "../src/audit.ts";
import { summarize } from "../src/stats.ts";

const MODULES = 1000;
const RUNS = Number(Deno.env.get("BENCH_RUNS") ?? 5);

async function generatePackage(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "claimcheck-bench-deps-" });
  const pkg = join(root, "src", "bigpkg");
  await Deno.mkdir(pkg, { recursive: true });
  await Deno.writeTextFile(
    join(root, "pyproject.toml"),
    `[project]\nname = "bigpkg"\nversion = "0.1.0"\ndependencies = ["requests", "pyyaml"]\n`,
  );
  await Deno.writeTextFile(join(pkg, "__init__.py"), "");
  await Promise.all(Array.from({ length: MODULES }, (_, i) =>
    Deno.writeTextFile(
      join(pkg, `mod_${i}.py`),
      `import os\nimport json\nfrom typing import Any\nimport requests\nimport yaml\n` +
        `from bigpkg import mod_${(i + 1) % MODULES}\n\n` +
        `def f_${i}(x: Any) -> str:\n    return json.dumps({"x": x, "cwd": os.getcwd()})\n`,
    )));
  return root;
}

const target = await generatePackage();
const durations: number[] = [];
for (let i = 0; i <= RUNS; i++) {
  const report = await audit({ target, only: ["deps.python"] });
  const check = report.checks.find((c) => c.id === "deps.python");
  if (check?.status !== "pass") throw new Error(`deps.python did not pass: ${check?.summary}`);
  if (i > 0) durations.push(check.durationMs); // the first run warms the caches
}
const stats = summarize(durations);
console.log(
  `deps.python on a generated ${MODULES}-module package: median ${stats.median.toFixed(0)} ms ` +
    `(min ${stats.min.toFixed(0)}, max ${stats.max.toFixed(0)}; ${RUNS} warm runs)`,
);
await Deno.remove(target, { recursive: true });
