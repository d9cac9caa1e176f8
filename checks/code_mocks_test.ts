import { deepStrictEqual, equal } from "node:assert/strict";
import { evaluateMocks } from "../src/integrity/mocks.ts";
import { codeMocks } from "./code_mocks.ts";
import { detectedContext, withTemp } from "./_integrity_context.ts";
import { writeTree } from "./_real_context.ts";
import { fixture, values } from "./_report_helpers.ts";

Deno.test("evaluateMocks() describes each use and names what it replaces", () => {
  const outcome = evaluateMocks(
    {
      hits: [
        { file: "a.py", line: 2, kind: "fallback", target: "MagicMock", replaces: ["torch"] },
        { file: "b.py", line: 5, kind: "sys.modules", target: "FakeX", replaces: ["x"] },
      ],
      parseErrors: [],
    },
    3,
    0,
  );
  equal(outcome.status, "fail");
  deepStrictEqual(outcome.findings, [
    {
      message: "falls back to the stand-in `MagicMock` when `torch` cannot be imported",
      file: "a.py",
      line: 2,
      subject: "torch",
    },
    {
      message: "puts the stand-in `FakeX` into sys.modules as `x`",
      file: "b.py",
      line: 5,
      subject: "x",
    },
  ]);
  equal(evaluateMocks({ hits: [], parseErrors: [] }, 3, 0).status, "pass");
});

Deno.test("codeMocks finds fixtures/py_mocks' fallback, fake import and sys.modules entry", async () => {
  await withTemp(async (temp) => {
    const outcome = await codeMocks.run(await detectedContext(fixture("py_mocks"), temp));
    equal(outcome.status, "fail", outcome.summary);
    deepStrictEqual(values(outcome), { "code.mocks": 3 });
    deepStrictEqual(outcome.findings?.map((f) => `${f.file}:${f.line} ${f.message}`), [
      "src/gpuaccel/__init__.py:5 falls back to the stand-in `gpuaccel.mock_torch` when `torch` cannot be imported",
      "src/gpuaccel/backends.py:4 imports the stand-in `gpuaccel.fakes` at runtime",
      "src/gpuaccel/backends.py:6 puts the stand-in `FakeCuda` into sys.modules as `pycuda`",
    ]);
  });
});

Deno.test("codeMocks: MagicMock assigned in an ImportError handler; tests and real fallbacks are fine", async () => {
  const root = await writeTree({
    "pyproject.toml": '[project]\nname = "p"\n',
    "src/p/__init__.py": [
      "try:",
      "    import numpy as np",
      "except ImportError:",
      "    from unittest.mock import MagicMock",
      "    np = MagicMock()",
      "import sys",
      "sys.modules['p.alias'] = sys.modules[__name__]",
      "try:",
      "    import ujson as json",
      "except ImportError:",
      "    import json",
      "",
    ].join("\n"),
    "tests/test_p.py": "from unittest import mock\nfrom tests.fake_db import FakeDb\n",
  });
  try {
    await withTemp(async (temp) => {
      const outcome = await codeMocks.run(await detectedContext(root, temp));
      deepStrictEqual(outcome.findings?.map((f) => `${f.line} ${f.subject}`), [
        "4 numpy",
        "5 numpy",
      ]);
    });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("codeMocks passes the clean fixtures", async () => {
  for (const name of ["py_ok", "py_failing", "py_overclaim", "py_setuppy"]) {
    await withTemp(async (temp) => {
      const outcome = await codeMocks.run(await detectedContext(fixture(name), temp));
      equal(outcome.status, "pass", `${name}: ${outcome.summary}`);
    });
  }
});
