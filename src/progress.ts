/**
 * Progress of an audit on stderr: a spinner and a line per finished check on a terminal,
 * plain lines otherwise (CI). Colour only on a terminal without `NO_COLOR`.
 * @module
 */
import type { Status } from "./check.ts";
import { formatDuration } from "./report/format.ts";
import type { ProgressEvent } from "./scheduler.ts";

/** Receives scheduler events; `stop()` clears the spinner. */
export interface ProgressReporter {
  update: (event: ProgressEvent) => void;
  stop: () => void;
}

const COLOURS: Record<Status, number> = {
  pass: 32,
  fail: 31,
  warn: 33,
  skip: 90,
  unverified: 35,
  error: 31,
};
const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** A reporter writing to stderr, animated only when stderr is a terminal. */
export function progressReporter(): ProgressReporter {
  const tty = Deno.stderr.isTerminal();
  const colour = tty && !Deno.env.get("NO_COLOR");
  const encoder = new TextEncoder();
  const write = (text: string) => Deno.stderr.writeSync(encoder.encode(text));
  const running = new Set<string>();
  let frame = 0;
  const paint = (s: Status) => (colour ? `\x1b[${COLOURS[s]}m${s}\x1b[0m` : s);
  const clear = () => tty && write("\r\x1b[2K");
  const timer = tty
    ? setInterval(() => {
      if (running.size === 0) return;
      clear();
      write(`${FRAMES[frame++ % FRAMES.length]} running ${[...running].join(", ")}`);
    }, 100)
    : undefined;
  return {
    update(event) {
      if (event.kind === "start") {
        running.add(event.id);
        return;
      }
      const r = event.result;
      running.delete(r.id);
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
