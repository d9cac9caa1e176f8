import { deepStrictEqual } from "node:assert/strict";
import { stepFence } from "./fences.ts";

Deno.test("stepFence() opens at a fence and closes only at one of the same character, as long", () => {
  const lines = ["text", "````md", "```", "~~~", "````", "after"];
  let open: string | undefined;
  const fenced = lines.map((line) => {
    const step = stepFence(open, line);
    open = step.open;
    return step.fenced;
  });
  deepStrictEqual(fenced, [false, true, true, true, true, false]);
  deepStrictEqual(open, undefined);
});
