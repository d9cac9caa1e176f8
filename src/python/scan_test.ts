import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import { join } from "node:path";
import { writeTree } from "../../checks/_real_context.ts";
import { createExecutor } from "../exec/executor.ts";
import { parseScanOutput, type ScanRequest, type ScanResult, scanScript } from "./scan.ts";

const TREE = {
  "pkg/__init__.py": [
    "import os, yaml.loader",
    "from typing import TYPE_CHECKING",
    "from . import sub",
    "try:",
    "    import ujson as json",
    "except ImportError:",
    "    import json",
    "if TYPE_CHECKING:",
    "    import numpy",
    "import sys",
    "if sys.version_info >= (3, 11):",
    "    import tomllib",
    "else:",
    "    import tomli",
    "def f():",
    "    from tenacity import retry",
  ].join("\n"),
  "pkg/bad.py": "def broken(:\n    pass\n",
  "pkg/after.py": "import requests\n",
  "setup.py": [
    "from setuptools import setup",
    "REQ = ['requests>=2']",
    "setup(name='x', install_requires=REQ + ['tenacity'], extras_require={'test': ['pytest']})",
  ].join("\n"),
};

async function scan(
  files: Record<string, string>,
  request: Omit<ScanRequest, "root">,
): Promise<ScanResult> {
  const root = await writeTree(files);
  const temp = await Deno.makeTempDir();
  try {
    const exec = createExecutor({ tempRoot: temp, snapshotRoot: root, defaultTimeoutMs: 30_000 });
    const script = join(temp, "scan_imports.py");
    await Deno.writeTextFile(script, await scanScript());
    await Deno.writeTextFile(join(temp, "request.json"), JSON.stringify({ root, ...request }));
    const run = await exec(["python3", script, join(temp, "request.json")]);
    strictEqual(run.evidence.exitCode, 0, run.evidence.stderrHead);
    return parseScanOutput(await Deno.readTextFile(run.stdoutPath));
  } finally {
    await Deno.remove(root, { recursive: true });
    await Deno.remove(temp, { recursive: true });
  }
}

Deno.test("scan_imports.py records imports with their optional and TYPE_CHECKING context", async () => {
  const result = await scan(TREE, {
    files: ["pkg/__init__.py", "pkg/bad.py", "pkg/after.py"],
    setup: "setup.py",
  });
  const seen = result.imports.map((i) =>
    `${i.file}:${i.line} ${i.module}${i.optional ? " optional" : ""}${
      i.typeChecking ? " typing" : ""
    }`
  );
  deepStrictEqual(seen, [
    "pkg/__init__.py:1 os",
    "pkg/__init__.py:1 yaml.loader",
    "pkg/__init__.py:2 typing",
    "pkg/__init__.py:5 ujson optional",
    "pkg/__init__.py:7 json",
    "pkg/__init__.py:9 numpy typing",
    "pkg/__init__.py:10 sys",
    "pkg/__init__.py:12 tomllib optional",
    "pkg/__init__.py:14 tomli optional",
    "pkg/__init__.py:16 tenacity",
    "pkg/after.py:1 requests",
  ]);
  strictEqual(result.imports[1]?.top, "yaml");
  deepStrictEqual(result.parseErrors.map((e) => [e.file, e.line]), [["pkg/bad.py", 1]]);
  ok(result.parseErrors[0]?.message.startsWith("SyntaxError"));
  deepStrictEqual(result.setup, {
    readable: true,
    installRequires: ["requests>=2", "tenacity"],
    extrasRequire: { test: ["pytest"] },
    testsRequire: [],
  });
  ok(
    result.stdlib.includes("os") && result.stdlib.includes("json") &&
      !result.stdlib.includes("yaml"),
  );
});

Deno.test("scan_imports.py reads setup.py without running it, and says when it cannot", async () => {
  const result = await scan({
    "setup.py": [
      "import pathlib",
      "pathlib.Path('/tmp/claimcheck-scan-must-not-run').write_text('ran')",
      "from setuptools import setup",
      "setup(name='x', install_requires=open('requirements.txt').read().splitlines())",
    ].join("\n"),
  }, { files: [], setup: "setup.py" });
  strictEqual(result.setup?.readable, false);
  ok(/install_requires is not a literal/.test(result.setup?.reason ?? ""), result.setup?.reason);
  ok(!(await Deno.stat("/tmp/claimcheck-scan-must-not-run").then(() => true, () => false)));
});

Deno.test("parseScanOutput() refuses output that is not the scan's JSON", () => {
  throws(
    () => parseScanOutput("Traceback (most recent call last):"),
    /Cannot parse the import scan/,
  );
  throws(() => parseScanOutput('{"imports": 3}'), /Cannot parse the import scan: imports/);
});

Deno.test("scan_imports.py treats Python 2 fallbacks, compat flags and suppress() as optional", async () => {
  const result = await scan({
    "pkg/compat.py": [
      "import os, sys",
      "import platform",
      "from contextlib import suppress",
      "try:",
      "    import cPickle as pickle",
      "except ImportError:",
      "    import pickle",
      "try:",
      "    from urllib.parse import urlparse",
      "except (AttributeError, ModuleNotFoundError):",
      "    from urlparse import urlparse",
      "try:",
      "    import simplejson as json",
      "except:",
      "    import json",
      "else:",
      "    import simplejson.decoder",
      "PY2 = sys.version_info[0] == 2",
      "WINDOWS = os.name == 'nt'",
      "if PY2:",
      "    import urllib2",
      "if WINDOWS:",
      "    import winreg",
      "if platform.system() == 'Darwin':",
      "    import objc",
      "import six",
      "if six.PY3:",
      "    import queue",
      "with suppress(ImportError):",
      "    import ujson",
      "try:",
      "    import orjson",
      "except ValueError:",
      "    import yaml",
    ].join("\n"),
  }, { files: ["pkg/compat.py"], setup: null });
  const seen = result.imports.map((i) =>
    `${i.line} ${i.module}${i.optional ? " optional" : ""}${
      i.alternatives.length > 0 ? ` instead of ${i.alternatives.join(",")}` : ""
    }`
  );
  deepStrictEqual(seen, [
    "1 os",
    "1 sys",
    "2 platform",
    "3 contextlib",
    "5 cPickle optional",
    "7 pickle instead of cPickle",
    "9 urllib.parse optional",
    "11 urlparse instead of urllib",
    "13 simplejson optional",
    "17 simplejson.decoder optional",
    "15 json instead of simplejson",
    "21 urllib2 optional",
    "23 winreg optional",
    "25 objc optional",
    "26 six",
    "28 queue optional",
    "30 ujson optional",
    "32 orjson",
    "34 yaml",
  ]);
});
