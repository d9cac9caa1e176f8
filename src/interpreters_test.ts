import { deepStrictEqual, ok } from "node:assert/strict";
import { join } from "node:path";
import { fakePython as fake } from "./_fake_python.ts";
import { findInterpreters, findPythons, machinePythonRoots } from "./interpreters.ts";

Deno.test("findPythons() finds interpreters in bin folders, search folders and versions folders", async () => {
  const dir = await Deno.makeTempDir({ prefix: "claimcheck-pythons-" });
  try {
    const bin = join(dir, "usr", "bin");
    await fake(join(bin, "python3.12"), "3.12.1");
    await Deno.symlink("python3.12", join(bin, "python3"));
    await fake(join(bin, "python3.12-config"), "9.9.9");
    await fake(join(bin, "python2.7"), "2.7.18");
    await fake(join(bin, "python3.9"), undefined);
    await Deno.writeTextFile(join(bin, "python3.8"), "not executable", { mode: 0o644 });
    const versions = join(dir, "pyenv", "versions");
    await fake(join(versions, "3.13.0", "bin", "python3.13"), "3.13.0");
    await Deno.symlink("python3.13", join(versions, "3.13.0", "bin", "python"));
    await fake(join(versions, "3.10.13", "bin", "python"), "3.10.13");
    const extra = join(dir, "opt", "py314");
    await fake(join(extra, "bin", "python3.14"), "3.14.0a1+");
    const flat = join(dir, "flat");
    await fake(join(flat, "python3.7"), "3.7.16");

    const found = await findPythons([extra, flat, join(dir, "missing")], {
      binDirs: [bin, bin],
      searchDirs: [versions],
    });
    deepStrictEqual(found, [
      { path: join(bin, "python2.7"), version: "2.7.18" },
      { path: join(flat, "python3.7"), version: "3.7.16" },
      { path: join(versions, "3.10.13", "bin", "python"), version: "3.10.13" },
      { path: join(bin, "python3.12"), version: "3.12.1" },
      { path: join(versions, "3.13.0", "bin", "python3.13"), version: "3.13.0" },
      { path: join(extra, "bin", "python3.14"), version: "3.14.0a1" },
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("machinePythonRoots() leaves out pyenv's shims and searches its versions", () => {
  const env: Record<string, string> = {
    HOME: "/home/u",
    PATH: "/home/u/.pyenv/shims:/home/u/.pyenv/bin:/usr/local/bin:/usr/bin:/bin:",
  };
  deepStrictEqual(machinePythonRoots((name) => env[name]), {
    binDirs: ["/usr/local/bin", "/usr/bin", "/bin"],
    searchDirs: ["/home/u/.pyenv/versions"],
  });
  deepStrictEqual(
    machinePythonRoots((name) => ({ PYENV_ROOT: "/opt/pyenv", PATH: "/opt/pyenv/shims" })[name]),
    { binDirs: ["/usr/bin", "/usr/local/bin"], searchDirs: ["/opt/pyenv/versions"] },
  );
});

Deno.test("findPythons() on this machine includes the default python3, by its real path", async () => {
  const { python } = await findInterpreters(["python"]);
  const found = await findPythons([]);
  if (python) {
    ok(found.some((tool) => tool.path === python.path && tool.version === python.version));
  }
  ok(found.every((tool) => tool.path.startsWith("/") && /^\d+\.\d+/.test(tool.version)));
});
