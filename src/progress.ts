/**
 * Progress of an audit on stderr. On a terminal: one live line, `[3/9] running install.python 4.2 s`,
 * cut to the terminal's width (so it never wraps), above it a line per finished check. Otherwise
 * (CI): plain lines only. Colour only on a terminal without `NO_COLOR`.
 * @module
 */
import cliTruncate from "cli-truncate";
import type { Status } from "./check.ts";
import { formatDuration } from "./report/format.ts";
import type { ProgressEvent } from "./scheduler.ts";

/** Receives scheduler events; `stop()` clears the live line. */
export interface ProgressReporter {
  update: (event: ProgressEvent) => void;
  stop: () => void;
}

/** What the live line shows: how many checks finished of how many, and what runs since when. */
export interface ProgressState {
  done: number;
  total: number;
  /** Running check ids with their start times (ms, the same clock as `now`). */
  running: ReadonlyMap<string, number>;
}

const COLOURS: Record<Status, number> = {
  pass: 32,
  fail: 31,
  warn: 33,
  skip: 90,
  unverified: 35,
  error: 31,
};

/**
 * The live line for `state` at `now`, at most `columns` wide (measured as a terminal shows it:
 * wide and combining characters included): `[3/9] running install.python 4.2 s, tests.deno 0.8 s`.
 */
export function progressLine(state: ProgressState, now: number, columns: number): string {
  const running = [...state.running].map(([id, began]) => `${id} ${formatDuration(now - began)}`);
  const line = `[${Math.min(state.done + 1, state.total)}/${state.total}] running ${
    running.join(", ")
  }`;
  return cliTruncate(line, Math.max(10, columns - 1));
}

function columns(): number {
  try {
    return Deno.consoleSize().columns;
  } catch {
    return 80;
  }
}

/** A reporter writing to stderr, live only when stderr is a terminal. */
export function progressReporter(): ProgressReporter {
  const tty = Deno.stderr.isTerminal();
  const colour = tty && !Deno.env.get("NO_COLOR");
  const encoder = new TextEncoder();
  const write = (text: string) => Deno.stderr.writeSync(encoder.encode(text));
  const running = new Map<string, number>();
  let done = 0;
  let total = 0;
  const paint = (s: Status) => (colour ? `\x1b[${COLOURS[s]}m${s}\x1b[0m` : s);
  const clear = () => tty && write("\r\x1b[2K");
  const paintLive = () => {
    if (running.size === 0) return;
    clear();
    write(progressLine({ done, total, running }, performance.now(), columns()));
  };
  const timer = tty ? setInterval(paintLive, 100) : undefined;
  return {
    update(event) {
      if (event.kind === "plan") {
        total = event.total;
        return;
      }
      if (event.kind === "start") {
        running.set(event.id, performance.now());
        return;
      }
      const r = event.result;
      running.delete(r.id);
      done++;
      if (r.status === "skip") return;
      clear();
      write(
        `${r.id.padEnd(22)} ${paint(r.status).padEnd(colour ? 19 : 10)} ${
          formatDuration(r.durationMs).padStart(8)
        }  ${r.summary}\n`,
      );
    },
    stop() {
      if (timer !== undefined) clearInterval(timer);
      clear();
    },
  };
}
