import { deepStrictEqual } from "node:assert/strict";
import type { CheckResult } from "./check.ts";
import { machinePaths } from "./machine_paths.ts";
import { withPlaceholders } from "./placeholders.ts";

const places = machinePaths({
  work: "/tmp/claimcheck-ab12",
  tempRoot: "/tmp/claimcheck-ab12/tmp",
  snapshotRoot: "/tmp/claimcheck-ab12/snapshot",
  cacheRoot: "/home/me/.cache/claimcheck",
  facts: {
    pythons: [{ path: "/home/me/.pyenv/versions/3.11.7/bin/python3.11", version: "3.11.7" }],
    interpreters: {
      python: { path: "/usr/bin/python3.13", version: "3.13.1" },
      git: { path: "/usr/bin/git", version: "2.39.5" },
      node: { path: "/opt/node-22/bin/node", version: "22.1.0" },
    },
  },
  pip: {
    roles: [
      { key: "index-url", dir: "/opt/pypi/simple" },
      { key: "extra-index-url", dir: "/opt/pypi/simple" },
      { key: "extra-index-url", dir: "/opt/pypi-more/simple" },
      { key: "find-links", dir: "/opt/wheels" },
    ],
  },
  env: (name) => ({ HOME: "/home/me", PIP_INDEX_URL: "file:///opt/pypi/simple" })[name],
});

function rewrite(...texts: string[]): string[] {
  const result: CheckResult = {
    id: "x",
    category: "tests",
    status: "pass",
    summary: "",
    durationMs: 0,
    measurements: [],
    findings: [],
    evidence: [{
      argv: [],
      cwd: "/",
      envKeys: [],
      exitCode: 0,
      signal: null,
      timedOut: false,
      durationMs: 0,
      stdoutHead: "",
      stdoutTail: "",
      stderrHead: "",
      stderrTail: "",
      stdoutBytes: 0,
      stderrBytes: 0,
      outputSha256: "",
      artifacts: [],
      isolation: "bwrap",
      network: false,
      wrapper: texts,
    }],
  };
  return withPlaceholders(result, places).evidence[0]?.wrapper ?? [];
}

Deno.test("machinePaths() names the audit's area, the cache, pip's sources by role, interpreters by version and HOME", () => {
  deepStrictEqual(
    rewrite(
      "/tmp/claimcheck-ab12",
      "/tmp/claimcheck-ab12/tmp/tests.pytest-1",
      "/tmp/claimcheck-ab12/snapshot/src",
      "/home/me/.cache/claimcheck/python-envs/1/venv/bin/python",
      "/opt/pypi",
      "/opt/pypi-more",
      "/opt/wheels",
      "--index-url=file:///opt/pypi/simple",
      "/home/me/.pyenv/versions/3.11.7/bin/python3.11 -m pytest",
      "/home/me/.pyenv/versions/3.11.7",
      "/usr/bin/python3.13",
      "/opt/node-22",
      "/usr/bin/git",
      "/home/me/.config/pip/pip.conf",
      "/home/me",
    ),
    [
      "$AUDIT",
      "$AUDIT_TMP/tests.pytest-1",
      "$SNAPSHOT/src",
      "$CLAIMCHECK_CACHE/python-envs/1/venv/bin/python",
      "$PIP_INDEX",
      "$PIP_EXTRA_INDEX",
      "$PIP_FIND_LINKS",
      "--index-url=$PIP_INDEX_URL",
      "python3.11.7 -m pytest",
      "$PYTHON_3.11.7",
      "python3.13.1",
      "$NODE_22.1.0",
      "/usr/bin/git",
      "$HOME/.config/pip/pip.conf",
      "$HOME",
    ],
  );
});

Deno.test("withPlaceholders() replaces a path only where it ends", () => {
  deepStrictEqual(
    rewrite("/home/meadow/x", "/opt/pypi-more/simple", "/opt/wheels.tar", "see /home/me."),
    ["/home/meadow/x", "$PIP_EXTRA_INDEX/simple", "/opt/wheels.tar", "see $HOME."],
  );
});
