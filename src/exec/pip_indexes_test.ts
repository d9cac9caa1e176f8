import assert from "node:assert/strict";
import { join } from "node:path";
import {
  classifySources,
  DEFAULT_INDEX,
  pipConfigValues,
  pipSources,
  pipVisibleDirs,
} from "./pip_indexes.ts";

Deno.test("pipConfigValues() reads [global] and [install], joining continuation lines", () => {
  const text = [
    "# comment",
    "[global]",
    "extra-index-url = file:///opt/pypi/simple",
    "    file:///opt/pypi-more/simple",
    "find_links = /opt/wheels",
    "[freeze]",
    "index-url = https://ignored.example/simple",
    "[install]",
    "no-index = true",
  ].join("\n");
  assert.deepEqual(
    [...pipConfigValues(text)],
    [
      ["extra-index-url", "file:///opt/pypi/simple file:///opt/pypi-more/simple"],
      ["find-links", "/opt/wheels"],
      ["no-index", "true"],
    ],
  );
});

Deno.test("classifySources() counts pip's default index as remote unless an index is set", () => {
  assert.deepEqual(classifySources(["/opt/wheels"], false, false), {
    localDirs: ["/opt/wheels"],
    remote: [DEFAULT_INDEX],
  });
  assert.deepEqual(
    classifySources(["file:///opt/pypi/simple", "https://mirror.example/simple"], false, true),
    { localDirs: ["/opt/pypi/simple"], remote: ["https://mirror.example/simple"] },
  );
  assert.deepEqual(classifySources(["https://x.example/simple"], true, false), {
    localDirs: [],
    remote: [],
  });
});

Deno.test("pipSources() merges the config files and PIP_* variables; local-only needs no network", async () => {
  const dir = await Deno.makeTempDir({ prefix: "cc-pip-" });
  try {
    const config = join(dir, "pip.conf");
    await Deno.writeTextFile(config, "[global]\nfind-links = /opt/wheels\n");
    const env: Record<string, string> = {
      XDG_CONFIG_DIRS: join(dir, "none"),
      PIP_CONFIG_FILE: config,
      PIP_INDEX_URL: "file:///opt/pypi/simple",
    };
    const sources = await pipSources((name) => env[name]);
    assert.ok(sources.configFiles.includes(config));
    assert.deepEqual(sources.remote, []);
    assert.ok(sources.localDirs.includes("/opt/wheels"));
    assert.ok(sources.localDirs.includes("/opt/pypi/simple"));
    delete env.PIP_INDEX_URL;
    assert.deepEqual((await pipSources((name) => env[name])).remote, [DEFAULT_INDEX]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("pipVisibleDirs() shows a simple index together with its files beside it", () => {
  assert.deepEqual(pipVisibleDirs({ localDirs: ["/opt/pypi/simple", "/opt/wheels"] }), [
    "/opt/pypi",
    "/opt/wheels",
  ]);
});
