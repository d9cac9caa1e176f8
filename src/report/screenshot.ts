/**
 * `deno task screenshot [REPORT.json]`: the markdown report as a person sees it. Renders the
 * markdown to HTML (micromark with GFM, GitHub-like styles at 1,000 px), takes a screenshot with
 * headless Chromium (Debian's `chromium`), and checks that the claims table fits 1,000 px.
 * Writes `<report>.png` beside the report; exit 1 when the table overflows, 2 with one line when it
 * cannot run (no chromium, an unreadable report).
 * @module
 */
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { join } from "node:path";
import { readReport } from "./read.ts";
import { renderMarkdown } from "./markdown.ts";

/** The width the report must fit: GitHub's markdown column on a laptop. */
export const PAGE_WIDTH = 1000;

const STYLE = `
body { width: ${PAGE_WIDTH}px; margin: 0; padding: 16px; box-sizing: border-box;
  font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
table { display: block; width: max-content; max-width: 100%; overflow: auto; border-spacing: 0;
  border-collapse: collapse; }
td, th { padding: 6px 13px; border: 1px solid #d1d9e0; }
code { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; background: #eff1f3; padding: 2px 4px; }
`;

/** The report's markdown as a standalone HTML page that records its claims table's widths. */
export function reportHtml(markdown: string): string {
  const body = micromark(markdown, {
    allowDangerousHtml: true,
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()],
  });
  const probe = `<script>
addEventListener("load", () => {
  const heading = [...document.querySelectorAll("h2")].find((h) => h.textContent === "Claims vs evidence");
  let table = heading;
  while (table && table.tagName !== "TABLE") table = table.nextElementSibling;
  document.body.dataset.claims = table ? table.scrollWidth + "/" + table.clientWidth : "none";
});
</script>`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body>${body}${probe}</body></html>`;
}

/** The one line printed when Chromium is not on the PATH. */
export const NO_CHROMIUM =
  "Cannot take a screenshot: chromium is not installed (on Debian: apt-get install chromium)";

async function chromium(args: string[]): Promise<string> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command("chromium", {
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", ...args],
      stdout: "piped",
      stderr: "null",
    }).output();
  } catch (error) {
    throw error instanceof Deno.errors.NotFound ? new Error(NO_CHROMIUM) : error;
  }
  if (!out.success) throw new Error(`chromium ${args.at(-1)} failed with exit ${out.code}`);
  return new TextDecoder().decode(out.stdout);
}

/**
 * Screenshot `reportPath`'s markdown to `pngPath` and measure its claims table: `[scrollWidth,
 * clientWidth]` in CSS pixels (equal when it fits), or undefined when the report has no table.
 */
export async function screenshotReport(
  reportPath: string,
  pngPath: string,
): Promise<[number, number] | undefined> {
  const html = reportHtml(renderMarkdown(await readReport(reportPath)));
  const dir = await Deno.makeTempDir({ prefix: "claimcheck-shot-" });
  try {
    const page = join(dir, "report.html");
    await Deno.writeTextFile(page, html);
    const url = `file://${page}`;
    await chromium([`--window-size=${PAGE_WIDTH},2400`, `--screenshot=${pngPath}`, url]);
    const dom = await chromium([`--window-size=${PAGE_WIDTH},2400`, "--dump-dom", url]);
    const match = dom.match(/data-claims="(\d+)\/(\d+)"/);
    return match ? [Number(match[1]), Number(match[2])] : undefined;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) {
  const report = Deno.args[0] ?? "reports/demo.json";
  const png = report.replace(/\.json$/, "") + ".png";
  const widths = await screenshotReport(report, png).catch((error: unknown) => {
    console.error(
      `claimcheck: ${(error instanceof Error ? error.message : String(error)).split("\n")[0]}`,
    );
    Deno.exit(2);
  });
  console.log(`Screenshot: ${png}`);
  if (widths === undefined) {
    console.log("No claims table in this report");
  } else if (widths[0] > widths[1]) {
    console.error(`The claims table is ${widths[0]} px wide; it overflows ${PAGE_WIDTH} px`);
    Deno.exit(1);
  } else {
    console.log(`The claims table fits ${PAGE_WIDTH} px (${widths[0]} px)`);
  }
}
