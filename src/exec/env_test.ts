import assert from "node:assert/strict";
import { buildEnv, DEFAULT_PATH } from "./env.ts";

const parent: Record<string, string> = {
  PATH: "/usr/bin",
  LANG: "C.UTF-8",
  GITHUB_TOKEN: "secret",
  AWS_SECRET_ACCESS_KEY: "secret",
  PIP_INDEX_URL: "file:///opt/pypi/simple",
};
const get = (name: string) => parent[name];

Deno.test("buildEnv() keeps only allowlisted variables and sets a private HOME and TMPDIR", () => {
  assert.deepEqual(buildEnv({ get, home: "/t/home", tmpDir: "/t/tmp", pwd: "/s" }), {
    PATH: "/usr/bin",
    LANG: "C.UTF-8",
    HOME: "/t/home",
    TMPDIR: "/t/tmp",
    PWD: "/s",
    NO_COLOR: "1",
    CI: "true",
  });
});

Deno.test("buildEnv() adds passEnv names that are set, then explicit variables", () => {
  const env = buildEnv({
    get,
    home: "/h",
    tmpDir: "/t",
    pwd: "/s",
    passEnv: ["PIP_INDEX_URL", "UNSET_NAME"],
    env: { PATH: "/venv/bin:/usr/bin", HOME: "/custom" },
  });
  assert.equal(env.PIP_INDEX_URL, "file:///opt/pypi/simple");
  assert.equal("UNSET_NAME" in env, false);
  assert.equal(env.PATH, "/venv/bin:/usr/bin");
  assert.equal(env.HOME, "/custom");
  assert.equal("GITHUB_TOKEN" in env, false);
});

Deno.test("buildEnv() falls back to a default PATH", () => {
  const env = buildEnv({ get: () => undefined, home: "/h", tmpDir: "/t", pwd: "/s" });
  assert.equal(env.PATH, DEFAULT_PATH);
});
