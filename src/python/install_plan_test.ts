import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { planInstall } from "./install_plan.ts";
import { parsePyproject } from "./pyproject.ts";

const PIP = ["py", "-m", "pip", "install"];

Deno.test("planInstall() installs a pyproject project with every extra and its build backend", () => {
  const pyproject = parsePyproject(
    `[build-system]\nrequires = ["hatchling"]\n[project]\nname = "x"\n[project.optional-dependencies]\ntest = ["pytest"]\ncli = ["click"]\n[dependency-groups]\nlint = ["ruff>=0.4"]\n`,
    "pyproject.toml",
  );
  const plan = planInstall({
    python: "py",
    root: "/snap",
    installable: true,
    manifests: { pyproject, requirements: [] },
    requirementsFiles: ["requirements-dev.txt"],
  });
  deepStrictEqual(plan.tools, [...PIP, "pytest", "coverage", "build", "wheel"]);
  deepStrictEqual(plan.buildRequires, [...PIP, "hatchling"]);
  deepStrictEqual(plan.target, [
    ...PIP,
    "-r",
    "/snap/requirements-dev.txt",
    "--no-build-isolation",
    "/snap[cli,test]",
    "ruff>=0.4",
  ]);
});

Deno.test("planInstall() uses pip's default backend for setup.py and installs requirements only when not installable", () => {
  const legacy = planInstall({
    python: "py",
    root: "/snap",
    installable: true,
    requirementsFiles: ["requirements.txt"],
  });
  deepStrictEqual(legacy.buildRequires, [...PIP, "setuptools>=40.8.0", "wheel"]);
  deepStrictEqual(legacy.target, [
    ...PIP,
    "-r",
    "/snap/requirements.txt",
    "--no-build-isolation",
    "/snap",
  ]);
  const app = planInstall({
    python: "py",
    root: "/snap",
    installable: false,
    requirementsFiles: [],
  });
  strictEqual(app.buildRequires, undefined);
  strictEqual(app.target, undefined);
});
