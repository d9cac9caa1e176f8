/**
 * Write reports to disk atomically (a temporary file renamed into place).
 * @module
 */
import { basename, join } from "node:path";
import { renderMarkdown } from "./markdown.ts";
import { renderSarif } from "./sarif.ts";
import { type Report, ReportSchema } from "./schema.ts";

/** The formats `writeReports` can write. */
export type Format = "md" | "json" | "sarif";

/** Render one format from a (validated) report. */
export function render(report: Report, format: Format): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(ReportSchema.parse(report), null, 2)}\n`;
    case "sarif":
      return renderSarif(report);
    case "md":
      return renderMarkdown(report);
  }
}

/** Write `text` to `path` so that readers never see a half-written file. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const temporary = `${path}.${crypto.randomUUID()}.tmp`;
  await Deno.writeTextFile(temporary, text);
  await Deno.rename(temporary, path);
}

/** A file name for a target: the last path segment of a directory or repository URL. */
export function reportName(report: Report): string {
  const segment = (path: string) => basename(path.replace(/[/\\]+$/, "").replace(/\.git$/, ""));
  const own = segment(report.target.path);
  const base = own && !/^\.+$/.test(own) ? own : segment(report.target.repoPath ?? "") || "target";
  return base.replace(/[^\w.-]/g, "_");
}

/** Write `report` to `outDir` in each format as `<name>.<format>`; returns the paths written. */
export async function writeReports(
  report: Report,
  outDir: string,
  formats: readonly Format[],
  name = reportName(report),
): Promise<string[]> {
  await Deno.mkdir(outDir, { recursive: true });
  const paths: string[] = [];
  for (const format of formats) {
    const path = join(outDir, `${name}.${format}`);
    await writeAtomic(path, render(report, format));
    paths.push(path);
  }
  return paths;
}
