import assert from "node:assert/strict";
import { installRoot, programRoots, venvHome } from "./visible.ts";

Deno.test("installRoot() is the prefix of a bin directory outside the system trees", () => {
  assert.equal(
    installRoot("/root/.pyenv/versions/3.11.7/bin/python3.11"),
    "/root/.pyenv/versions/3.11.7",
  );
  assert.equal(installRoot("/usr/bin/python3"), undefined);
  assert.equal(installRoot("/root/.pyenv/shims/python3"), undefined, "a shim needs all of pyenv");
});

Deno.test("venvHome() reads the base interpreter's directory from pyvenv.cfg", () => {
  const cfg = "home = /root/.pyenv/versions/3.12.1/bin\ninclude-system-site-packages = false\n";
  assert.equal(venvHome(cfg), "/root/.pyenv/versions/3.12.1/bin");
  assert.equal(venvHome("version = 3.12.1\n"), undefined);
});

Deno.test("programRoots() of a venv's program: the venv itself and its base interpreter", async () => {
  const venv = await Deno.makeTempDir({ prefix: "cc-venv-" });
  await Deno.mkdir(`${venv}/bin`);
  const base = await Deno.realPath(
    new TextDecoder().decode(
      new Deno.Command("python3", { args: ["-c", "import sys; print(sys.executable)"] })
        .outputSync().stdout,
    ).trim(),
  );
  await Deno.symlink(base, `${venv}/bin/python3`);
  await Deno.writeTextFile(`${venv}/pyvenv.cfg`, `home = ${base.replace(/\/[^/]+$/, "")}\n`);
  const roots = await programRoots(`${venv}/bin/python3`);
  assert.ok(roots.includes(venv), roots.join(", "));
  await Deno.remove(venv, { recursive: true });
});
