/**
 * The cases of the hostile corpus (see `hostile_corpus.ts`): what each attacks, what its audit
 * must show, and what git cannot hold, built at run time.
 * @module
 */
import { join } from "node:path";
import {
  type CaseDirs,
  exists,
  git,
  type HostileCase,
  notesOf,
  sh,
  statusOf,
  write,
} from "./hostile_corpus.ts";
import type { Report } from "./report/schema.ts";

const PYTEST = ["tests.pytest"];
const CLAIMS = ["docs.present"];

/** A rule: `note` must appear among the target's notes. */
function noted(pattern: RegExp) {
  return (report: Report | undefined) =>
    pattern.test(notesOf(report)) ? undefined : `no note matching ${pattern} in target.notes`;
}

/** A rule: check `id` must not pass. */
function notPass(id: string) {
  return (report: Report | undefined) =>
    statusOf(report, id) === "pass"
      ? `${id} passed although the run was forged or broken`
      : undefined;
}

/** Everything a check's probes printed (heads and tails), with the limits they were killed for. */
function outputOf(report: Report | undefined, id: string): string {
  const evidence = report?.checks.find((c) => c.id === id)?.evidence ?? [];
  return evidence.flatMap((e) => [
    e.stdoutHead,
    e.stdoutTail,
    e.stderrHead,
    e.stderrTail,
    e.limitExceeded ?? "",
  ]).join("\n");
}

/**
 * A rule: check `id` did not pass, and its output shows that the attack ran and was stopped (a
 * limit held) — `pattern` matches it, and the number it captures, if any, is at most `max`.
 */
function stopped(id: string, pattern: RegExp, max = Infinity) {
  return (report: Report | undefined) => {
    if (statusOf(report, id) === "pass") return `${id} passed: the attack was not stopped`;
    const m = pattern.exec(outputOf(report, id));
    if (m === null) return `no sign in ${id}'s output that the attack ran and stopped (${pattern})`;
    const value = m[1] === undefined ? undefined : Number(m[1]);
    return value !== undefined && value > max ? `${m[0]}: over the limit of ${max}` : undefined;
  };
}

/** A rule: a marker file the attack would create must not exist. */
function noMarker(...names: string[]) {
  return (_r: Report | undefined, dirs: CaseDirs) => {
    for (const name of names) {
      try {
        Deno.lstatSync(join(dirs.outside, name));
        return `a command the target configured ran: ${name} exists`;
      } catch {
        // Absent: the rule holds.
      }
    }
    return undefined;
  };
}

async function mkfifo(path: string): Promise<void> {
  await sh(`mkfifo '${path}'`, "/");
}

/**
 * Give the target's repository every command git could run on its own: filters (required),
 * textconv, external diff, fsmonitor, pager, ssh, credential helper and hooks. The files are
 * committed (when `commit`) before the configuration is written, so building runs none of them.
 */
async function evilGitConfig(dirs: CaseDirs, commit: boolean): Promise<void> {
  await write(join(dirs.target, ".gitattributes"), "* filter=evil diff=evil\n");
  const hooks = ["post-checkout", "pre-commit", "post-index-change", "reference-transaction"];
  for (const hook of hooks) {
    const path = join(dirs.target, "hooks", hook);
    await write(path, `#!/bin/sh\ntouch ${join(dirs.outside, `RAN-hook-${hook}`)}\n`);
    await Deno.chmod(path, 0o755);
  }
  await git(["add", "-A"], dirs.target);
  if (commit) await git(["commit", "-q", "-m", "evil"], dirs.target);
  for (const hook of hooks) {
    const path = join(dirs.target, ".git", "hooks", hook);
    await Deno.copyFile(join(dirs.target, "hooks", hook), path);
    await Deno.chmod(path, 0o755);
  }
  const touch = (name: string) => `touch ${join(dirs.outside, name)}; cat`;
  const config = [
    ["filter.evil.clean", touch("RAN-clean")],
    ["filter.evil.smudge", touch("RAN-smudge")],
    ["filter.evil.process", touch("RAN-process")],
    ["filter.evil.required", "true"],
    ["diff.evil.textconv", touch("RAN-textconv")],
    ["diff.external", touch("RAN-external")],
    ["core.fsmonitor", touch("RAN-fsmonitor")],
    ["core.pager", touch("RAN-pager")],
    ["core.sshCommand", touch("RAN-ssh")],
    ["credential.helper", `!${touch("RAN-credential")}`],
    ["core.hooksPath", join(dirs.target, "hooks")],
  ];
  for (const [key, value] of config) {
    await git(["config", key as string, value as string], dirs.target);
  }
}

const GIT_MARKERS = [
  "RAN-clean",
  "RAN-smudge",
  "RAN-process",
  "RAN-textconv",
  "RAN-external",
  "RAN-fsmonitor",
  "RAN-pager",
  "RAN-ssh",
  "RAN-credential",
  "RAN-hook-post-checkout",
  "RAN-hook-pre-commit",
  "RAN-hook-post-index-change",
  "RAN-hook-reference-transaction",
];

function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
  return bytes;
}

/** Every case of the corpus. */
export const CASES: readonly HostileCase[] = [
  // --- Forged results and hostile test suites (tests.pytest with an existing interpreter).
  {
    name: "forged-junit",
    attacks: "conftest writes its own JUnit (42 passed) and sets exit status 0",
    expect: "tests.pytest error (reports disagree), claim not verified",
    only: PYTEST,
    python: true,
    check: (r) =>
      notPass("tests.pytest")(r) ??
        (r?.claims.some((c) => c.verdict === "verified")
          ? "a forged claim was verified"
          : undefined),
  },
  {
    name: "conftest-kills-pgid",
    attacks: "conftest SIGKILLs its own process group",
    expect: "tests.pytest error/fail, no crash",
    only: PYTEST,
    python: true,
    check: notPass("tests.pytest"),
  },
  {
    name: "fork-bomb",
    attacks: "2,000 processes",
    expect: "stopped by the pids limit (512, RLIMIT_NPROC); none alive after",
    only: PYTEST,
    python: true,
    slow: true,
    check: stopped("tests.pytest", /started (\d+) processes: \[Errno 11\]/, 512),
  },
  {
    name: "stdout-1gb",
    attacks: "1 GB on stdout",
    expect: "output capped and hashed, no memory blow-up",
    only: PYTEST,
    python: true,
    slow: true,
  },
  {
    name: "tests-delete-themselves",
    attacks: "a test removes its own tests and pyproject.toml",
    expect: "no crash; later reads find nothing",
    only: PYTEST,
    python: true,
  },
  {
    name: "junit-fifo",
    attacks: "the JUnit file replaced by a FIFO after the run",
    expect: "tests.pytest error (not a regular file), never a hang",
    only: PYTEST,
    python: true,
    check: notPass("tests.pytest"),
  },
  {
    name: "pyproject-fifo-after-tests",
    attacks: "pyproject.toml, README.md, claimcheck.json replaced by FIFOs by a test",
    expect: "no hang; later reads refuse the FIFOs",
    only: PYTEST,
    python: true,
  },
  {
    name: "source-fifo-after-tests",
    attacks: "an unimported source file replaced by a FIFO",
    expect: "no hang",
    only: [...PYTEST, "repo.todos"],
    python: true,
  },
  {
    name: "readme-swapped-after-tests",
    attacks: "README.md and requirements.txt swapped for two-hop symlinks to an outside secret",
    expect: "no canary in the report",
    only: PYTEST,
    python: true,
  },
  {
    name: "malformed-junit",
    attacks: "a JUnit file that is not XML",
    expect: "tests.pytest error with a one-line reason",
    only: PYTEST,
    python: true,
    check: notPass("tests.pytest"),
  },
  {
    name: "setsid-escape",
    attacks: "a daemon started with setsid outlives the process group",
    expect: "killed with the probe's pid namespace",
    only: PYTEST,
    python: true,
  },
  {
    name: "symlink-loop-pytest",
    attacks: "a folder symlink to its parent (pytest walks forever)",
    expect: "the loop is broken in the snapshot and noted",
    only: PYTEST,
    python: true,
    build: async (d) => await Deno.symlink("..", join(d.target, "tests", "again")),
    check: noted(/tests\/again: a symlink/),
  },
  {
    name: "sigterm-mid-audit",
    attacks: "claimcheck gets SIGTERM while a test runs",
    expect: "exit 143, temporary area removed, no process left",
    only: PYTEST,
    python: true,
    interrupt: { signal: "SIGTERM" },
    exitCodes: [143],
  },
  {
    name: "sigint-mid-audit",
    attacks: "claimcheck gets SIGINT while a test runs",
    expect: "exit 130, temporary area removed, no process left",
    only: PYTEST,
    python: true,
    interrupt: { signal: "SIGINT" },
    exitCodes: [130],
  },
  // --- Reading the host and escaping (need the new sandbox).
  {
    name: "reads-home-secrets",
    attacks: "a test reads ~/.npmrc, ~/.ssh/id_rsa, found through /proc/self/mountinfo",
    expect: "HOME hidden: nothing to read",
    only: PYTEST,
    python: true,
  },
  {
    name: "reads-auditor-environ",
    attacks: "a test unmounts /proc and reads every /proc/<pid>/environ",
    expect: "own pid namespace, no privileges: no canary",
    only: PYTEST,
    python: true,
  },
  {
    name: "connects-loopback",
    attacks: "a test connects to 127.0.0.1 (directly and through nsenter)",
    expect: "no connection",
    only: PYTEST,
    python: true,
  },
  {
    name: "writes-original-tree",
    attacks: "remount / rw and write into the original tree, HOME, outside",
    expect: "nothing outside the snapshot changes",
    only: PYTEST,
    python: true,
  },
  {
    name: "cache-poison",
    attacks: "a test rewrites a module in claimcheck's cache",
    expect: "the cache is read-only to target code",
    only: PYTEST,
    python: true,
  },
  {
    name: "namespace-escape",
    attacks: "umount /proc, remount rw, nsenter into pid 1's namespaces, unshare -r",
    expect: "all refused: no marker outside",
    only: PYTEST,
    python: true,
    check: noMarker("ESCAPED", "ESCAPED2"),
  },
  {
    name: "writes-3gb",
    attacks: "a test writes 3 GB into one file",
    expect: "stopped at the 2 GiB file-size cap (RLIMIT_FSIZE); the temporary area removed",
    only: PYTEST,
    python: true,
    slow: true,
    check: stopped("tests.pytest", /wrote (\d+) bytes: \[Errno 27\] File too large/, 2 ** 31),
  },
  {
    name: "fills-disk-past-cap",
    attacks: "a test allocates 9 files of 1 GiB (each under the file-size cap)",
    expect: "killed by the 8 GiB disk watchdog (limitExceeded); the temporary area removed",
    only: PYTEST,
    python: true,
    slow: true,
    check: stopped("tests.pytest", /^disk: the writable directories hold \d+ bytes/m),
  },
  {
    name: "nested-userns",
    attacks: "a test creates a user namespace of its own (unshare --user, unshare(2))",
    expect: "refused: tests.pytest fails with the refusal",
    only: PYTEST,
    python: true,
    check: (r) =>
      statusOf(r, "tests.pytest") !== "fail"
        ? `tests.pytest ${
          statusOf(r, "tests.pytest")
        }: a nested user namespace was created or the test broke`
        : stopped("tests.pytest", /nested user namespace refused/)(r),
  },
  // --- The install step.
  {
    name: "requirements-include-outside",
    attacks: "`-r ../../outside/secret.txt` and an absolute -r in requirements.txt",
    expect: "include refused/unreadable; no canary",
    only: ["deps.python", "install.python"],
    slow: true,
  },
  {
    name: "backend-sleeps-forever",
    attacks: "a build backend that never returns",
    expect: "install.python error (timeout), never pass",
    only: ["install.python"],
    timeout: 15,
    slow: true,
    check: notPass("install.python"),
  },
  {
    name: "install-poisons-cache",
    attacks: "a build backend rewrites claimcheck's cache and plants a wheel beside its pip cache",
    expect: "only its own key's cache is writable: another key's wheels and environment unchanged",
    only: ["install.python"],
    slow: true,
    check: (r, d) => {
      try {
        Deno.lstatSync(join(d.cache, "pip", "planted.whl"));
        return "a wheel was planted in the shared pip cache";
      } catch {
        // The backend ran (it says so as it fails) and planted nothing.
        return stopped("install.python", /RuntimeError: poisoned/)(r);
      }
    },
  },
  {
    name: "backend-reads-home",
    attacks: "a build backend reads ~/.npmrc and connects to 127.0.0.1",
    expect: "HOME hidden, loopback unreachable",
    only: ["install.python"],
    slow: true,
    check: stopped("install.python", /RuntimeError: stolen/),
  },
  // --- Reading through the snapshot, and the snapshot itself.
  {
    name: "readme-symlink-chain",
    attacks: "README.md -> docs/inner.md -> outside/secret.md",
    expect: "the chain is refused at its second hop; no canary",
    only: CLAIMS,
    build: async (d) => {
      await Deno.symlink(join(d.outside, "secret.md"), join(d.target, "docs", "inner.md"));
      await Deno.symlink("docs/inner.md", join(d.target, "README.md"));
    },
  },
  {
    name: "requirements-symlink-chain",
    attacks: "requirements.txt -> docs/req.txt -> outside/secret.txt",
    expect: "deps.python reads nothing outside; no canary",
    only: ["deps.python"],
    build: async (d) => {
      await Deno.mkdir(join(d.target, "docs"), { recursive: true });
      await Deno.symlink(join(d.outside, "secret.txt"), join(d.target, "docs", "req.txt"));
      await Deno.symlink("docs/req.txt", join(d.target, "requirements.txt"));
    },
  },
  {
    name: "claimcheck-json-symlink-chain",
    attacks: "claimcheck.json -> a.json -> outside/secret.md",
    expect: "exit 2 (not readable) or defaults; no canary, no hang",
    only: CLAIMS,
    exitCodes: [0, 1, 2],
    build: async (d) => {
      await Deno.symlink(join(d.outside, "secret.md"), join(d.target, "a.json"));
      await Deno.symlink("a.json", join(d.target, "claimcheck.json"));
    },
  },
  {
    name: "fifo-in-tree",
    attacks: "FIFOs named README.md's neighbours, STATUS.md and pyproject.toml",
    expect: "listed in target.notes, never opened",
    only: [...CLAIMS, "deps.python"],
    build: async (d) => {
      await mkfifo(join(d.target, "STATUS.md"));
      await mkfifo(join(d.target, "pyproject.toml"));
    },
    check: noted(/STATUS\.md: a FIFO/),
  },
  {
    name: "socket-in-tree",
    attacks: "a unix socket in the tree",
    expect: "listed in target.notes",
    only: CLAIMS,
    build: async (d) => {
      const path = join(d.target, "agent.sock");
      await sh(`python3 -c "import socket; socket.socket(socket.AF_UNIX).bind('${path}')"`, "/");
      if (!await exists(path)) throw new Error("Cannot build a socket file");
    },
    check: noted(/agent\.sock: a socket/),
  },
  {
    name: "device-in-tree",
    attacks: "a character device in the tree",
    expect: "listed in target.notes, never opened",
    only: CLAIMS,
    build: async (d) => await sh(`mknod '${join(d.target, "zero")}' c 1 5 || true`, "/"),
  },
  {
    name: "symlink-loop",
    attacks: "a -> b -> a, and a folder link to the root",
    expect: "loops recorded and broken in the copy",
    only: CLAIMS,
    build: async (d) => {
      await Deno.symlink("b.md", join(d.target, "a.md"));
      await Deno.symlink("a.md", join(d.target, "b.md"));
      await Deno.symlink(".", join(d.target, "root"));
    },
    check: (r) => noted(/a\.md: a symlink loop/)(r) ?? noted(/root: a symlink to a folder/)(r),
  },
  {
    name: "sparse-10gb",
    attacks: "a 10 GB sparse file",
    expect: "not copied dense; noted",
    only: CLAIMS,
    build: async (d) => await Deno.truncate(await touch(join(d.target, "disk.img")), 10 * 2 ** 30),
    check: noted(/disk\.img: a sparse file/),
  },
  {
    name: "huge-file-over-cap",
    attacks: "a 600 MB file (over the per-file cap)",
    expect: "not copied; noted",
    only: CLAIMS,
    slow: true,
    build: async (d) => await write(join(d.target, "blob.bin"), randomBytes(600 * 2 ** 20)),
    check: noted(/blob\.bin: .*over the file cap/),
  },
  {
    name: "many-files-30k",
    attacks: "30,000 files (file descriptors, cleanup)",
    expect: "no EMFILE; the temporary area removed",
    only: CLAIMS,
    slow: true,
    build: async (d) =>
      await sh(
        "for i in $(seq 0 29); do mkdir -p d$i; (cd d$i && seq 1 1000 | xargs touch); done",
        d.target,
      ),
  },
  {
    name: "many-files-50k",
    attacks: "50,000 files (the copy's open files)",
    expect: "no EMFILE; the temporary area removed",
    only: CLAIMS,
    slow: true,
    build: async (d) =>
      await sh(
        "for i in $(seq 0 49); do mkdir -p d$i; (cd d$i && seq 1 1000 | xargs touch); done",
        d.target,
      ),
  },
  {
    name: "readme-20mb",
    attacks: "a 20 MB README",
    expect: "read up to the 2 MB cap with a note; claimcheck's max RSS stays under 768 MiB",
    only: CLAIMS,
    maxRssMiB: 768,
    build: async (d) =>
      await write(
        join(d.target, "README.md"),
        "# Status\n\n" + "All 5 tests passing and the prose goes on and on.\n\n".repeat(400_000),
      ),
    check: noted(/README\.md: \d+ bytes, only the first/),
  },
  {
    name: "readme-1mb-line",
    attacks: "a README whose single line is 1 MB",
    expect: "the line skipped with a note, in well under a second",
    only: CLAIMS,
    build: async (d) =>
      await write(join(d.target, "README.md"), "# Status\n\n" + "95% coverage ".repeat(80_000)),
    check: noted(/line\(s\) over 10000 characters skipped/),
  },
  {
    name: "binary-named-md-py",
    attacks: "random bytes named README.md and app.py",
    expect: "no crash; no claim from noise",
    only: [...CLAIMS, "deps.python"],
    build: async (d) => {
      await write(join(d.target, "README.md"), randomBytes(200_000));
      await write(join(d.target, "app.py"), randomBytes(50_000));
      await write(join(d.target, "pyproject.toml"), randomBytes(2_000));
    },
  },
  {
    name: "invalid-utf8",
    attacks: "invalid UTF-8 in documents, manifests and file names",
    expect: "no crash",
    only: [...CLAIMS, "deps.python"],
    build: async (d) => {
      const bad = new Uint8Array([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0x0a]);
      await write(
        join(d.target, "README.md"),
        new Uint8Array([...new TextEncoder().encode("# Status\n\n"), ...bad]),
      );
      await write(join(d.target, "requirements.txt"), bad);
      await write(join(d.target, "pyproject.toml"), bad);
      await sh(`printf 'x' > "$(printf 'bad-\\377\\376.md')"`, d.target);
    },
  },
  {
    name: "malformed-pyproject",
    attacks: "pyproject.toml that is not TOML",
    expect: "deps.python fail/error naming the file",
    only: ["deps.python"],
  },
  {
    name: "malformed-package-json",
    attacks: "package.json that is not JSON",
    expect: "no crash; the command claim unverified",
    only: CLAIMS,
  },
  {
    name: "malformed-deno-json",
    attacks: "deno.json that is not JSON",
    expect: "build.deno fail at the config, never pass",
    only: ["build.deno"],
    check: notPass("build.deno"),
  },
  {
    name: "malformed-claimcheck-json",
    attacks: "claimcheck.json that is not JSON",
    expect: "exit 2 with one line",
    only: CLAIMS,
    exitCodes: [2],
  },
  {
    name: "malformed-onnx",
    attacks: "model.onnx of random bytes",
    expect: "no crash; model claims unverified",
    only: CLAIMS,
    build: async (d) => await write(join(d.target, "model.onnx"), randomBytes(10_000)),
  },
  {
    name: "malformed-lcov-coverage",
    attacks: "committed lcov and coverage JSON that are malformed",
    expect: "no crash; the coverage claim unverified",
    only: CLAIMS,
    check: (r) =>
      r?.claims.some((c) => c.verdict === "verified")
        ? "a claim verified from malformed data"
        : undefined,
  },
  // --- The harness's own git.
  {
    name: "git-filter-driver",
    attacks:
      "clean/smudge/process filters, textconv, external diff, fsmonitor, pager, hooks in .git/config",
    expect: "none runs while the identity is read",
    only: CLAIMS,
    build: async (d) => {
      await evilGitConfig(d, false);
      await Deno.writeTextFile(join(d.target, "data.txt"), "changed\n");
    },
    check: (r, d) =>
      noMarker(...GIT_MARKERS)(r, d) ??
        (r?.target.dirty === true ? undefined : "a changed tree must be dirty"),
  },
  {
    name: "git-hooks-and-commands",
    attacks: "the same configuration, target given as path@HEAD (clone + checkout)",
    expect: "none runs during clone and checkout",
    only: CLAIMS,
    build: (d) => evilGitConfig(d, true),
    input: (d) => `${d.target}@HEAD`,
    check: noMarker(...GIT_MARKERS),
  },
  {
    name: "git-clone-filters",
    attacks: "file:// URL of a repository whose .gitattributes names filters and lfs",
    expect: "checked out without running a filter",
    only: CLAIMS,
    build: (d) => evilGitConfig(d, true),
    input: (d) => `file://${d.target}`,
    check: noMarker(...GIT_MARKERS),
  },
  {
    name: "detached-head",
    attacks: "a detached HEAD",
    expect: "the commit is recorded",
    only: CLAIMS,
    build: async (d) => {
      await git(["commit", "-q", "--allow-empty", "-m", "second"], d.target);
      await git(["checkout", "-q", "--detach", "HEAD~1"], d.target);
    },
    check: (r) => (r?.target.commit ? undefined : "no commit recorded for a detached HEAD"),
  },
  {
    name: "submodule-outside",
    attacks: "a submodule whose URL is ext::sh and whose path is a gitlink",
    expect: "never fetched; no marker",
    only: CLAIMS,
    build: async (d) => {
      await write(
        join(d.target, ".gitmodules"),
        `[submodule "evil"]\n\tpath = evil\n\turl = ext::sh -c touch% ${
          join(d.outside, "RAN-ext")
        }\n`,
      );
      await git(
        ["update-index", "--add", "--cacheinfo", `160000,${"1".repeat(40)},evil`],
        d.target,
      );
      await git(["add", ".gitmodules"], d.target);
      await git(["commit", "-q", "-m", "submodule"], d.target);
    },
    input: (d) => `${d.target}@HEAD`,
    check: noMarker("RAN-ext"),
  },
  {
    name: "lfs-pointers",
    attacks: "LFS pointer files with filter=lfs",
    expect: "pointers stay pointers; no lfs command",
    only: CLAIMS,
    input: (d) => `${d.target}@HEAD`,
  },
  {
    name: "gitdir-outside",
    attacks: ".git is a file pointing at a repository outside with an fsmonitor",
    expect: "no command runs",
    only: CLAIMS,
    build: async (d) => {
      const other = join(d.outside, "other.git");
      await Deno.rename(join(d.target, ".git"), other);
      await git(
        ["config", "core.fsmonitor", `touch ${join(d.outside, "RAN-fsmonitor")}; false`],
        other,
      );
      await Deno.writeTextFile(join(d.target, ".git"), `gitdir: ${other}\n`);
    },
    check: noMarker("RAN-fsmonitor"),
  },
  {
    name: "unreadable-permissions",
    attacks: "a file and a folder with mode 000",
    expect: "noted or read (as root); no crash",
    only: CLAIMS,
    build: async (d) => {
      await write(join(d.target, "locked", "STATUS.md"), "# Status\n");
      await write(join(d.target, "SECRET_STATUS.md"), "# Status\n");
      await Deno.chmod(join(d.target, "SECRET_STATUS.md"), 0o000);
      await Deno.chmod(join(d.target, "locked"), 0o000);
    },
  },
];

async function touch(path: string): Promise<string> {
  await Deno.writeFile(path, new Uint8Array());
  return path;
}

/**
 * Cases whose rules hold only once the sandbox helper's executor lands (hidden HOME and host,
 * unprivileged uid, pid/disk limits, read-only cache). The lead removes names as they pass.
 */
export const NEEDS_SANDBOX: ReadonlySet<string> = new Set([]);

/**
 * Cases whose rules hold only once another helper's change lands: the forged-JUnit cross-check
 * (testrun, checks/tests_pytest.ts) and the defensive JUnit read in checks/tests_pytest.ts.
 */
export const NEEDS_OTHER: ReadonlyMap<string, string> = new Map([]);
