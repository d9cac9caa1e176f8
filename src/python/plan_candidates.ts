/**
 * One candidate plan per source (a CI test step, a tox environment, a nox session, a Makefile
 * target): its command, selection, environment and the installs it makes before testing.
 * @module
 */
// @ts-types="@types/shell-quote"
import { quote } from "shell-quote";
import type { Finding } from "../finding.ts";
import { makeCommands, type Makefile } from "./makefile.ts";
import type { NoxFile, NoxSession } from "./plan_sources.ts";
import { coverageTargets, impliedPlugins, pytestSelection, UNRESOLVED } from "./pytest_args.ts";
import {
  classifyCommand,
  type CommandKind,
  EXPRESSION,
  parsePipInstall,
  type ShellCommand,
} from "./shell_commands.ts";
import type { PlanPiece, PlanRequirement, PlanSourceKind } from "./test_plan.ts";
import type { ToxConfig } from "./tox.ts";
import { concreteVersions, type Workflow } from "./workflows.ts";

/** A source's plan before the project's test layer and the plugins are added. */
export interface Candidate {
  source: PlanSourceKind;
  /** Why it is the command: "the CI step at ci.yml:20 runs `pytest tests`". */
  why: string;
  command: string;
  runner: "pytest" | "unittest" | "module";
  pytestInvocation: "module" | "script";
  pytestArgs: string[];
  /** What the command's `--cov` options measure. */
  coverageTargets: string[];
  moduleArgs: string[];
  /** Plugins the kept arguments need (`-p xdist`). */
  argPlugins: Array<{ name: string; option: string }>;
  env: Record<string, string>;
  requirements: PlanRequirement[];
  requirementsFiles: string[];
  extras: string[];
  /** Dependency groups it installs (`pip install --group`, tox `dependency_groups`). */
  groups: string[];
  installsProject: boolean;
  /** Whether the project is installed editable (`-e .`, tox `usedevelop`, `uv sync`). */
  installsEditable: boolean;
  /** Whether the source writes down the whole test environment (see {@link Installs.written}). */
  installsWritten: boolean;
  pythonVersions: string[];
  pieces: PlanPiece[];
}

/** What a source installs before its test command. */
interface Installs {
  requirements: PlanRequirement[];
  requirementsFiles: string[];
  extras: string[];
  groups: string[];
  installsProject: boolean;
  editable: boolean;
  /**
   * Whether these installs are the whole test environment as the maintainers write it: a tox env or
   * nox session, or `pip install` lines before the test command. A project tool's sync (`uv sync`,
   * `poetry install`, `pdm install`) is not: it adds groups of its own choosing.
   */
  written: boolean;
  synced: boolean;
  pieces: PlanPiece[];
}

function noInstalls(): Installs {
  return {
    requirements: [],
    requirementsFiles: [],
    extras: [],
    groups: [],
    installsProject: false,
    editable: false,
    written: false,
    synced: false,
    pieces: [],
  };
}

function addPip(
  into: Installs,
  command: Extract<CommandKind, { kind: "pip" }>,
  where: PlanPiece,
  wantedBy: string,
): void {
  const pip = parsePipInstall(command.args);
  into.written = true;
  if (command.sync) into.synced = true;
  into.requirements.push(...pip.requirements.map((requirement) => ({ requirement, wantedBy })));
  into.requirementsFiles.push(...pip.files.map((f) => f.replace(/^\.\//, "")));
  into.extras.push(...pip.extras);
  into.groups.push(...pip.groups);
  if (pip.installsProject) into.installsProject = true;
  if (pip.editable) into.editable = true;
  into.pieces.push(where);
}

type TestKind = Extract<CommandKind, { kind: "test" }>;

/** The runner and selection of a test command. */
function selection(test: TestKind): Pick<
  Candidate,
  "runner" | "pytestInvocation" | "pytestArgs" | "coverageTargets" | "moduleArgs" | "argPlugins"
> {
  if (test.runner !== "pytest") {
    return {
      runner: test.runner,
      pytestInvocation: "module",
      pytestArgs: [],
      coverageTargets: [],
      moduleArgs: test.args,
      argPlugins: [],
    };
  }
  const kept = pytestSelection(test.args).kept;
  return {
    runner: "pytest",
    pytestInvocation: test.script ? "script" : "module",
    pytestArgs: kept,
    coverageTargets: coverageTargets(test.args),
    moduleArgs: [],
    argPlugins: impliedPlugins(kept),
  };
}

function known(value: string): boolean {
  return !value.includes(EXPRESSION) && !value.includes(UNRESOLVED) && !value.includes("$");
}

/** Variables that belong to the machine or the CI runner, never to the tests' selection. */
const MACHINE_ENV =
  /^(PATH|HOME|SHELL|USER|TMPDIR|PYTHONHOME|VIRTUAL_ENV|LD_\w+|DYLD_\w+|GITHUB_\w+|RUNNER_\w+)$/;

/** The values that are known here, machine and runner variables left out. */
function knownEnv(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(([k, v]) => known(v) && !MACHINE_ENV.test(k)),
  );
}

function candidate(
  source: PlanSourceKind,
  why: string,
  command: ShellCommand | { argv: string[]; text: string; env: Record<string, string> },
  test: TestKind,
  installs: Installs,
  extra: { env?: Record<string, string>; pythonVersions?: string[]; pieces: PlanPiece[] },
): Candidate {
  return {
    source,
    why,
    command: command.text,
    ...selection(test),
    env: knownEnv({ ...extra.env, ...command.env }),
    requirements: installs.requirements,
    requirementsFiles: installs.requirementsFiles,
    extras: installs.extras,
    groups: installs.groups,
    installsProject: installs.installsProject,
    installsEditable: installs.editable,
    installsWritten: installs.written && !installs.synced,
    pythonVersions: extra.pythonVersions ?? [],
    pieces: [...installs.pieces, ...extra.pieces],
  };
}

// ---- Makefile ----

/** Targets that run the tests, in order of preference; `coverage` only when none of them does. */
const MAKE_TARGETS = ["test", "tests", "check", "ci", "coverage"];

/** Targets that set up a development environment, in order of preference. */
const SETUP_TARGETS = ["dev", "develop", "install-dev", "dev-install", "install", "setup", "init"];

/** The first setup target whose recipe runs `pip install`, with what it installs. */
function setupTarget(makefile: Makefile): { name: string; installs: Installs } | undefined {
  for (const name of SETUP_TARGETS) {
    const installs = noInstalls();
    for (const c of makeCommands(makefile, name)) {
      const kind = classifyCommand(c.argv);
      if (kind.kind !== "pip") continue;
      const where = { file: makefile.path, line: c.line, detail: c.text };
      addPip(installs, kind, where, `${makefile.path} \`make ${name}\``);
    }
    if (installs.pieces.length > 0) return { name, installs };
  }
  return undefined;
}

/**
 * The plan of `make TARGET` (the first test target when `target` is undefined). When neither the
 * target nor its prerequisites install anything, the first setup target that does (`make dev`,
 * `make install`) is taken as the step the maintainers run first.
 */
export function makeCandidate(makefile: Makefile, target?: string): Candidate | undefined {
  const targets = target !== undefined ? [target] : MAKE_TARGETS;
  for (const name of targets) {
    const installs = noInstalls();
    for (const c of makeCommands(makefile, name)) {
      const kind = classifyCommand(c.argv);
      const where = { file: makefile.path, line: c.line, detail: c.text };
      if (kind.kind === "pip") {
        addPip(installs, kind, where, `${makefile.path} \`make ${name}\``);
      }
      if (kind.kind !== "test") continue;
      const rule = makefile.targets.get(name);
      const setup = installs.pieces.length === 0 ? setupTarget(makefile) : undefined;
      return candidate(
        "make",
        `the Makefile target \`${name}\` (${makefile.path}:${
          rule?.line ?? c.line
        }) runs \`${c.text}\`${
          setup ? `; it installs nothing, so \`make ${setup.name}\` is taken as the setup step` : ""
        }`,
        c,
        kind,
        setup?.installs ?? installs,
        { pieces: [where] },
      );
    }
  }
  return undefined;
}

// ---- nox ----

const NOX_NAMES = ["tests", "test", "pytest"];

function noxTest(
  session: NoxSession,
): { kind: TestKind; line: number; argv: string[] } | undefined {
  for (const run of session.runs) {
    const kind = classifyCommand(run.args);
    if (kind.kind === "test") return { kind, line: run.line, argv: run.args };
  }
  return undefined;
}

/** The plan of a noxfile's test session (`requested`: the names `nox -s` gives). */
export function noxCandidate(
  file: NoxFile,
  requested: readonly string[] = [],
): Candidate | undefined {
  if (!("sessions" in file)) return undefined;
  const base = (name: string) => name.replace(/-\d+(\.\d+)*$/, "");
  const wanted = requested.filter(known).map(base);
  const sessions = file.sessions.filter((s) => noxTest(s) !== undefined);
  const session = wanted.length > 0
    ? sessions.find((s) => wanted.includes(s.name))
    : NOX_NAMES.map((n) => sessions.find((s) => s.name === n)).find(Boolean) ?? sessions[0];
  const test = session && noxTest(session);
  if (!session || !test) return undefined;
  // A nox session's environment is what its `session.install` calls put in it, none included.
  const installs = { ...noInstalls(), written: true };
  const wantedBy = `${file.file} session \`${session.name}\``;
  for (const call of session.installs) {
    addPip(installs, { kind: "pip", args: call.args }, {
      file: file.file,
      line: call.line,
      detail: `session.install(${call.args.map((a) => JSON.stringify(a)).join(", ")})`,
    }, wantedBy);
  }
  for (const run of session.runs) {
    const kind = classifyCommand(run.args);
    if (kind.kind === "pip" && run.line < test.line) {
      addPip(
        installs,
        kind,
        { file: file.file, line: run.line, detail: run.args.join(" ") },
        wantedBy,
      );
    }
  }
  const text = quote(test.argv);
  return candidate(
    "nox",
    `the nox session \`${session.name}\` (${file.file}:${session.line}) runs \`${text}\``,
    { argv: test.argv, text, env: session.env },
    test.kind,
    installs,
    {
      pythonVersions: concreteVersions(session.python),
      pieces: [{ file: file.file, line: test.line, detail: `session.run(${text})` }],
    },
  );
}

// ---- tox ----

/** The plan of a tox environment: `requested` from `tox -e`, else the env list, else `[testenv]`. */
export function toxCandidate(
  config: ToxConfig,
  requested: readonly string[] = [],
  posargs?: readonly string[],
): Candidate | undefined {
  const asked = requested.filter(known);
  const python = (name: string) => /(^|-)(py\d*|3\.\d+)(-|$)/.test(name);
  const listed = [...config.envList.filter(python), ...config.envList.filter((n) => !python(n))];
  const names = asked.length > 0 ? asked : [...listed, "py"];
  for (const name of names) {
    const env = config.env(name, posargs);
    for (const c of env.commands) {
      const kind = classifyCommand(c.argv);
      if (kind.kind !== "test") continue;
      const wantedBy = `${env.file} env \`${name}\` deps`;
      const installs: Installs = {
        requirements: env.requirements.map((r) => ({ requirement: r.text, wantedBy })),
        requirementsFiles: env.requirementsFiles,
        extras: env.extras,
        groups: env.dependencyGroups,
        installsProject: env.installsProject,
        editable: env.editable,
        written: true,
        synced: false,
        pieces: env.pieces,
      };
      return candidate(
        "tox",
        `the tox env \`${name}\` (${env.file}:${env.line}) runs \`${c.text}\``,
        { argv: c.argv, text: c.text, env: {} },
        kind,
        installs,
        {
          env: env.env,
          pythonVersions: concreteVersions(
            [name, ...config.envList].flatMap((n) =>
              [...n.matchAll(/(?:^|-)py3(\d+)(?:-|$)/g)].map((m) => `3.${m[1]}`)
            ),
          ),
          pieces: [{ file: env.file, line: c.line, detail: `commands = ${c.text}` }],
        },
      );
    }
  }
  return undefined;
}

// ---- CI ----

/** What the CI candidate needs to follow a `tox`, `nox` or `make` step. */
export interface FollowTargets {
  tox?: ToxConfig;
  nox?: NoxFile;
  makefile?: Makefile;
}

/** `-e a,b` / `-s a b` values of a tox or nox command line, and what follows `--`. */
function namesAndPosargs(
  args: readonly string[],
  flags: readonly string[],
): { names: string[]; posargs: string[] } {
  const dash = args.indexOf("--");
  const own = dash >= 0 ? args.slice(0, dash) : args;
  const names: string[] = [];
  for (let i = 0; i < own.length; i++) {
    const arg = own[i] as string;
    const inline = flags.map((f) => arg.startsWith(`${f}=`) ? arg.slice(f.length + 1) : undefined)
      .find((v) => v !== undefined);
    if (inline !== undefined) names.push(...inline.split(","));
    else if (flags.includes(arg)) {
      for (let j = i + 1; j < own.length && !(own[j] as string).startsWith("-"); j++, i++) {
        names.push(...(own[j] as string).split(","));
      }
    }
  }
  return { names: names.filter(Boolean), posargs: dash >= 0 ? args.slice(dash + 1) : [] };
}

function follow(
  kind: CommandKind,
  targets: FollowTargets,
  problems: Finding[],
  where: string,
): Candidate | undefined {
  if (kind.kind === "tox") {
    const { names, posargs } = namesAndPosargs(kind.args, ["-e", "--env"]);
    if (!targets.tox) {
      problems.push({
        message: `The CI step at ${where} runs tox, but no tox configuration could be read`,
      });
      return undefined;
    }
    return toxCandidate(targets.tox, names, posargs.length > 0 ? posargs : undefined);
  }
  if (kind.kind === "nox") {
    const { names } = namesAndPosargs(kind.args, ["-s", "--session", "--sessions"]);
    if (!targets.nox || !("sessions" in targets.nox)) {
      problems.push({ message: `The CI step at ${where} runs nox, but no noxfile could be read` });
      return undefined;
    }
    return noxCandidate(targets.nox, names);
  }
  if (kind.kind === "make" && targets.makefile) {
    const target = kind.args.find((a) => !a.startsWith("-") && !a.includes("="));
    return target !== undefined ? makeCandidate(targets.makefile, target) : undefined;
  }
  return undefined;
}

/** Jobs whose name says they test come first. */
function jobOrder(workflows: readonly Workflow[]) {
  const jobs = workflows.flatMap((w) => w.jobs.map((job) => ({ workflow: w, job })));
  const testing = (id: string) => /test|pytest|ci|check/i.test(id) ? 0 : 1;
  return jobs.map((j, i) => ({ ...j, i })).sort((a, b) =>
    testing(a.job.id) - testing(b.job.id) || a.i - b.i
  );
}

/**
 * The plan of the first CI step that runs the tests (a job named for testing first); a step that runs
 * tox, nox or a make target is followed into that source.
 */
export function ciCandidate(
  workflows: readonly Workflow[],
  targets: FollowTargets,
  problems: Finding[],
): Candidate | undefined {
  for (const { workflow, job } of jobOrder(workflows)) {
    const installs = noInstalls();
    for (const step of job.steps) {
      for (const c of step.commands) {
        const kind = classifyCommand(c.argv);
        const where = `${workflow.path}:${c.line}`;
        const piece = { file: workflow.path, line: c.line, detail: `run: ${c.text}` };
        if (kind.kind === "pip") {
          addPip(installs, kind, piece, `CI pip install (${where})`);
          continue;
        }
        const env = { ...step.env };
        if (kind.kind === "test") {
          return candidate(
            "ci",
            `an explicit CI test step (${where}, job \`${job.id}\`) runs \`${c.text}\``,
            c,
            kind,
            installs,
            { env, pythonVersions: job.pythonVersions, pieces: [piece] },
          );
        }
        const followed = follow(kind, targets, problems, where);
        if (followed) {
          return {
            ...followed,
            why: `the CI step at ${where} (job \`${job.id}\`) runs \`${c.text}\`; ${followed.why}`,
            env: knownEnv({ ...env, ...c.env, ...followed.env }),
            pythonVersions: job.pythonVersions.length > 0
              ? job.pythonVersions
              : followed.pythonVersions,
            pieces: [piece, ...followed.pieces],
          };
        }
      }
    }
  }
  return undefined;
}

/** Every requirement that CI pip lines install anywhere (for "declared somewhere"). */
export function ciRequirements(workflows: readonly Workflow[]): string[] {
  return workflows.flatMap((w) =>
    w.jobs.flatMap((j) =>
      j.steps.flatMap((s) =>
        s.commands.flatMap((c) => {
          const kind = classifyCommand(c.argv);
          return kind.kind === "pip" ? parsePipInstall(kind.args).requirements : [];
        })
      )
    )
  );
}
