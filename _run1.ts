import { readTestPlan } from "/work/wt/plan/src/python/read_plan.ts";
import { fakeContext } from "/work/wt/plan/src/python/_fake_context.ts";
const root = Deno.args[0]!;
const files: string[] = [];
for (const e of await (await import("node:fs/promises")).readdir(root, { recursive: true, withFileTypes: true })) if (e.isFile()) files.push((e.parentPath + "/" + e.name).slice(root.length + 1));
files.sort();
const cmd = async (argv: string[]) => { const o = await new Deno.Command(argv[0]!, { args: argv.slice(1) }).output(); return { exitCode: o.code, stdout: new TextDecoder().decode(o.stdout), stderr: new TextDecoder().decode(o.stderr) }; };
await using f = await fakeContext({ facts: { root, files }, handler: cmd });
console.log(JSON.stringify(await readTestPlan(f.ctx), null, 1));
