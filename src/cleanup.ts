/**
 * Nothing left behind: on SIGINT or SIGTERM during an audit, every process claimcheck started is
 * killed and the audit's temporary area removed before the process exits; the CLI first lets the
 * audit stop early and write a partial report ({@link interruptOnSignal}).
 * @module
 */

/** Pids of every live descendant of `root` (read from `/proc/<pid>/stat`), deepest last. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: Iterable<Deno.DirEntry>;
  try {
    entries = Deno.readDirSync("/proc");
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry.name)) continue;
    let stat: string;
    try {
      stat = Deno.readTextFileSync(`/proc/${entry.name}/stat`);
    } catch {
      continue; // Gone already.
    }
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry.name));
    children.set(ppid, list);
  }
  const out: number[] = [];
  const queue = [...(children.get(root) ?? [])];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** SIGKILL every descendant of this process (and the process group each leads). */
export function killDescendants(): void {
  for (const pid of descendants(Deno.pid)) {
    for (const target of [-pid, pid]) {
      try {
        Deno.kill(target, "SIGKILL");
      } catch {
        // Not a group leader, or already gone.
      }
    }
  }
}

const SIGNALS = [["SIGINT", 130], ["SIGTERM", 143]] as const;

/**
 * Until the returned function is called: on SIGINT or SIGTERM, kill every descendant, remove
 * `workDir` and exit with 128 + the signal's number. With `graceful` (an audit that an
 * {@link interruptOnSignal} stops), the first signal is left to it: the audit ends early and removes
 * `workDir` itself; only a second signal forces the exit.
 */
export function cleanupOnSignal(workDir: string, graceful?: AbortSignal): () => void {
  let seen = 0;
  const handlers = SIGNALS.map(([signal, code]) => {
    const handler = () => {
      if (graceful !== undefined && seen++ === 0) return;
      killDescendants();
      try {
        Deno.removeSync(workDir, { recursive: true });
      } catch {
        // Already gone.
      }
      Deno.exit(code);
    };
    Deno.addSignalListener(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) Deno.removeSignalListener(signal, handler);
  };
}

/** An audit stopped by SIGINT or SIGTERM: the signal to hand it, and the exit code to end with. */
export interface Interrupt {
  /** Aborted at the first SIGINT or SIGTERM (its reason is the signal's name). */
  signal: AbortSignal;
  /** 130 after SIGINT, 143 after SIGTERM; `undefined` while neither came. */
  exitCode(): number | undefined;
  /** Stop listening. */
  stop(): void;
}

/**
 * Until `stop()`: the first SIGINT or SIGTERM aborts the returned signal, so the audit holding it
 * kills its running probes, starts no other and writes what finished (see `AuditRequest.signal`).
 */
export function interruptOnSignal(): Interrupt {
  const controller = new AbortController();
  let code: number | undefined;
  const handlers = SIGNALS.map(([signal, exit]) => {
    const handler = () => {
      if (code !== undefined) return;
      code = exit;
      controller.abort(signal);
    };
    Deno.addSignalListener(signal, handler);
    return [signal, handler] as const;
  });
  return {
    signal: controller.signal,
    exitCode: () => code,
    stop: () => {
      for (const [signal, handler] of handlers) Deno.removeSignalListener(signal, handler);
    },
  };
}
