import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { pretendVersion, pretendVersionEnv } from "./pretend_version.ts";

Deno.test("pretendVersion() takes the nearest tag, else 0+g<sha>, else 0.0.0", () => {
  strictEqual(pretendVersion({ tag: "v2.0.1", commit: "abcdef0123" }), "2.0.1");
  strictEqual(pretendVersion({ tag: "nightly", commit: "ABCDEF0123" }), "0+gabcdef0");
  strictEqual(pretendVersion(), "0.0.0");
  deepStrictEqual(Object.keys(pretendVersionEnv("1.0")), [
    "SETUPTOOLS_SCM_PRETEND_VERSION",
    "PDM_BUILD_SCM_VERSION",
    "POETRY_DYNAMIC_VERSIONING_BYPASS",
  ]);
});
