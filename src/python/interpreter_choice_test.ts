import { deepStrictEqual as assertEquals } from "node:assert/strict";
import type { Tool } from "../facts.ts";
import { choosePython, inMatrix, pep440Specifiers } from "./interpreter_choice.ts";

const py = (version: string, path = `/py/${version}/bin/python`): Tool => ({ path, version });
const MACHINE = [
  "2.7.18",
  "3.6.15",
  "3.7.16",
  "3.8.18",
  "3.9.18",
  "3.10.13",
  "3.11.7",
  "3.12.1",
  "3.13.0",
].map((v) => py(v));
const DEFAULT = py("3.11.7");

Deno.test("choosePython() picks by requires-python, CI matrix and the machine's default", async (t) => {
  const cases: {
    name: string;
    spec?: string;
    ci?: string[];
    machineDefault?: Tool;
    candidates?: Tool[];
    chosen: string | undefined;
    why: string;
  }[] = [
    {
      name: "newest satisfying when the default is excluded",
      spec: ">=3.12",
      machineDefault: DEFAULT,
      chosen: "3.12.1",
      why:
        "3.12.1: the newest interpreter in the CI matrix (3.12) that satisfies requires-python >=3.12",
      ci: ["3.12"],
    },
    {
      name: "newest satisfying, no matrix, no default",
      spec: ">=3.12",
      chosen: "3.13.0",
      why: "3.13.0: the newest interpreter that satisfies requires-python >=3.12",
    },
    {
      name: "the default when it satisfies and no matrix is given",
      spec: ">=3.8",
      machineDefault: DEFAULT,
      chosen: "3.11.7",
      why: "3.11.7: the machine's default python3, which satisfies requires-python >=3.8",
    },
    {
      name: "the default when it is in the matrix",
      spec: ">=3.8",
      ci: ["3.9", "3.10", "3.11", "3.12"],
      machineDefault: DEFAULT,
      chosen: "3.11.7",
      why:
        "3.11.7: the machine's default python3, which satisfies requires-python >=3.8 and is in the CI matrix (3.9, 3.10, 3.11, 3.12)",
    },
    {
      name: "newest of the matrix when the default is not in it",
      spec: ">=3.8",
      ci: ["3.9", "3.10"],
      machineDefault: DEFAULT,
      chosen: "3.10.13",
      why:
        "3.10.13: the newest interpreter in the CI matrix (3.9, 3.10) that satisfies requires-python >=3.8",
    },
    {
      name: "newest satisfying when no matrix entry is on the machine",
      spec: ">=3.8",
      ci: ["3.14", "pypy-3.10"],
      machineDefault: DEFAULT,
      chosen: "3.13.0",
      why:
        "3.13.0: the newest interpreter that satisfies requires-python >=3.8 (none is in the CI matrix (3.14, pypy-3.10))",
    },
    {
      name: "exclusions and upper bounds",
      spec: ">=3.6, !=3.11.*, <3.13",
      machineDefault: DEFAULT,
      chosen: "3.12.1",
      why: "3.12.1: the newest interpreter that satisfies requires-python >=3.6, !=3.11.*, <3.13",
    },
    {
      name: "compatible release",
      spec: "~=3.9.0",
      chosen: "3.9.18",
      why: "3.9.18: the newest interpreter that satisfies requires-python ~=3.9.0",
    },
    {
      name: "Python 2 only",
      spec: ">=2.7, <3",
      machineDefault: DEFAULT,
      chosen: "2.7.18",
      why: "2.7.18: the newest interpreter that satisfies requires-python >=2.7, <3",
    },
    {
      name: "no specifier: the default",
      machineDefault: DEFAULT,
      chosen: "3.11.7",
      why: "3.11.7: the machine's default python3",
    },
    {
      name: "blank specifier: the newest",
      spec: "  ",
      chosen: "3.13.0",
      why: "3.13.0: the newest interpreter",
    },
    {
      name: "unparseable specifier is treated as absent",
      spec: "python3 please",
      machineDefault: DEFAULT,
      chosen: "3.11.7",
      why:
        'requires-python "python3 please" cannot be parsed and was treated as absent; 3.11.7: the machine\'s default python3',
    },
    {
      name: "a Poetry caret constraint",
      spec: "^3.12",
      machineDefault: DEFAULT,
      chosen: "3.13.0",
      why:
        "3.13.0: the newest interpreter that satisfies requires-python ^3.12 (read as >=3.12,<4.0)",
    },
    {
      name: "Poetry alternatives",
      spec: "~2.7 || ^3.13",
      chosen: "3.13.0",
      why:
        "3.13.0: the newest interpreter that satisfies requires-python ~2.7 || ^3.13 (read as >=2.7,<2.8 or >=3.13,<4.0)",
    },
    {
      name: "nothing satisfies",
      spec: ">=3.14",
      machineDefault: DEFAULT,
      chosen: undefined,
      why:
        "No interpreter satisfies requires-python >=3.14: found 2.7.18, 3.6.15, 3.7.16, 3.8.18, 3.9.18, 3.10.13, 3.11.7, 3.12.1, 3.13.0",
    },
    {
      name: "no interpreter at all",
      spec: ">=3.8",
      candidates: [],
      chosen: undefined,
      why: "No Python interpreter was found on this machine",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const choice = choosePython(c.candidates ?? MACHINE, c.spec, c.ci ?? [], c.machineDefault);
      assertEquals(choice.chosen?.version, c.chosen);
      assertEquals(choice.why, c.why);
    });
  }
});

Deno.test("choosePython() lists every candidate with whether it is acceptable", () => {
  const choice = choosePython(MACHINE, ">=3.12", [], DEFAULT);
  assertEquals(
    choice.alternatives.map((a) => [a.version, a.accepted, a.reason]),
    [
      ...["2.7.18", "3.6.15", "3.7.16", "3.8.18", "3.9.18", "3.10.13", "3.11.7"].map((v) => [
        v,
        false,
        "does not satisfy requires-python >=3.12",
      ]),
      ["3.12.1", true, "acceptable, but 3.13.0 was preferred"],
      ["3.13.0", true, "chosen"],
    ],
  );
  assertEquals(choice.alternatives[0]?.path, "/py/2.7.18/bin/python");
});

Deno.test("choosePython() prefers the default by path over a twin of the same version", () => {
  const usr = py("3.11.7", "/usr/bin/python3.11");
  const pyenv = py("3.11.7", "/root/.pyenv/versions/3.11.7/bin/python3.11");
  const choice = choosePython([usr, pyenv], ">=3.8", [], pyenv);
  assertEquals(choice.chosen, pyenv);
});

Deno.test("choosePython() rejects a candidate whose version is not PEP 440", () => {
  const choice = choosePython([py("weird"), py("3.12.1")], undefined, []);
  assertEquals(choice.chosen?.version, "3.12.1");
  assertEquals(choice.alternatives[0]?.reason, "version weird cannot be parsed");
});

Deno.test("inMatrix() reads python-version entries", async (t) => {
  const cases: [string, string[], boolean][] = [
    ["3.12.1", ["3.12"], true],
    ["3.12.1", ["3.12.1"], true],
    ["3.12.1", ["3.12.0"], false],
    ["3.1.4", ["3.12"], false],
    ["3.12.1", ["3.x"], true],
    ["3.13.0", ["3.13-dev"], true],
    ["3.10.13", ["pypy-3.10"], false],
    ["3.10.13", [" 3.10 "], true],
    ["3.10.13", [], false],
  ];
  for (const [version, ci, expected] of cases) {
    await t.step(`${version} in [${ci.join(", ")}]`, () => {
      assertEquals(inMatrix(version, ci), expected);
    });
  }
});

Deno.test("pep440Specifiers() keeps PEP 440 and reads Poetry constraints", async (t) => {
  const cases: [string, string[] | undefined][] = [
    [">=3.8", [">=3.8"]],
    [">= 3.8, != 3.9.*", [">= 3.8, != 3.9.*"]],
    ["~=3.8", ["~=3.8"]],
    ["^3.8", [">=3.8,<4.0"]],
    ["^3.8.1", [">=3.8.1,<4.0.0"]],
    ["^0.2", [">=0.2,<0.3"]],
    ["~3.8", [">=3.8,<3.9"]],
    ["~3.8.2", [">=3.8.2,<3.9.0"]],
    ["~3", [">=3,<4"]],
    ["3.8", ["==3.8"]],
    ["3.*", ["==3.*"]],
    ["*", [">=0"]],
    [">=3.8 <4", [">=3.8,<4"]],
    [">= 3.8 < 4", [">=3.8,<4"]],
    ["^2.7 || ^3.6", [">=2.7,<3.0", ">=3.6,<4.0"]],
    ["python3", undefined],
    ["^3.8 || nonsense", undefined],
    ["", undefined],
  ];
  for (const [text, expected] of cases) {
    await t.step(JSON.stringify(text), () => assertEquals(pep440Specifiers(text), expected));
  }
});
