/**
 * Units are formatted only here, at output time.
 * @module
 */
import type { Unit } from "../measurement.ts";

/** A byte count for people: `512 B`, `1.2 kB`, `3.4 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = "B";
  for (const u of units) {
    if (value < 1000) break;
    value /= 1000;
    unit = u;
  }
  return `${value.toFixed(value < 10 ? 2 : 1)} ${unit}`;
}

/** A duration for people: `850 ms`, `12.3 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function number(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(2)));
}

/** A measured or claimed value in its unit. */
export function formatValue(value: number, unit: Unit): string {
  switch (unit) {
    case "percent":
      return `${number(value)} %`;
    case "ms":
      return `${number(value)} ms`;
    case "bytes":
      return formatBytes(value);
    case "rps":
      return `${number(value)} req/s`;
    case "ratio":
      return `${number(value)}×`;
    case "count":
      return number(value);
  }
}
