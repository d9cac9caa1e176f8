import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import { makeCommands, parseMakefile } from "./makefile.ts";
import { makeCandidate } from "./plan_candidates.ts";

const MAKEFILE = [
  "PYTHON ?= python3", // 1
  "TESTS := tests/unit",
  "OPTS = -m 'not slow'",
  "OPTS += -k api",
  ".PHONY: test install", // 5
  "",
  "install:",
  "\t$(PYTHON) -m pip install -e .[test]",
  "",
  "test: install ## run the tests", // 10
  "\t@$(PYTHON) -m pytest $(TESTS) \\",
  "\t  $(OPTS)",
  "",
  "ci:",
  "\t$(MAKE) lint test", // 15
  "lint:",
  "\t-ruff check .",
  "price := $$5",
].join("\n");

Deno.test("parseMakefile() expands variables and reads rules", () => {
  const makefile = parseMakefile(MAKEFILE, "Makefile");
  const test = makefile.targets.get("test");
  strictEqual(test?.line, 10);
  deepStrictEqual(test.prerequisites, ["install"]);
  deepStrictEqual(test.commands.map((c) => [c.line, c.argv]), [
    [11, ["python3", "-m", "pytest", "tests/unit", "-m", "not slow", "-k", "api"]],
  ]);
  strictEqual(makefile.targets.has(".PHONY"), false);
  deepStrictEqual(makefile.targets.get("lint")?.commands[0]?.argv, ["ruff", "check", "."]);
});

Deno.test("makeCommands() runs prerequisites first and follows $(MAKE) targets", () => {
  const makefile = parseMakefile(MAKEFILE, "Makefile");
  deepStrictEqual(
    makeCommands(makefile, "ci").map((c) => c.argv[0] === "ruff" ? "ruff" : c.argv[2]),
    [
      "ruff",
      "pip",
      "pytest",
    ],
  );
  deepStrictEqual(makeCommands(makefile, "missing"), []);
});

Deno.test("makeCandidate() takes a setup target when the test target installs nothing", () => {
  const makefile = parseMakefile(
    "install-prod:\n\tpip install .\ndev:\n\tpip install -e .[dev]\ntest:\n\tpytest tests\n",
    "Makefile",
  );
  const plan = makeCandidate(makefile);
  strictEqual(plan?.installsProject, true);
  deepStrictEqual(plan.extras, ["dev"]);
  match(plan.why, /so `make dev` is taken as the setup step$/);
  const installing = makeCandidate(parseMakefile(MAKEFILE, "Makefile"));
  deepStrictEqual(installing?.extras, ["test"]);
  strictEqual(installing.pieces[0]?.line, 8);
});
