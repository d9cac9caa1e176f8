import assert from "node:assert/strict";
import { repairMojibake } from "./mojibake.ts";

/** What a Windows code page makes of UTF-8 text: its bytes read as that page. */
function doublyEncode(text: string, page = "windows-1252"): string {
  return new TextDecoder(page).decode(new TextEncoder().encode(text));
}

Deno.test("repairMojibake() undoes a cp1252 reading of UTF-8", async (t) => {
  const cases = [
    "✅ Tests pass — all 12",
    "Coverage ≥ 85% and imports 3 × faster",
    "Latency → p95 ≈ 4 ms ⚠️ under load",
    "Status: 🚀 shipped “today”",
    "Naïve café façade, 25 µs",
  ];
  for (const text of cases) {
    await t.step(text, () => assert.equal(repairMojibake(doublyEncode(text)), text));
  }
});

Deno.test("repairMojibake() undoes a cp1254 (Turkish) reading of UTF-8", () => {
  const broken = doublyEncode("🚀 Launch 📊 Metrics", "windows-1254");
  assert.ok(broken.includes("ğŸ"));
  assert.equal(repairMojibake(broken), "🚀 Launch 📊 Metrics");
});

Deno.test("repairMojibake() repairs the strings met in status documents", () => {
  assert.equal(repairMojibake("âœ… done â€” 2 â‰¥ 1, 3 Ã— 4"), "✅ done — 2 ≥ 1, 3 × 4");
});

Deno.test("repairMojibake() marks a sequence whose bytes were lost with U+FFFD", () => {
  // 🎉 is F0 9F 8E 89; cp1254 has no character for 0x8E, so it was dropped.
  assert.equal(repairMojibake("ğŸ‰ Done âœ…"), "\uFFFD Done ✅");
});

Deno.test("repairMojibake() never changes correct UTF-8", async (t) => {
  const cases = [
    "✅ Tests: 12 passed — café",
    "Plain ASCII, nothing to do.",
    "Café crème, naïve façade, Ångström",
    "A symbol ✅ beside what looks like mojibake: âœ…",
    "Ã alone, then Â",
    "",
  ];
  for (const text of cases) {
    await t.step(text || "(empty)", () => assert.equal(repairMojibake(text), text));
  }
});

Deno.test("repairMojibake() keeps every line break", () => {
  const text = "# Title âœ…\n\n- item â€” one\r\n- item two\n";
  const repaired = repairMojibake(text);
  assert.equal(repaired, "# Title ✅\n\n- item — one\r\n- item two\n");
  assert.equal(repaired.split("\n").length, text.split("\n").length);
});

const CORPUS = new URL("../../../shared/corpus/", import.meta.url);
const present = (() => {
  try {
    return Deno.statSync(CORPUS).isDirectory;
  } catch {
    return false;
  }
})();

Deno.test({
  name: "repairMojibake() repairs the doubly encoded corpus documents and leaves the others",
  ignore: !present,
  fn: async () => {
    const names = [...Deno.readDirSync(CORPUS)].map((e) => e.name).filter((n) => n.endsWith(".txt"))
      .sort();
    let repaired = 0;
    for (const name of names) {
      const text = await Deno.readTextFile(new URL(name, CORPUS));
      const fixed = repairMojibake(text);
      assert.equal(fixed.split("\n").length, text.split("\n").length, name);
      assert.ok(!/âœ|â€|Ã—/.test(fixed), `${name} still holds mojibake`);
      if (fixed !== text) {
        repaired++;
        assert.ok(fixed.includes("✅"), name);
      }
    }
    assert.equal(repaired, 3);
  },
});
