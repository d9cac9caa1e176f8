import { deepStrictEqual, rejects } from "node:assert/strict";
import { writeTree } from "../../checks/_real_context.ts";
import { readManifests } from "./manifests.ts";

Deno.test("readManifests() reads every manifest and follows -r includes inside the root", async () => {
  const root = await writeTree({
    "pyproject.toml": '[project]\nname = "x"\ndependencies = ["requests"]\n',
    "setup.cfg": "[options]\ninstall_requires =\n    click\n",
    "requirements.txt": "-r requirements/base.txt\n-r ../outside.txt\nnumpy\n",
    "requirements-dev.txt": "-r requirements.txt\nruff\n",
    "requirements/base.txt": "attrs\n",
  });
  try {
    const m = await readManifests(root, [
      { kind: "pyproject", path: "pyproject.toml" },
      { kind: "setup.cfg", path: "setup.cfg" },
      { kind: "requirements", path: "requirements.txt" },
      { kind: "requirements", path: "requirements-dev.txt" },
    ]);
    deepStrictEqual(m.pyproject?.dependencies.map((r) => r.name), ["requests"]);
    deepStrictEqual(m.setupCfg?.dependencies.map((r) => r.name), ["click"]);
    deepStrictEqual(
      m.requirements.map((r) => [r.path, r.dev, r.requirements.map((q) => q.name)]),
      [
        ["requirements.txt", false, ["numpy"]],
        ["requirements-dev.txt", true, ["ruff"]],
        ["requirements/base.txt", false, ["attrs"]],
        ["requirements.txt", true, ["numpy"]],
        ["requirements/base.txt", true, ["attrs"]],
      ],
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("readManifests() names the file and line of an invalid pyproject.toml", async () => {
  const root = await writeTree({ "pyproject.toml": "[project\nname = 1\n" });
  try {
    await rejects(
      readManifests(root, [{ kind: "pyproject", path: "pyproject.toml" }]),
      /^TypeError: Cannot parse pyproject\.toml:1: /,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
